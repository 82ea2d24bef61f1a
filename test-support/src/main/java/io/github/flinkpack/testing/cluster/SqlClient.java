package io.github.flinkpack.testing.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Flink's SQL client ({@code org.apache.flink.table.client.SqlClient}, what {@code
 * bin/sql-client.sh} runs) as a process of a {@link LocalFlinkCluster}, submitting to it.
 */
public final class SqlClient {

    private static final String MAIN = "org.apache.flink.table.client.SqlClient";
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");

    private SqlClient() {}

    /**
     * Runs {@code sql} with {@code sql-client.sh -f}. The SQL client stops at the first failing
     * statement but still exits with 0, so a run whose output holds {@code [ERROR]} fails here,
     * with the output. Returns the output without colour codes.
     */
    public static String runScript(
            LocalFlinkCluster cluster, String name, String sql, Duration timeout) {
        Path dir = cluster.dir();
        try {
            Path script = Files.createDirectories(dir.resolve("sql")).resolve(name + ".sql");
            Files.writeString(script, sql);
            Path output = dir.resolve("log").resolve("sql-client-" + name + ".out");
            List<String> command =
                    FlinkProcess.command(
                            dir,
                            "sql-client-" + name,
                            List.of("-Xmx384m"),
                            MAIN,
                            List.of("embedded", "-f", script.toString()));
            Process process =
                    FlinkProcess.builder(dir, command)
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile())
                            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                            .start();
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            String text =
                    ANSI.matcher(Files.readString(output, StandardCharsets.UTF_8)).replaceAll("");
            if (!exited) {
                throw new AssertionError(
                        "SQL client script '"
                                + name
                                + "' did not finish in "
                                + timeout.toSeconds()
                                + " s. Output:\n"
                                + text
                                + "\n"
                                + cluster.describe());
            }
            if (process.exitValue() != 0 || text.contains("[ERROR]")) {
                throw new AssertionError(
                        "SQL client script '"
                                + name
                                + "' failed (exit "
                                + process.exitValue()
                                + "). Output:\n"
                                + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run the SQL client", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An interactive SQL client on this terminal after running {@code initScript} ({@code
     * sql-client.sh -i}); the caller starts it with inherited I/O and waits.
     */
    public static ProcessBuilder interactive(LocalFlinkCluster cluster, Path initScript) {
        Path dir = cluster.dir();
        List<String> args = new ArrayList<>(List.of("embedded"));
        if (initScript != null) {
            args.add("-i");
            args.add(initScript.toString());
        }
        return FlinkProcess.builder(
                        dir,
                        FlinkProcess.command(dir, "sql-client-interactive", List.of(), MAIN, args))
                .inheritIO();
    }
}
