package io.github.flinkpack.benchmarks;

import io.github.flinkpack.testing.redis.RedisServer;
import io.github.flinkpack.testing.redis.ReplayGuardKeys;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import redis.clients.jedis.Jedis;

/**
 * The Redis sink's {@code exactly-once} delivery beside {@code at-least-once}, side by side in one
 * run against one local redis-server, both with checkpoints every second, at parallelism 1: rows/s
 * for SET and INCR (N rows over practically distinct random keys; a sequence source would keep its
 * remaining numbers in checkpoint state), and the end-to-end latency from a row's processing time
 * to the moment its value is readable in Redis (one key overwritten at 1,000 rows/s, polled).
 *
 * <p>Arguments: rows per job (default 3,000,000), rounds (default 2, best reported).
 */
public final class RedisExactlyOnceBenchmark {

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 3_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Map<String, Double> best = new LinkedHashMap<>();
        Map<String, long[]> latency = new LinkedHashMap<>();
        try (RedisServer server = RedisServer.builder().name("eo-benchmark").start()) {
            job(server, "SET", "at-least-once", Math.min(rows, 300_000)); // warm-up
            // Latency first, on a clean heap: after the throughput jobs, collections of their
            // large commits pause the poller and the job alike and blur the figure.
            for (String guarantee : List.of("at-least-once", "exactly-once")) {
                latency.put(guarantee, latency(server, guarantee));
            }
            // -Dlatency-only: skip the throughput jobs.
            for (int round = 1; round <= rounds && !Boolean.getBoolean("latency-only"); round++) {
                for (String command : List.of("SET", "INCR")) {
                    for (String guarantee : List.of("at-least-once", "exactly-once")) {
                        // -Donly="SET exactly-once": one variant, e.g. under a profiler.
                        String only = System.getProperty("only");
                        if (only != null && !only.equals(command + " " + guarantee)) {
                            continue;
                        }
                        BenchmarkJobs.record(
                                best,
                                command + " " + guarantee,
                                job(server, command, guarantee, rows));
                    }
                }
            }
        }
        BenchmarkJobs.publish(
                report(best, latency, rows, rounds), "redis-exactly-once-benchmark.md");
    }

    static double job(RedisServer server, String command, String guarantee, long rows)
            throws Exception {
        try (Jedis redis = server.newClient()) {
            redis.flushAll();
        }
        TableEnvironment env = checkpointed();
        env.executeSql(
                "CREATE TEMPORARY TABLE numbers (k BIGINT, v BIGINT) WITH ('connector' ="
                        + " 'datagen', 'number-of-rows' = '"
                        + rows
                        + "', 'rows-per-second' = '1000000000', 'fields.k.min' = '1',"
                        + " 'fields.k.max' = '1000000000000000', 'fields.v.min' = '1',"
                        + " 'fields.v.max' = '1000')");
        env.executeSql(
                "CREATE TEMPORARY TABLE target (k BIGINT, v BIGINT) WITH ('connector' = 'redis',"
                        + " 'url' = '"
                        + server.url()
                        + "', 'command' = '"
                        + command
                        + "', 'key.fields' = 'k', 'sink.delivery-guarantee' = '"
                        + guarantee
                        + "')");
        TableResult result = env.executeSql("INSERT INTO target SELECT k, v FROM numbers");
        double rate = BenchmarkJobs.rowsPerSecond(result, rows);
        try (Jedis redis = server.newClient()) {
            long keys = redis.dbSize() - redis.keys(ReplayGuardKeys.PATTERN).size();
            if (keys < rows * 0.999) {
                throw new IllegalStateException(
                        command
                                + " "
                                + guarantee
                                + " left "
                                + keys
                                + " keys for "
                                + rows
                                + " rows");
            }
        }
        return rate;
    }

    /**
     * Parallelism 1, checkpoints every second to files: an exactly-once checkpoint carries a second
     * of reduced writes (tens of MB here), past the JobManager's 5 MB in-memory limit. No restarts:
     * a failure ends the run.
     */
    private static TableEnvironment checkpointed() throws java.io.IOException {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.getConfig().set("parallelism.default", "1");
        env.getConfig().set("execution.checkpointing.interval", "1 s");
        env.getConfig().set("restart-strategy.type", "none");
        String dir = java.nio.file.Files.createTempDirectory("eo-benchmark").toUri().toString();
        env.getConfig().set("execution.checkpointing.storage", "filesystem");
        env.getConfig().set("execution.checkpointing.dir", dir);
        env.getConfig().set("state.checkpoint-storage", "filesystem");
        env.getConfig().set("state.checkpoints.dir", dir);
        return env;
    }

    /** Ages (ms) of the newest value a poller sees, sampled every 5 ms: sorted. */
    static long[] latency(RedisServer server, String guarantee) throws Exception {
        try (Jedis redis = server.newClient()) {
            redis.flushAll();
        }
        TableEnvironment env = checkpointed();
        env.getConfig().set("table.local-time-zone", "UTC");
        env.executeSql(
                "CREATE TEMPORARY TABLE ticks (n BIGINT) WITH ('connector' = 'datagen',"
                        + " 'number-of-rows' = '10000', 'rows-per-second' = '1000')");
        env.executeSql(
                "CREATE TEMPORARY TABLE latest (k STRING, written_at STRING) WITH ('connector' = 'redis',"
                        + " 'url' = '"
                        + server.url()
                        + "', 'key.fields' = 'k', 'sink.delivery-guarantee' = '"
                        + guarantee
                        + "')");
        TableResult job =
                env.executeSql(
                        "INSERT INTO latest SELECT 'probe', CAST(CURRENT_ROW_TIMESTAMP() AS"
                                + " STRING) FROM ticks");
        List<Long> delays = new ArrayList<>();
        String last = null;
        long written = 0;
        // Asking a finished per-job MiniCluster for its status fails: watch the result instead.
        CompletableFuture<?> finished = job.getJobClient().orElseThrow().getJobExecutionResult();
        try (Jedis redis = server.newClient()) {
            while (!finished.isDone()) {
                String value = redis.get("probe");
                long now = System.currentTimeMillis();
                if (value != null) {
                    if (!value.equals(last)) {
                        last = value;
                        written =
                                LocalDateTime.parse(value.replace(' ', 'T'))
                                        .toInstant(ZoneOffset.UTC)
                                        .toEpochMilli();
                    }
                    // How old the newest visible row is, sampled every few ms as a reader sees it.
                    delays.add(now - written);
                }
                Thread.sleep(5);
            }
        }
        Collections.sort(delays);
        return delays.stream().mapToLong(Long::longValue).toArray();
    }

    static String report(
            Map<String, Double> best, Map<String, long[]> latency, long rows, int rounds) {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "Rows per job: %,d; best of %d rounds; parallelism 1; checkpoints every 1 s.%n%n",
                        rows,
                        rounds));
        out.append("| command | at-least-once | exactly-once | exactly-once / at-least-once |\n");
        out.append("|---|---:|---:|---:|\n");
        for (String command : best.isEmpty() ? List.<String>of() : List.of("SET", "INCR")) {
            Double alo = best.get(command + " at-least-once");
            Double eo = best.get(command + " exactly-once");
            if (alo == null || eo == null) {
                continue; // -Donly ran one variant
            }
            out.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %,.0f | %,.0f | %.0f%% |%n",
                            command,
                            alo,
                            eo,
                            100 * eo / alo));
        }
        out.append(
                "\n| delivery | staleness p50 (ms) | p90 | max | samples |\n|---|---:|---:|---:|---:|\n");
        latency.forEach(
                (guarantee, d) ->
                        out.append(
                                String.format(
                                        Locale.ROOT,
                                        "| %s | %d | %d | %d | %d |%n",
                                        guarantee,
                                        d.length == 0 ? -1 : d[d.length / 2],
                                        d.length == 0 ? -1 : d[d.length * 9 / 10],
                                        d.length == 0 ? -1 : d[d.length - 1],
                                        d.length)));
        return out.toString();
    }
}
