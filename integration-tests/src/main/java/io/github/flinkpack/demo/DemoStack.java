package io.github.flinkpack.demo;

import io.github.flinkpack.testing.cluster.FlinkDistribution;
import io.github.flinkpack.testing.cluster.LocalFlinkCluster;
import io.github.flinkpack.testing.kafka.KafkaBroker;
import io.github.flinkpack.testing.kafka.KafkaBrokerProcess;
import io.github.flinkpack.testing.redis.RedisServer;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Redis (the redis-server binary), a Kafka broker process (KRaft, from Maven artifacts) and a Flink
 * session cluster (JobManager and TaskManager processes, the pack's jars in lib/), on loopback.
 */
public final class DemoStack implements AutoCloseable {

    private RedisServer redis;
    private KafkaBrokerProcess kafkaProcess;
    private KafkaBroker kafka;
    private LocalFlinkCluster flink;

    /** Starts everything, reporting each step; closes what started if a later step fails. */
    public static DemoStack start(Path dir, Consumer<String> progress) throws Exception {
        DemoStack stack = new DemoStack();
        try {
            progress.accept("starting Redis (redis-server)");
            stack.redis = RedisServer.builder().name("demo").start();
            progress.accept("Redis at " + stack.redis.url());
            progress.accept("starting a Kafka broker process (KRaft)");
            stack.kafkaProcess = KafkaBrokerProcess.start(dir.resolve("kafka"));
            stack.kafka = KafkaBroker.connectingTo(stack.kafkaProcess.bootstrapServers());
            progress.accept("Kafka at " + stack.kafka.bootstrapServers());
            progress.accept(
                    "starting a Flink session cluster: JobManager and TaskManager processes");
            FlinkDistribution distribution = FlinkDistribution.fromSystemProperty();
            PackJars.checkBuiltFor(distribution.version());
            LocalFlinkCluster.Builder flink = LocalFlinkCluster.builder(distribution, dir);
            for (String module : PackJars.MODULES) {
                flink.libJar(PackJars.of(module));
            }
            stack.flink = flink.start();
            progress.accept(
                    "Flink "
                            + stack.flink.distribution().version()
                            + " at "
                            + stack.flink.restUrl()
                            + " (web UI), logs in "
                            + dir.resolve("log"));
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    public RedisServer redis() {
        return redis;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public LocalFlinkCluster flink() {
        return flink;
    }

    @Override
    public void close() throws Exception {
        if (flink != null) {
            flink.close();
        }
        if (kafkaProcess != null) {
            kafkaProcess.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
