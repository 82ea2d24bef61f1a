package io.github.flinkpack.benchmarks;

import io.github.flinkpack.testing.redis.RedisCluster;
import io.github.flinkpack.testing.redis.RedisServer;
import io.github.flinkpack.testing.redis.ReplayGuardKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.table.api.TableEnvironment;
import redis.clients.jedis.Jedis;

/**
 * The Redis sink at parallelism 1 and 2 against a Redis Cluster of 2 masters, each subtask
 * pipelining to both, beside {@code blackhole} at the same parallelism. On a 2-core machine that
 * also runs both masters the rows/s show overhead, not scaling; the sink's own CPU seconds per
 * million rows (ours minus blackhole) is what predicts scaling on a bigger machine.
 *
 * <p>Arguments: rows per job (default 3,000,000), rounds (default 2; best round reported).
 */
public final class RedisClusterSinkBenchmark {

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 3_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Map<String, Double> best = new LinkedHashMap<>();
        Map<String, Double> cpu = new LinkedHashMap<>();
        try (RedisCluster cluster = RedisCluster.start(2)) {
            job(cluster, "redis", "SET", 1, Math.min(rows, 1_000_000L)); // warm-up
            for (int round = 1; round <= rounds; round++) {
                for (String command : List.of("SET", "INCR")) {
                    for (int parallelism : new int[] {1, 2}) {
                        for (String connector : List.of("blackhole", "redis")) {
                            String variant = label(command, connector, parallelism);
                            double[] run = job(cluster, connector, command, parallelism, rows);
                            BenchmarkJobs.record(best, variant, run[0]);
                            cpu.merge(variant, run[1] * 1_000_000.0 / rows, Math::min);
                        }
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "Rows per job: %,d; best of %d rounds; Redis Cluster of 2 masters.%n%n",
                        rows,
                        rounds));
        out.append(
                "| command | parallelism | blackhole rows/s | ours rows/s | JVM CPU s per M rows:"
                        + " blackhole | ours | the sink's own (ours - blackhole) |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (String command : List.of("SET", "INCR")) {
            for (int parallelism : new int[] {1, 2}) {
                String blackhole = label(command, "blackhole", parallelism);
                String ours = label(command, "redis", parallelism);
                out.append(
                        String.format(
                                Locale.ROOT,
                                "| %s | %d | %,.0f | %,.0f | %.2f | %.2f | %.2f |%n",
                                command,
                                parallelism,
                                best.get(blackhole),
                                best.get(ours),
                                cpu.get(blackhole),
                                cpu.get(ours),
                                cpu.get(ours) - cpu.get(blackhole)));
            }
        }
        BenchmarkJobs.publish(out.toString(), "redis-cluster-sink-benchmark.md");
    }

    private static String label(String command, String connector, int parallelism) {
        return command + " " + connector + " p=" + parallelism;
    }

    /** {rows per second, JVM CPU seconds} of one job. */
    private static double[] job(
            RedisCluster cluster, String connector, String command, int parallelism, long rows)
            throws Exception {
        for (RedisServer master : cluster.masters()) {
            try (Jedis redis = master.newClient()) {
                redis.flushAll();
            }
        }
        TableEnvironment env = BenchmarkJobs.withNumbers(rows);
        // Source and sink alike (blackhole has no 'sink.parallelism'): each sink subtask writes
        // the keys of its share of the sequence, to both masters.
        env.getConfig().set("parallelism.default", String.valueOf(parallelism));
        String options =
                connector.equals("blackhole")
                        ? "'connector' = 'blackhole'"
                        : "'connector' = 'redis', 'mode' = 'cluster', 'cluster.nodes' = '"
                                + cluster.nodesOption()
                                + "', 'command' = '"
                                + command
                                + "', 'key.fields' = 'k'";
        BenchmarkJobs.JobRun run = BenchmarkJobs.intoTarget(env, options, command, rows);
        if (connector.equals("redis")) {
            long keys = 0;
            for (RedisServer master : cluster.masters()) {
                try (Jedis redis = master.newClient()) {
                    keys += redis.dbSize() - redis.keys(ReplayGuardKeys.PATTERN).size();
                }
            }
            if (keys != rows) {
                throw new IllegalStateException(
                        command
                                + " p="
                                + parallelism
                                + " left "
                                + keys
                                + " keys, expected "
                                + rows);
            }
        }
        return new double[] {run.rowsPerSecond, run.cpuSeconds};
    }
}
