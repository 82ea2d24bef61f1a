package io.github.flinkpack.testing.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One JVM of a {@link LocalFlinkCluster} (JobManager, TaskManager, SQL client, SQL Gateway),
 * started the way Flink's scripts start it: {@code lib/*} as the classpath, {@code FLINK_CONF_DIR},
 * its own log file and the JDK 17 module openings of Flink's default config.
 */
public final class FlinkProcess implements AutoCloseable {

    /** {@code env.java.default-opts.all} of Flink's shipped configuration. */
    static final List<String> JAVA_MODULE_OPTIONS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
                    "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final String name;
    private final Process process;
    private final Path output;

    private FlinkProcess(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    /** The command line of a Flink JVM; {@link #start} runs it with its output in a file. */
    static List<String> command(
            Path clusterDir,
            String logName,
            List<String> jvmOptions,
            String mainClass,
            List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(JAVA_MODULE_OPTIONS);
        command.add("-Dlog.file=" + clusterDir.resolve("log").resolve(logName + ".log"));
        command.add(
                "-Dlog4j.configurationFile=file:"
                        + clusterDir.resolve("conf").resolve("log4j.properties"));
        command.add("-cp");
        command.add(clusterDir.resolve("lib") + "/*");
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    static ProcessBuilder builder(Path clusterDir, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(clusterDir.toFile());
        builder.environment().put("FLINK_CONF_DIR", clusterDir.resolve("conf").toString());
        builder.environment().put("FLINK_HOME", clusterDir.toString());
        builder.environment().put("FLINK_LIB_DIR", clusterDir.resolve("lib").toString());
        return builder;
    }

    static FlinkProcess start(
            Path clusterDir,
            String name,
            List<String> jvmOptions,
            String mainClass,
            List<String> args) {
        Path output = clusterDir.resolve("log").resolve(name + ".out");
        ProcessBuilder builder =
                builder(clusterDir, command(clusterDir, name, jvmOptions, mainClass, args))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        try {
            return new FlinkProcess(name, builder.start(), output);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the " + name + " process", e);
        }
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: the process gets no chance to clean up, as when a machine or container dies. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** The last lines the process wrote to its log file and its standard output. */
    public String tail(Path clusterDir, int lines) {
        return name
                + " ("
                + (process.isAlive() ? "running" : "exited " + process.exitValue())
                + ")\n--- log ---\n"
                + lastLines(clusterDir.resolve("log").resolve(name + ".log"), lines)
                + "\n--- out ---\n"
                + lastLines(output, lines);
    }

    static String lastLines(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no " + file.getFileName() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        waitForExit();
    }

    private void waitForExit() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
