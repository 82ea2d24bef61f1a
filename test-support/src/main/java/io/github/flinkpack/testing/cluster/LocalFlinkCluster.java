package io.github.flinkpack.testing.cluster;

import io.github.flinkpack.testing.redis.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Flink session cluster on loopback made of separate JVM processes, as a user runs one from a
 * distribution: a JobManager ({@code StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code
 * TaskManagerRunner}) over this cluster's own folder with {@code lib/} (the distribution's jars
 * plus the jars dropped in), {@code conf/} and {@code log/}.
 */
public final class LocalFlinkCluster implements AutoCloseable {

    private static final String JOB_MANAGER =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FlinkDistribution distribution;
    private final Path dir;
    private final int restPort;
    private final HttpClient http = HttpClient.newHttpClient();
    private FlinkProcess jobManager;
    private final List<FlinkProcess> taskManagers = new ArrayList<>();
    private int taskManagersStarted;

    private LocalFlinkCluster(FlinkDistribution distribution, Path dir, int restPort) {
        this.distribution = distribution;
        this.dir = dir;
        this.restPort = restPort;
    }

    public static Builder builder(FlinkDistribution distribution, Path dir) {
        return new Builder(distribution, dir);
    }

    public FlinkDistribution distribution() {
        return distribution;
    }

    /** This cluster's folder: lib/, conf/ and log/. */
    public Path dir() {
        return dir;
    }

    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    /** Starts one more TaskManager process and waits until the JobManager has registered it. */
    public synchronized FlinkProcess startTaskManager() {
        int expected = runningTaskManagers() + 1;
        FlinkProcess taskManager =
                FlinkProcess.start(
                        dir,
                        "taskmanager-" + (++taskManagersStarted),
                        TaskManagerMemory.JVM_OPTIONS,
                        TASK_MANAGER,
                        List.of("--configDir", dir.resolve("conf").toString()));
        taskManagers.add(taskManager);
        Deadline.await(
                Duration.ofSeconds(90),
                expected + " registered TaskManager(s)",
                () -> !taskManager.isAlive() || registeredTaskManagers() >= expected,
                () -> describe());
        if (!taskManager.isAlive()) {
            throw new IllegalStateException("The TaskManager exited at start:\n" + describe());
        }
        return taskManager;
    }

    /**
     * SIGKILLs a running TaskManager (its slots and the tasks in them are lost at once) and waits
     * until the JobManager has noticed, so that a TaskManager started next is a new registration.
     */
    public synchronized void killTaskManager(FlinkProcess taskManager) {
        taskManager.kill();
        taskManagers.remove(taskManager);
        int remaining = runningTaskManagers();
        Deadline.await(
                Duration.ofSeconds(60),
                "the JobManager to notice the lost TaskManager",
                () -> registeredTaskManagers() <= remaining,
                this::describe);
    }

    public synchronized List<FlinkProcess> taskManagers() {
        return List.copyOf(taskManagers);
    }

    private int runningTaskManagers() {
        return (int) taskManagers.stream().filter(FlinkProcess::isAlive).count();
    }

