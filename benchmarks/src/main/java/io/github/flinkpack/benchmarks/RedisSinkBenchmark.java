package io.github.flinkpack.benchmarks;

import io.github.flinkpack.testing.redis.RedisServer;
import io.github.flinkpack.testing.redis.ReplayGuardKeys;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.table.api.TableEnvironment;
import redis.clients.jedis.Jedis;

/**
 * Throughput of the Redis sink at parallelism 1, side by side in one run against one local
 * redis-server: (a) {@code redis-benchmark -c 1 -P 1000} (the server's ceiling for one connection),
 * (b) the same job into {@code blackhole} (Flink's own cost), (c) a naive writer with one round
 * trip per row. Prints a Markdown table.
 *
 * <p>Arguments: rows per job (default 5,000,000), rows for the naive writer (default 300,000, as it
 * is slow), rounds (default 2; the best round of each variant is reported).
 */
public final class RedisSinkBenchmark {

    /**
     * {@code -Dlanes=1,2,4}: one "ours" variant per {@code sink.max-in-flight-batches} value;
     * unset, one variant with the option's default.
     */
    private static final List<String> LANES =
            System.getProperty("lanes") == null
                    ? java.util.Collections.singletonList(null)
                    : List.of(System.getProperty("lanes").split(","));

    private static String oursLabel(String command, String lanes) {
        return command
                + " flink -> redis (ours"
                + (lanes == null ? "" : ", " + lanes + " lanes")
                + ")";
    }

    private static void recordJob(
            Map<String, Double> best,
            Map<String, Double> cpu,
            String variant,
            BenchmarkJobs.JobRun run,
            long rows) {
        BenchmarkJobs.record(best, variant, run.rowsPerSecond);
        cpu.merge(variant, run.cpuSeconds * 1_000_000.0 / rows, Math::min);
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
        long naiveRows = args.length > 1 ? Long.parseLong(args[1]) : 300_000L;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        long delayMicros = args.length > 3 ? Long.parseLong(args[3]) : 0;
        Map<String, Double> best = new LinkedHashMap<>();
        Map<String, Double> cpu = new LinkedHashMap<>();
        // -Donly=ours: just the Redis sink jobs (e.g. under a profiler), no report.
        boolean oursOnly = "ours".equals(System.getProperty("only"));
        try (RedisServer server = RedisServer.builder().name("benchmark").start();
                DelayProxy proxy =
                        delayMicros > 0
                                ? new DelayProxy(server.host(), server.port(), delayMicros)
                                : null) {
            int port = proxy == null ? server.port() : proxy.port();
            // Warms the JVM up (JIT, class loading), so the first measured job is not slower.
            job(server, port, "redis", "SET", Math.min(rows, 1_000_000L), null);
            for (int round = 1; round <= rounds; round++) {
                for (String command : List.of("SET", "INCR")) {
                    if (!oursOnly) {
                        BenchmarkJobs.record(
                                best,
                                command + " redis-benchmark -P 1000",
                                redisBenchmark(server, port, command, rows));
                        recordJob(
                                best,
                                cpu,
                                command + " flink -> blackhole",
                                job(server, port, "blackhole", command, rows, null),
                                rows);
                    }
                    for (String lanes : LANES) {
                        recordJob(
                                best,
                                cpu,
                                oursLabel(command, lanes),
                                job(server, port, "redis", command, rows, lanes),
                                rows);
                    }
                    if (!oursOnly) {
                        BenchmarkJobs.record(
                                best,
                                command + " flink -> naive-redis",
                                job(server, port, "naive-redis", command, naiveRows, null)
                                        .rowsPerSecond);
                    }
                }
            }
        }
        if (oursOnly) {
            return;
        }
        String report = report(best, cpu, rows, naiveRows, rounds, delayMicros);
        BenchmarkJobs.publish(report, "redis-sink-benchmark.md");
    }

