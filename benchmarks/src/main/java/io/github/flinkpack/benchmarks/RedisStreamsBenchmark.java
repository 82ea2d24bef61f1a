package io.github.flinkpack.benchmarks;

import io.github.flinkpack.testing.redis.RedisServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Redis Streams in both directions at parallelism 1, each beside its ceiling in the same run
 * against one redis-server:
 *
 * <ul>
 *   <li>write: the XADD sink ({@code datagen} sequence into {@code 'command' = 'XADD'}, one field
 *       per entry) against {@code redis-benchmark -c 1 -P 1000 XADD key * n <value>} (the server's
 *       ceiling for one connection) and against the same source into {@code blackhole} (the job's
 *       ceiling);
 *   <li>read: the {@code redis-stream} source, bounded at the stream's end, into {@code blackhole},
 *       against a plain client reading the same stream with {@code XREAD COUNT 1000} in a loop (the
 *       server's ceiling for one reader).
 * </ul>
 *
 * <p>Arguments: entries (default 2,000,000), rounds (default 2, best reported).
 */
public final class RedisStreamsBenchmark {

    private static final int READ_COUNT = 1000;

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Map<String, Double> best = new LinkedHashMap<>();
        try (RedisServer server = RedisServer.builder().name("streams-benchmark").start()) {
            // Warm-up: both jobs once, small.
            sinkJob(server, Math.min(rows, 200_000), "warm-up");
            sourceJob(server, Math.min(rows, 200_000), "warm-up");
            for (int round = 1; round <= rounds; round++) {
                flush(server);
                BenchmarkJobs.record(
                        best, "write: redis-benchmark XADD", redisBenchmarkXadd(server, rows));
                BenchmarkJobs.record(best, "write: datagen -> blackhole", blackholeJob(rows));
                BenchmarkJobs.record(best, "write: XADD sink", sinkJob(server, rows, "bench"));
                BenchmarkJobs.record(best, "read: XREAD loop", xreadLoop(server, "bench", rows));
                BenchmarkJobs.record(
                        best, "read: redis-stream -> blackhole", sourceJob(server, rows, "bench"));
            }
        }
        BenchmarkJobs.publish(report(best, rows, rounds), "redis-streams-benchmark.md");
    }

    private static void flush(RedisServer server) {
        try (Jedis redis = server.newClient()) {
            redis.flushAll();
        }
    }

    private static double sinkJob(RedisServer server, long rows, String stream) throws Exception {
        try (Jedis redis = server.newClient()) {
            redis.del(stream);
        }
        TableEnvironment env = BenchmarkJobs.withNumbers(rows);
        env.executeSql(
                "CREATE TEMPORARY TABLE entries (s STRING, n BIGINT) WITH ('connector' = 'redis',"
                        + " 'url' = '"
                        + server.url()
                        + "', 'command' = 'XADD', 'key.fields' = 's')");
        double rate =
                BenchmarkJobs.rowsPerSecond(
                        env.executeSql(
                                "INSERT INTO entries SELECT '" + stream + "', n FROM numbers"),
                        rows);
        try (Jedis redis = server.newClient()) {
            long length = redis.xlen(stream);
            if (length != rows) {
                throw new IllegalStateException("XADD sink left " + length + " of " + rows);
            }
        }
        return rate;
    }

    private static double blackholeJob(long rows) throws Exception {
        TableEnvironment env = BenchmarkJobs.withNumbers(rows);
        env.executeSql(
                "CREATE TEMPORARY TABLE sunk (s STRING, n BIGINT) WITH ('connector' = 'blackhole')");
        return BenchmarkJobs.rowsPerSecond(
                env.executeSql("INSERT INTO sunk SELECT 'bench', n FROM numbers"), rows);
    }

    /** Reads {@code stream} (written by the sink job) back into blackhole. */
    private static double sourceJob(RedisServer server, long rows, String stream) throws Exception {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.getConfig().set("parallelism.default", "1");
        env.executeSql(
                "CREATE TEMPORARY TABLE entries (n BIGINT) WITH ('connector' = 'redis-stream',"
                        + " 'url' = '"
                        + server.url()
                        + "', 'stream' = '"
                        + stream
                        + "', 'scan.bounded.mode' = 'latest')");
        env.executeSql("CREATE TEMPORARY TABLE sunk (n BIGINT) WITH ('connector' = 'blackhole')");
        return BenchmarkJobs.rowsPerSecond(
                env.executeSql("INSERT INTO sunk SELECT n FROM entries"), rows);
    }

    /** Entries per second of one client reading the whole stream with XREAD COUNT 1000. */
    private static double xreadLoop(RedisServer server, String stream, long rows) {
        try (Jedis redis = server.newClient()) {
            long started = System.nanoTime();
            StreamEntryID after = new StreamEntryID(0, 0);
            long read = 0;
            while (read < rows) {
                List<Map.Entry<String, List<StreamEntry>>> reply =
                        redis.xread(
                                XReadParams.xReadParams().count(READ_COUNT), Map.of(stream, after));
                List<StreamEntry> entries = reply.get(0).getValue();
                read += entries.size();
                after = entries.get(entries.size() - 1).getID();
            }
            return read * 1e9 / (System.nanoTime() - started);
        }
    }

    /** Entries per second of redis-benchmark: one connection, 1000-deep pipelines. */
    private static double redisBenchmarkXadd(RedisServer server, long requests) throws Exception {
        return BenchmarkJobs.redisBenchmark(
                server.host(),
                server.port(),
                requests,
                "XADD",
                "XADD",
                "bench-rb",
                "*",
                "n",
                "1234567");
    }

    static String report(Map<String, Double> best, long rows, int rounds) {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "Entries per job: %,d; best of %d rounds; parallelism 1.%n%n",
                        rows,
                        rounds));
        out.append("| direction | ceiling | ours | ours / ceiling |\n|---|---:|---:|---:|\n");
        row(out, best, "write (XADD)", "write: redis-benchmark XADD", "write: XADD sink");
        row(out, best, "write, job ceiling", "write: datagen -> blackhole", "write: XADD sink");
        row(out, best, "read (XREAD)", "read: XREAD loop", "read: redis-stream -> blackhole");
        return out.toString();
    }

    private static void row(
            StringBuilder out,
            Map<String, Double> best,
            String label,
            String ceiling,
            String ours) {
        double c = best.getOrDefault(ceiling, Double.NaN);
        double o = best.getOrDefault(ours, Double.NaN);
        out.append(
                String.format(
                        Locale.ROOT,
                        "| %s | %,.0f (%s) | %,.0f | %.0f%% |%n",
                        label,
                        c,
                        ceiling,
                        o,
                        100 * o / c));
    }
}
