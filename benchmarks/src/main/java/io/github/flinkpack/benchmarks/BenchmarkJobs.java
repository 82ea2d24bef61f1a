package io.github.flinkpack.benchmarks;

import io.github.flinkpack.testing.redis.RedisBinaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

/** What every benchmark job driver shares: the source, the measurement and the report file. */
final class BenchmarkJobs {

    private BenchmarkJobs() {}

    /**
     * A streaming environment at parallelism 1 with table {@code numbers (n BIGINT)}: the sequence
     * 1..rows, with the generator's rate limit set out of the way.
     */
    static TableEnvironment withNumbers(long rows) {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.getConfig().set("parallelism.default", "1");
        env.executeSql(
                "CREATE TEMPORARY TABLE numbers (n BIGINT) WITH ('connector' = 'datagen',"
                        + " 'fields.n.kind' = 'sequence', 'fields.n.start' = '1',"
                        + " 'fields.n.end' = '"
                        + rows
                        + "', 'rows-per-second' = '1000000000')");
        return env;
    }

    /** Waits for the job and returns rows per second of its net runtime. */
    static double rowsPerSecond(TableResult job, long rows) throws Exception {
        long millis =
                job.getJobClient().orElseThrow().getJobExecutionResult().get().getNetRuntime();
        return rows * 1000.0 / millis;
    }

    /** One job's rate and the CPU time this JVM spent on it (the Redis server not included). */
    static final class JobRun {
        final double rowsPerSecond;
        final double cpuSeconds;

        JobRun(double rowsPerSecond, double cpuSeconds) {
            this.rowsPerSecond = rowsPerSecond;
            this.cpuSeconds = cpuSeconds;
        }
    }

    /**
     * Creates table {@code target (k BIGINT, v BIGINT)} with {@code options} and runs {@code INSERT
     * INTO target} of {@code numbers}: {@code v} = n for SET, 1 for INCR.
     */
    static JobRun intoTarget(TableEnvironment env, String options, String command, long rows)
            throws Exception {
        env.executeSql("CREATE TEMPORARY TABLE target (k BIGINT, v BIGINT) WITH (" + options + ")");
        String value = command.equals("INCR") ? "CAST(1 AS BIGINT)" : "n";
        long cpuBefore = processCpuNanos();
        TableResult result =
                env.executeSql("INSERT INTO target SELECT n, " + value + " FROM numbers");
        double rate = rowsPerSecond(result, rows);
        return new JobRun(rate, (processCpuNanos() - cpuBefore) / 1e9);
    }

    /** CPU time this JVM has used so far, every thread together. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Logs one measurement and keeps the best per variant. */
    static void record(Map<String, Double> best, String variant, double rowsPerSecond) {
        System.err.printf(Locale.ROOT, "%-36s %,14.0f rows/s%n", variant, rowsPerSecond);
        best.merge(variant, rowsPerSecond, Math::max);
    }

    /**
     * Requests per second of {@code redis-benchmark -c 1 -P 1000 -n requests --csv args...}: the
     * server's ceiling for one connection; {@code line} starts the CSV line to read.
     */
    static double redisBenchmark(String host, int port, long requests, String line, String... args)
            throws IOException, InterruptedException {
        Path binary = RedisBinaries.cli().resolveSibling("redis-benchmark");
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                binary.toString(),
                                "-h",
                                host,
                                "-p",
                                String.valueOf(port),
                                "-c",
                                "1",
                                "-P",
                                "1000",
                                "-n",
                                String.valueOf(requests),
                                "--csv"));
        cmd.addAll(List.of(args));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("redis-benchmark failed:\n" + output);
        }
        // "test","rps",... then e.g. "SET","123456.78",...
        for (String row : output.split("\n")) {
            String[] fields = row.replace("\"", "").split(",");
            if (fields.length > 1 && fields[0].toUpperCase(Locale.ROOT).startsWith(line)) {
                return Double.parseDouble(fields[1]);
            }
        }
        throw new IllegalStateException(
                "No " + line + " line in redis-benchmark output:\n" + output);
    }

    /** Prints the report and writes it to target/{@code file}. */
    static void publish(String report, String file) throws IOException {
        System.out.println(report);
        Path out = Paths.get("target", file);
        Files.createDirectories(out.getParent());
        Files.write(out, report.getBytes(StandardCharsets.UTF_8));
    }
}
