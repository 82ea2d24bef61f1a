package io.github.flinkpack.testing.kafka;

import io.github.flinkpack.testing.cluster.Deadline;
import io.github.flinkpack.testing.redis.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka broker in its own JVM, as {@code bin/kafka-server-start.sh} runs it: KRaft (combined
 * broker and controller) on loopback, the storage formatted first with Kafka's {@code StorageTool},
 * from the Kafka jars on this JVM's classpath (Maven artifacts).
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final String bootstrapServers;

    private KafkaBrokerProcess(Process process, Path dir, String bootstrapServers) {
        this.process = process;
        this.dir = dir;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats {@code dir/data}, starts the broker and waits until it answers. */
    public static KafkaBrokerProcess start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = FreePorts.any();
        int controllerPort = FreePorts.any();
        String bootstrap = "127.0.0.1:" + port;
        Path config = dir.resolve("server.properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                        "listeners=PLAINTEXT://"
                                + bootstrap
                                + ",CONTROLLER://127.0.0.1:"
                                + controllerPort,
                        "advertised.listeners=PLAINTEXT://" + bootstrap,
                        "controller.listener.names=CONTROLLER",
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                        "log.dirs=" + dir.resolve("data"),
                        "offsets.topic.replication.factor=1",
                        "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1",
                        "group.initial.rebalance.delay.ms=0",
                        "num.partitions=1",
                        "auto.create.topics.enable=false",
                        ""));
        Path output = dir.resolve("kafka.out");
        String clusterId = Uuid.randomUuid().toString();
        Process format =
                java(
                                "kafka.tools.StorageTool",
                                List.of("format", "-t", clusterId, "-c", config.toString()))
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException(
                    "Formatting the Kafka storage failed; see "
                            + output
                            + ":\n"
                            + Files.readString(output));
        }
        Process broker =
                java("kafka.Kafka", List.of(config.toString()))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                        .start();
        KafkaBrokerProcess started = new KafkaBrokerProcess(broker, dir, bootstrap);
        try {
            Deadline.await(
                    Duration.ofSeconds(60),
                    "the Kafka broker at " + bootstrap,
                    () -> !broker.isAlive() || started.answers(),
                    () -> "see " + output);
            if (!broker.isAlive()) {
                throw new IllegalStateException("The Kafka broker exited; see " + output);
            }
            return started;
        } catch (RuntimeException | Error e) {
            started.close();
            throw e;
        }
    }

    private static ProcessBuilder java(String mainClass, List<String> args) {
        List<String> command =
                new java.util.ArrayList<>(
                        List.of(
                                Paths.get(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-Xmx512m",
                                "-cp",
                                System.getProperty("java.class.path"),
                                mainClass));
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    private boolean answers() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = Admin.create(props)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
