package io.github.flinkpack.it;

import io.github.flinkpack.demo.PackJars;
import io.github.flinkpack.testing.cluster.FlinkDistribution;
import io.github.flinkpack.testing.cluster.LocalFlinkCluster;
import io.github.flinkpack.testing.cluster.SqlClient;
import io.github.flinkpack.testing.kafka.KafkaBroker;
import io.github.flinkpack.testing.redis.RedisExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The session clusters of the end-to-end tests, and SQL scripts run on them. */
final class PackClusters {

    private PackClusters() {}

    /** A cluster with the four drop-in jars in lib/, as the users install the pack. */
    static LocalFlinkCluster withPackInLib(Path dir) {
        LocalFlinkCluster.Builder builder =
                LocalFlinkCluster.builder(
                        FlinkDistribution.fromSystemProperty(), dir.resolve("flink"));
        PackJars.MODULES.forEach(module -> builder.libJar(PackJars.of(module)));
        return builder.start();
    }

    /** A cluster with only Flink's own jars in lib/. */
    static LocalFlinkCluster withoutPack(Path dir) {
        return LocalFlinkCluster.builder(
                        FlinkDistribution.fromSystemProperty(), dir.resolve("flink"))
                .start();
    }

    /**
     * Runs a script through the SQL client with {@code ${kafka}} and {@code ${redis}} filled in.
     */
    static String runScript(
            LocalFlinkCluster flink,
            String name,
            String sql,
            KafkaBroker kafka,
            RedisExtension redis) {
        return SqlClient.runScript(
                flink,
                name,
                io.github.flinkpack.demo.Pipelines.fill(
                        sql, Map.of("kafka", kafka.bootstrapServers(), "redis", redis.url())),
                Duration.ofMinutes(3));
    }
}
