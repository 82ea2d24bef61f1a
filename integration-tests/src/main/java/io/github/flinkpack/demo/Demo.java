package io.github.flinkpack.demo;

import io.github.flinkpack.testing.Folders;
import io.github.flinkpack.testing.cluster.SqlClient;
import io.github.flinkpack.testing.redis.ReplayGuardKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import redis.clients.jedis.Jedis;

/**
 * {@code ./demo.sh} and {@code ./demo-sql.sh}: the whole stack on this machine and the users'
 * pipelines on it. {@code run} runs SCENARIOS 000, 001 and 004 through the SQL client, prints what
 * landed in Redis and Kafka, checks it, and stops everything; {@code shell} leaves the user in an
 * interactive SQL client with the pack and the pipelines' tables registered.
 */
public final class Demo {

    private final long started = System.nanoTime();

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "run" : args[0];
        Path dir = Paths.get(args.length > 1 ? args[1] : "target/demo").toAbsolutePath();
        Demo demo = new Demo();
        int status;
        switch (mode) {
            case "run":
                status = demo.run(dir);
                break;
            case "shell":
                status = demo.shell(dir);
                break;
            default:
                System.err.println("Usage: Demo run|shell [work folder]");
                status = 2;
        }
        System.exit(status);
    }

    private void progress(String step) {
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.printf("[demo %3ds] %s%n", seconds, step);
        System.out.flush();
    }

    private DemoStack startStack(Path dir, AtomicReference<DemoStack> running) throws Exception {
        Folders.deleteRecursively(dir);
        Files.createDirectories(dir);
        // Ctrl-C (or a kill) stops every process the demo started.
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    DemoStack stack = running.getAndSet(null);
                                    if (stack != null) {
                                        System.out.println(
                                                "[demo] stopping Flink, Kafka and Redis");
                                        closeQuietly(stack);
                                    }
                                    // A SQL client still running a script, and anything else.
                                    ProcessHandle.current()
                                            .descendants()
                                            .forEach(ProcessHandle::destroyForcibly);
                                }));
        DemoStack stack = DemoStack.start(dir, this::progress);
        running.set(stack);
        return stack;
    }

    int run(Path dir) throws Exception {
        AtomicReference<DemoStack> running = new AtomicReference<>();
        DemoStack stack = startStack(dir, running);
        try {
            DemoData data = new DemoData(42);
            progress(
                    "producing the input: "
                            + data.loginRecords()
                            + " login events (3 malformed),"
                            + " profiles, the 001 seed tables, Debezium MySQL and MongoDB events");
            data.produce(stack.kafka());
            for (String pipeline : Pipelines.DEMO) {
                progress(
                        "running pipeline "
                                + pipeline
                                + ".sql with the SQL client (sql-client.sh -f)");
                Pipelines.run(
                        stack.flink(),
                        pipeline,
                        stack.kafka().bootstrapServers(),
                        stack.redis().url());
            }
            progress("done; what landed:");
            Map<String, String> redis = redisContents(stack);
            printRedis(stack, redis);
            List<String> everyChange = stack.kafka().readValues("program-people-every-change");
            List<String> finalOnly = stack.kafka().readValues("program-people-final");
            printSideBySide(everyChange, finalOnly);
            List<String> problems = DemoCheck.problems(data, redis, everyChange, finalOnly);
            if (problems.isEmpty()) {
                progress(
                        "checked: Redis holds exactly the expected "
                                + data.expectedRedis().size()
                                + " keys; the final topic one complete list per programme");
                return 0;
            }
            problems.forEach(problem -> System.out.println("[demo] MISMATCH: " + problem));
            return 1;
        } finally {
            progress("stopping Flink, Kafka and Redis");
            if (running.getAndSet(null) != null) {
                stack.close();
            }
        }
    }

    int shell(Path dir) throws Exception {
        AtomicReference<DemoStack> running = new AtomicReference<>();
        DemoStack stack = startStack(dir, running);
        try {
            new DemoData(42).produce(stack.kafka());
            Path init = dir.resolve("init.sql");
            Files.writeString(
                    init, ShellInit.script(stack.kafka().bootstrapServers(), stack.redis().url()));
            progress("input produced; tables and functions registered from " + init);
            progress(
                    "Redis: redis-cli -p "
                            + stack.redis().port()
                            + "   Kafka: "
                            + stack.kafka().bootstrapServers()
                            + "   Flink web UI: "
                            + stack.flink().restUrl());
            progress("try: SELECT * FROM program_people;   QUIT; stops everything");
            // Ctrl-C belongs to the SQL client (it cancels the running query), not to this JVM.
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {});
            return SqlClient.interactive(stack.flink(), init).start().waitFor();
        } finally {
            progress("stopping Flink, Kafka and Redis");
            if (running.getAndSet(null) != null) {
                stack.close();
            }
        }
    }

    static Map<String, String> redisContents(DemoStack stack) {
        Map<String, String> contents = new TreeMap<>();
        try (Jedis jedis = stack.redis().newClient()) {
            for (String key : jedis.keys("*")) {
                contents.put(key, jedis.get(key));
            }
        }
        return contents;
    }

    private static void printRedis(DemoStack stack, Map<String, String> contents) {
        Map<String, String> shown = new TreeMap<>(contents);
        shown.keySet().removeIf(ReplayGuardKeys::isReplayGuard);
        System.out.println();
        System.out.println(
                "Redis ("
                        + shown.size()
                        + " keys, and "
                        + (contents.size() - shown.size())
                        + " replay-guard keys "
                        + ReplayGuardKeys.PREFIX
                        + "* of the INCR sinks, not shown):");
        try (Jedis jedis = stack.redis().newClient()) {
            shown.forEach(
                    (key, value) -> {
                        long ttl = jedis.ttl(key);
                        System.out.printf(
                                "  %-42s %-34s%s%n",
                                key, value, ttl > 0 ? "  TTL " + ttl + " s" : "");
                    });
        }
    }

    private static void printSideBySide(List<String> everyChange, List<String> finalOnly) {
        System.out.println();
        System.out.printf(
                "%-70s | %s%n",
                "Kafka without 'final' (upsert-kafka): " + everyChange.size() + " records",
                "through 'final': " + finalOnly.size() + " records");
        List<String> left = new ArrayList<>(everyChange);
        int rows = Math.max(left.size(), finalOnly.size());
        for (int i = 0; i < rows; i++) {
            System.out.printf(
                    "%-70s | %s%n",
                    i < left.size() ? clip(left.get(i), 70) : "",
                    i < finalOnly.size() ? finalOnly.get(i) : "");
        }
        System.out.println();
    }

    private static String clip(String text, int width) {
        if (text == null) {
            return "(tombstone: the join retracted the row)";
        }
        return text.length() <= width ? text : text.substring(0, width - 3) + "...";
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("[demo] while stopping: " + e);
        }
    }
}