    /**
     * Rows per second of one Flink job, by the job's own net runtime, and the JVM's CPU time during
     * it; {@code lanes} sets {@code sink.max-in-flight-batches} unless null.
     */
    static BenchmarkJobs.JobRun job(
            RedisServer server, int port, String connector, String command, long rows, String lanes)
            throws Exception {
        String url = "redis://" + server.host() + ":" + port;
        try (Jedis redis = server.newClient()) {
            redis.flushAll();
        }
        TableEnvironment env = BenchmarkJobs.withNumbers(rows);
        String options;
        switch (connector) {
            case "blackhole":
                options = "'connector' = 'blackhole'";
                break;
            case "naive-redis":
                options =
                        "'connector' = 'naive-redis', 'url' = '"
                                + url
                                + "', 'command' = '"
                                + command
                                + "'";
                break;
            default:
                options =
                        "'connector' = 'redis', 'url' = '"
                                + url
                                + "', 'command' = '"
                                + command
                                + "', 'key.fields' = 'k'"
                                + (lanes == null
                                        ? ""
                                        : ", 'sink.max-in-flight-batches' = '" + lanes + "'");
        }
        BenchmarkJobs.JobRun run = BenchmarkJobs.intoTarget(env, options, command, rows);
        if (!connector.equals("blackhole")) {
            try (Jedis redis = server.newClient()) {
                // The sink's counter batches leave one marker key per writer.
                long keys = redis.dbSize() - redis.keys(ReplayGuardKeys.PATTERN).size();
                if (keys != rows) {
                    throw new IllegalStateException(
                            connector
                                    + " "
                                    + command
                                    + " left "
                                    + keys
                                    + " keys, expected "
                                    + rows);
                }
            }
        }
        return run;
    }

    /** Requests per second of redis-benchmark with one connection and 1000-deep pipelines. */
    static double redisBenchmark(RedisServer server, int port, String command, long requests)
            throws IOException, InterruptedException {
        return BenchmarkJobs.redisBenchmark(
                server.host(),
                port,
                requests,
                command,
                "-r",
                "100000000",
                "-t",
                command.toLowerCase(Locale.ROOT));
    }

    static String report(
            Map<String, Double> best,
            Map<String, Double> cpu,
            long rows,
            long naiveRows,
            int rounds,
            long delayMicros) {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "Rows per job: %,d (naive writer: %,d); best of %d rounds; parallelism 1;"
                                + " added one-way delay: %d us.%n%n",
                        rows,
                        naiveRows,
                        rounds,
                        delayMicros));
        out.append(
                "| command | redis-benchmark -c 1 -P 1000 (a) | blackhole (b) | ours | naive (c)"
                        + " | ours / min(a, b) | ours / (c) | JVM CPU s per M rows: blackhole"
                        + " | ours | the sink's own (ours - blackhole) |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String command : List.of("SET", "INCR")) {
            double ceiling = best.get(command + " redis-benchmark -P 1000");
            String blackholeLabel = command + " flink -> blackhole";
            double blackhole = best.get(blackholeLabel);
            double naive = best.get(command + " flink -> naive-redis");
            for (String lanes : LANES) {
                String label = oursLabel(command, lanes);
                double ours = best.get(label);
                out.append(
                        String.format(
                                Locale.ROOT,
                                "| %s%s | %,.0f | %,.0f | %,.0f | %,.0f | %.0f%% | %.1fx | %.2f |"
                                        + " %.2f | %.2f |%n",
                                command,
                                lanes == null ? "" : " (" + lanes + " lanes)",
                                ceiling,
                                blackhole,
                                ours,
                                naive,
                                100 * ours / Math.min(ceiling, blackhole),
                                ours / naive,
                                cpu.get(blackholeLabel),
                                cpu.get(label),
                                cpu.get(label) - cpu.get(blackholeLabel)));
            }
        }
        return out.toString();
    }
}
