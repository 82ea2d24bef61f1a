package io.github.flinkpack.benchmarks;

import io.github.flinkpack.testing.redis.RedisServer;
import io.github.flinkpack.testing.redis.ReplayGuardKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * The Redis sink's {@code exactly-once} delivery beside {@code at-least-once}, side by side in one
 * run against one local redis-server, both with checkpoints every second, at parallelism 1: rows/s
 * for SET and INCR (N rows over practically distinct random keys; a sequence source would keep its
 * remaining numbers in checkpoint state), and the end-to-end latency from a row's processing time
 * to the moment Redis announces its key (1,000 rows/s).
 *
 * <p>Two rates per job: over the job's net runtime, and sustained ({@link KeyCountSampler}: while
 * its keys reach Redis, without the job's start and end of input).
 *
 * <p>Arguments: rows per job (default 3,000,000), rounds (default 2, each reported).
 */
public final class RedisExactlyOnceBenchmark {

    /** The window of a job's keys in which its sustained rate is measured. */
    private static final double FROM = 0.1;

    private static final double TO = 0.9;

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 3_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Map<String, List<Rates>> runs = new LinkedHashMap<>();
        Map<String, long[]> latency = new LinkedHashMap<>();
        try (RedisServer server = RedisServer.builder().name("eo-benchmark").start()) {
            // Warm-up: every code path measured below, so no variant runs cold.
            for (String command : List.of("SET", "INCR")) {
                for (String guarantee : List.of("at-least-once", "exactly-once")) {
                    job(server, command, guarantee, Math.min(rows, 300_000));
                }
            }
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
                        runs.computeIfAbsent(command + " " + guarantee, v -> new ArrayList<>())
                                .add(job(server, command, guarantee, rows));
                    }
                }
            }
        }
        BenchmarkJobs.publish(
                report(runs, latency, rows, rounds), "redis-exactly-once-benchmark.md");
    }

    /** One job's rates: over its net runtime, and sustained while its keys reach Redis. */
    static final class Rates {
        final double whole;
        final double sustained;

        Rates(double whole, double sustained) {
            this.whole = whole;
            this.sustained = sustained;
        }
    }

    static Rates job(RedisServer server, String command, String guarantee, long rows)
            throws Exception {
        try (Jedis redis = server.newClient(KeyCountSampler.PATIENCE_MILLIS)) {
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
        double redisCpuBefore = redisCpuSeconds(server);
        long jvmCpuBefore = BenchmarkJobs.processCpuNanos();
        double rate;
        KeyCountSampler sampler =
                new KeyCountSampler(server, (long) (rows * FROM), (long) (rows * TO));
        try (sampler) {
            TableResult result = env.executeSql("INSERT INTO target SELECT k, v FROM numbers");
            rate = BenchmarkJobs.rowsPerSecond(result, rows);
        }
        double sustained = sampler.keysPerSecond();
        // The CPU of both processes: on a machine they share, their sum bounds the rate.
        System.out.printf(
                Locale.ROOT,
                "%s %s: %,.0f rows/s (job), %s rows/s (sustained); CPU s per M rows: JVM"
                        + " %.2f, redis-server %.2f%n",
                command,
                guarantee,
                rate,
                orNa("%,.0f", sustained),
                (BenchmarkJobs.processCpuNanos() - jvmCpuBefore) / 1e9 / (rows / 1e6),
                (redisCpuSeconds(server) - redisCpuBefore) / (rows / 1e6));
        try (Jedis redis = server.newClient(KeyCountSampler.PATIENCE_MILLIS)) {
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
        return new Rates(rate, sustained);
    }

    /** CPU seconds the redis-server process has used (user + system), from INFO cpu. */
    private static double redisCpuSeconds(RedisServer server) {
        try (Jedis redis = server.newClient()) {
            double seconds = 0;
            for (String line : redis.info("cpu").split("\r?\n")) {
                if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                    seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1));
                }
            }
            return seconds;
        }
    }

    /**
     * Parallelism 1, checkpoints every second to files: an exactly-once checkpoint carries a second
     * of reduced writes (tens of MB here), past the JobManager's 5 MB in-memory limit. No restarts:
     * a failure ends the run.
     */
    private static TableEnvironment checkpointed() throws IOException {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        checkpointConfig().forEach((key, value) -> env.getConfig().set(key, value));
        return env;
    }

    /** Parallelism 1, checkpoints every second to files (commits exceed the JobManager's 5 MB). */
    private static Map<String, String> checkpointConfig() throws IOException {
        String dir = Files.createTempDirectory("eo-benchmark").toUri().toString();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("parallelism.default", "1");
        config.put("execution.checkpointing.interval", "1 s");
        config.put("restart-strategy.type", "none");
        config.put("execution.checkpointing.storage", "filesystem");
        config.put("execution.checkpointing.dir", dir);
        config.put("state.checkpoint-storage", "filesystem");
        config.put("state.checkpoints.dir", dir);
        return config;
    }

    /**
     * End-to-end delay (ms) of each row, sorted: from the row's creation in the job to the moment
     * Redis announces the key (keyspace notification), 1,000 rows/s for 10 s. Every row counts, so
     * the source emitting its rows in bursts does not skew the figure as a poller would.
     */
    static long[] latency(RedisServer server, String guarantee) throws Exception {
        try (Jedis redis = server.newClient()) {
            redis.flushAll();
            redis.configSet("notify-keyspace-events", "E$");
        }
        List<Long> delays = Collections.synchronizedList(new ArrayList<>());
        JedisPubSub announcements =
                new JedisPubSub() {
                    @Override
                    public void onPMessage(String pattern, String channel, String key) {
                        long now = System.currentTimeMillis();
                        int separator = key.indexOf('|');
                        if (separator < 0) {
                            return; // a commit marker
                        }
                        String created = key.substring(0, separator);
                        delays.add(
                                now
                                        - LocalDateTime.parse(created.replace(' ', 'T'))
                                                .toInstant(ZoneOffset.UTC)
                                                .toEpochMilli());
                    }
                };
        Jedis subscriber = server.newClient();
        Thread listener =
                new Thread(() -> subscriber.psubscribe(announcements, "__keyevent@*__:set"));
        listener.start();
        while (announcements.getSubscribedChannels() == 0) {
            Thread.sleep(10);
        }
        // Rows spread evenly over each second (the datagen table connector emits each second's
        // rows in one burst, which would make the figure depend on the checkpoints' phase).
        Configuration conf = new Configuration();
        checkpointConfig().forEach(conf::setString);
        StreamExecutionEnvironment stream =
                StreamExecutionEnvironment.getExecutionEnvironment(conf);
        DataGeneratorSource<Long> ticks =
                new DataGeneratorSource<>(
                        index -> index, 10_000, RateLimiterStrategy.perSecond(1000), Types.LONG);
        StreamTableEnvironment env = StreamTableEnvironment.create(stream);
        env.getConfig().set("table.local-time-zone", "UTC");
        env.createTemporaryView(
                "ticks",
                env.fromDataStream(
                                stream.fromSource(ticks, WatermarkStrategy.noWatermarks(), "ticks"))
                        .as("n"));
        env.executeSql(
                "CREATE TEMPORARY TABLE probes (k STRING, v STRING) WITH ('connector' = 'redis',"
                        + " 'url' = '"
                        + server.url()
                        + "', 'key.fields' = 'k', 'sink.delivery-guarantee' = '"
                        + guarantee
                        + "')");
        env.executeSql(
                        "INSERT INTO probes SELECT CAST(CURRENT_ROW_TIMESTAMP() AS STRING) || '|'"
                                + " || CAST(n AS STRING), '' FROM ticks")
                .await();
        Thread.sleep(500);
        announcements.punsubscribe();
        listener.join();
        subscriber.close();
        List<Long> sorted = new ArrayList<>(delays);
        Collections.sort(sorted);
        return sorted.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * A sustained rate, or "n/a" when the job was too short for its window to span two commits
     * (under about 3 M rows here).
     */
    private static String orNa(String format, double rate) {
        return Double.isNaN(rate) ? "n/a" : String.format(Locale.ROOT, format, rate);
    }

    static String report(
            Map<String, List<Rates>> runs, Map<String, long[]> latency, long rows, int rounds) {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "Rows per job: %,d; %d rounds, each variant pair side by side; parallelism 1;"
                                + " checkpoints every 1 s. \"job\": rows over the job's net"
                                + " runtime; \"sustained\": keys that reached Redis between %.0f%%"
                                + " and %.0f%% of the rows, over that time.%n%n",
                        rows,
                        rounds,
                        100 * FROM,
                        100 * TO));
        out.append(
                "| command | round | at-least-once job | exactly-once job | ratio | at-least-once"
                        + " sustained | exactly-once sustained | ratio |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String command : List.of("SET", "INCR")) {
            List<Rates> alo = runs.get(command + " at-least-once");
            List<Rates> eo = runs.get(command + " exactly-once");
            if (alo == null || eo == null) {
                continue; // -Donly ran one variant
            }
            for (int round = 0; round < Math.min(alo.size(), eo.size()); round++) {
                Rates a = alo.get(round);
                Rates e = eo.get(round);
                out.append(
                        String.format(
                                Locale.ROOT,
                                "| %s | %d | %,.0f | %,.0f | %.0f%% | %s | %s | %s |%n",
                                command,
                                round + 1,
                                a.whole,
                                e.whole,
                                100 * e.whole / a.whole,
                                orNa("%,.0f", a.sustained),
                                orNa("%,.0f", e.sustained),
                                orNa("%.0f%%", 100 * e.sustained / a.sustained)));
            }
        }
        out.append(
                "\n| delivery | row to Redis p50 (ms) | p90 | max | rows |\n|---|---:|---:|---:|---:|\n");
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
