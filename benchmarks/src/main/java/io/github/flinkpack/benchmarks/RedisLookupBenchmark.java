package io.github.flinkpack.benchmarks;

import io.github.flinkpack.testing.redis.RedisServer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Throughput of the Redis lookup join at parallelism 1, side by side in one run against one local
 * redis-server holding {@code keys} keys: (a) {@code redis-benchmark -c 1 -P 1000 -t get} (the
 * server's ceiling for one connection), (b) the probe job into {@code blackhole} without the join
 * (Flink's own cost), (c) ours asynchronous without cache, (d) ours synchronous, (e) ours with a
 * PARTIAL cache that holds every key. Prints a Markdown table.
 *
 * <p>Arguments: probe rows per job (default 2,000,000), distinct keys (default 100,000), rows for
 * the synchronous variant (default 200,000, as it is slow), rounds (default 2; the best round of
 * each variant is reported), async buffer capacity (default 1000).
 */
public final class RedisLookupBenchmark {

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000L;
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        long syncRows = args.length > 2 ? Long.parseLong(args[2]) : 200_000L;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int capacity = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        String only = System.getProperty("variant");
        Map<String, Double> best = new LinkedHashMap<>();
        try (RedisServer server = RedisServer.builder().name("lookup-benchmark").start()) {
            load(server, keys);
            if (only != null) {
                // -Dvariant=async|sync|cached|sync-cached|none: one variant, e.g. under a profiler.
                for (int round = 1; round <= rounds; round++) {
                    BenchmarkJobs.record(best, only, job(server, only, rows, keys, capacity));
                }
                return;
            }
            // Warm-up: one job of each kind before timing.
            job(server, "async", Math.min(rows, 200_000), keys, capacity);
            for (int round = 1; round <= rounds; round++) {
                BenchmarkJobs.record(
                        best,
                        "(a) redis-benchmark -P 1000 GET",
                        RedisSinkBenchmark.redisBenchmark(server, server.port(), "GET", rows));
                BenchmarkJobs.record(
                        best, "(b) probes -> blackhole", job(server, "none", rows, keys, capacity));
                BenchmarkJobs.record(
                        best, "(c) async, no cache", job(server, "async", rows, keys, capacity));
                BenchmarkJobs.record(
                        best, "(d) sync, no cache", job(server, "sync", syncRows, keys, capacity));
                BenchmarkJobs.record(
                        best,
                        "(e) async, PARTIAL cache",
                        job(server, "cached", rows, keys, capacity));
                BenchmarkJobs.record(
                        best,
                        "(f) sync, PARTIAL cache",
                        job(server, "sync-cached", rows, keys, capacity));
            }
        }
        BenchmarkJobs.publish(
                report(best, rows, keys, syncRows, rounds, capacity), "redis-lookup-benchmark.md");
    }

    private static void load(RedisServer server, int keys) {
        try (Jedis redis = server.newClient()) {
            redis.flushAll();
            Pipeline pipeline = redis.pipelined();
            for (int k = 0; k < keys; k++) {
                pipeline.set("dim:" + k, "value-" + k);
            }
            pipeline.sync();
        }
    }

    /** Rows per second of one probe job, by the job's own net runtime. */
    static double job(RedisServer server, String variant, long rows, int keys, int capacity)
            throws Exception {
        TableEnvironment env = BenchmarkJobs.withNumbers(rows);
        env.getConfig().set("table.exec.async-lookup.buffer-capacity", String.valueOf(capacity));
        // -Dconf=key=value;key=value: further settings for every job, e.g. pipeline.object-reuse.
        for (String setting : System.getProperty("conf", "").split(";")) {
            if (!setting.isBlank()) {
                String[] kv = setting.split("=", 2);
                env.getConfig().set(kv[0].trim(), kv[1].trim());
            }
        }
        env.executeSql(
                "CREATE TEMPORARY VIEW probes AS SELECT n, CAST(MOD(n, "
                        + keys
                        + ") AS STRING) AS id, PROCTIME() AS proc FROM numbers");
        String options =
                "'connector' = 'redis', 'url' = '" + server.url() + "', 'key.prefix' = 'dim:'";
        switch (variant) {
            case "sync":
                options += ", 'lookup.async' = 'false'";
                break;
            case "sync-cached":
                options += ", 'lookup.async' = 'false'";
            // fall through: the same cache
            case "cached":
                options +=
                        ", 'lookup.cache' = 'PARTIAL', 'lookup.partial-cache.max-rows' = '"
                                + keys * 2
                                + "'";
                break;
            default:
        }
        env.executeSql(
                "CREATE TEMPORARY TABLE dim (id STRING, v STRING, PRIMARY KEY (id) NOT ENFORCED)"
                        + " WITH ("
                        + options
                        + ")");
        env.executeSql(
                "CREATE TEMPORARY TABLE target (n BIGINT, v STRING) WITH ('connector' ="
                        + " 'blackhole')");
        String query =
                variant.equals("none")
                        ? "INSERT INTO target SELECT n, id FROM probes"
                        : "INSERT INTO target SELECT p.n, d.v FROM probes AS p JOIN dim FOR"
                                + " SYSTEM_TIME AS OF p.proc AS d ON p.id = d.id";
        TableResult result = env.executeSql(query);
        return BenchmarkJobs.rowsPerSecond(result, rows);
    }

    static String report(
            Map<String, Double> best,
            long rows,
            int keys,
            long syncRows,
            int rounds,
            int capacity) {
        double a = best.get("(a) redis-benchmark -P 1000 GET");
        double b = best.get("(b) probes -> blackhole");
        double c = best.get("(c) async, no cache");
        double d = best.get("(d) sync, no cache");
        double e = best.get("(e) async, PARTIAL cache");
        double f = best.get("(f) sync, PARTIAL cache");
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "Probe rows per job: %,d over %,d keys (sync: %,d); best of %d rounds;"
                                + " parallelism 1; table.exec.async-lookup.buffer-capacity = %d.%n%n",
                        rows,
                        keys,
                        syncRows,
                        rounds,
                        capacity));
        out.append("| variant | rows/s |\n|---|---:|\n");
        best.forEach(
                (variant, rate) ->
                        out.append(String.format(Locale.ROOT, "| %s | %,.0f |%n", variant, rate)));
        out.append("\n| ratio | value | target |\n|---|---:|---:|\n");
        out.append(
                String.format(
                        Locale.ROOT,
                        "| (c) / min(a, b) | %.0f%% | >= 40%% |%n",
                        100 * c / Math.min(a, b)));
        out.append(String.format(Locale.ROOT, "| (c) / (d) | %.1fx | >= 10x |%n", c / d));
        out.append(String.format(Locale.ROOT, "| (e) / (b) | %.0f%% | >= 60%% |%n", 100 * e / b));
        out.append(String.format(Locale.ROOT, "| (f) / (b) | %.0f%% | |%n", 100 * f / b));
        return out.toString();
    }
}