    private int registeredTaskManagers() {
        try {
            return get("/overview").path("taskmanagers").asInt(0);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** GET on the JobManager's REST API; the response body as JSON. */
    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(restUrl() + path)).GET());
    }

    /** PATCH on the REST API (e.g. {@code /jobs/<id>?mode=cancel}). */
    public JsonNode patch(String path) {
        return send(
                HttpRequest.newBuilder(URI.create(restUrl() + path))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(
                            request.timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        "Flink REST answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty()
                    ? JSON.createObjectNode()
                    : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Flink REST API at " + restUrl() + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The ids of the jobs in the given state (RUNNING, FINISHED, ...). */
    public List<String> jobs(String state) {
        List<String> ids = new ArrayList<>();
        for (JsonNode job : get("/jobs/overview").path("jobs")) {
            if (state.equals(job.path("state").asText())) {
                ids.add(job.path("jid").asText());
            }
        }
        return ids;
    }

    /** Cancels every running job, so that the next test starts on free slots. */
    public void cancelAllJobs() {
        for (String job : jobs("RUNNING")) {
            patch("/jobs/" + job + "?mode=cancel");
        }
        Deadline.await(
                Duration.ofSeconds(60),
                "all jobs cancelled",
                () -> jobs("RUNNING").isEmpty() && jobs("CANCELLING").isEmpty(),
                this::describe);
    }

    /** Process states and the ends of their logs, for failure messages. */
    public String describe() {
        StringBuilder text = new StringBuilder("Flink cluster in ").append(dir).append('\n');
        if (jobManager != null) {
            text.append(jobManager.tail(dir, 15)).append('\n');
        }
        for (FlinkProcess taskManager : taskManagers) {
            text.append(taskManager.tail(dir, 15)).append('\n');
        }
        return text.toString();
    }

    @Override
    public synchronized void close() {
        for (FlinkProcess taskManager : taskManagers) {
            taskManager.close();
        }
        taskManagers.clear();
        if (jobManager != null) {
            jobManager.close();
            jobManager = null;
        }
    }

    private void startJobManager() {
        jobManager =
                FlinkProcess.start(
                        dir,
                        "jobmanager",
                        List.of("-Xmx512m", "-Xms512m"),
                        JOB_MANAGER,
                        List.of("--configDir", dir.resolve("conf").toString()));
        Deadline.await(
                Duration.ofSeconds(90),
                "the JobManager's REST API at " + restUrl(),
                () -> !jobManager.isAlive() || restAnswers(),
                this::describe);
        if (!jobManager.isAlive()) {
            throw new IllegalStateException("The JobManager exited at start:\n" + describe());
        }
    }

    private boolean restAnswers() {
        try {
            get("/overview");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Configures and starts a cluster. */
    public static final class Builder {
        private final FlinkDistribution distribution;
        private final Path dir;
        private final List<Path> libJars = new ArrayList<>();
        private final Map<String, String> config = new LinkedHashMap<>();
        private int taskManagers = 1;

        private Builder(FlinkDistribution distribution, Path dir) {
            this.distribution = distribution;
            this.dir = dir.toAbsolutePath();
        }

        /** A jar dropped into the cluster's {@code lib/}, as a user installs a connector. */
        public Builder libJar(Path jar) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("No jar at " + jar + ": build the module first");
            }
            libJars.add(jar.toAbsolutePath());
            return this;
        }

        /** An entry of the cluster's configuration file, over the defaults. */
        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        public Builder taskManagers(int count) {
            this.taskManagers = count;
            return this;
        }

        public LocalFlinkCluster start() {
            int restPort = FreePorts.any();
            try {
                layOut(restPort);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot lay out the cluster folder " + dir, e);
            }
            LocalFlinkCluster cluster = new LocalFlinkCluster(distribution, dir, restPort);
            try {
                cluster.startJobManager();
                for (int i = 0; i < taskManagers; i++) {
                    cluster.startTaskManager();
                }
                return cluster;
            } catch (RuntimeException | Error e) {
                cluster.close();
                throw e;
            }
        }

        private void layOut(int restPort) throws IOException {
            Path lib = Files.createDirectories(dir.resolve("lib"));
            Path conf = Files.createDirectories(dir.resolve("conf"));
            Files.createDirectories(dir.resolve("log"));
            for (Path jar : distribution.libJars()) {
                linkInto(lib, jar);
            }
            for (Path jar : libJars) {
                linkInto(lib, jar);
            }
            Files.copy(
                    distribution.log4jProperties(),
                    conf.resolve("log4j.properties"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            // The SQL client logs to its own file, as bin/sql-client.sh does.
            Files.copy(
                    distribution.log4jProperties(),
                    conf.resolve("log4j-cli.properties"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("jobmanager.rpc.address", "127.0.0.1");
            entries.put("jobmanager.rpc.port", String.valueOf(FreePorts.any()));
            entries.put("jobmanager.bind-host", "127.0.0.1");
            entries.put("jobmanager.memory.process.size", "1024m");
            entries.put("rest.address", "127.0.0.1");
            entries.put("rest.bind-address", "127.0.0.1");
            entries.put("rest.port", String.valueOf(restPort));
            entries.put("taskmanager.host", "127.0.0.1");
            entries.put("taskmanager.bind-host", "127.0.0.1");
            entries.put("taskmanager.numberOfTaskSlots", "4");
            entries.put("parallelism.default", "1");
            entries.putAll(TaskManagerMemory.CONFIG);
            // A lost TaskManager is noticed in seconds, not the default 50.
            entries.put("heartbeat.interval", "1000");
            entries.put("heartbeat.timeout", "10000");
            entries.put("restart-strategy.type", "fixed-delay");
            entries.put("restart-strategy.fixed-delay.attempts", "30");
            entries.put("restart-strategy.fixed-delay.delay", "1 s");
            entries.put(
                    "execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
            entries.put("sql-client.execution.result-mode", "tableau");
            entries.putAll(config);
            String yaml =
                    entries.entrySet().stream()
                            .map(e -> e.getKey() + ": " + e.getValue())
                            .collect(Collectors.joining("\n", "", "\n"));
            Files.writeString(conf.resolve(distribution.configFileName()), yaml);
        }

        private static void linkInto(Path lib, Path jar) throws IOException {
            Path link = lib.resolve(jar.getFileName());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, jar);
        }
    }
}
