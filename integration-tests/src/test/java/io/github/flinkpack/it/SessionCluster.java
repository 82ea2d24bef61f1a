package io.github.flinkpack.it;

import io.github.flinkpack.demo.PackJars;
import io.github.flinkpack.demo.Pipelines;
import io.github.flinkpack.testing.Folders;
import io.github.flinkpack.testing.cluster.FlinkDistribution;
import io.github.flinkpack.testing.cluster.LocalFlinkCluster;
import io.github.flinkpack.testing.cluster.SqlClient;
import io.github.flinkpack.testing.kafka.KafkaBroker;
import io.github.flinkpack.testing.redis.RedisExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A Flink session cluster of processes for one test class: started before the class, every job
 * cancelled after each test, stopped after the class. Its folder (each process's log in {@code
 * log/}) is deleted when every test passed and kept, for reading, when one failed.
 *
 * <pre>
 * {@code @RegisterExtension static final SessionCluster CLUSTER = SessionCluster.withPackInLib();}
 * </pre>
 */
final class SessionCluster
        implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, TestWatcher {

    private final boolean packInLib;
    private Path dir;
    private LocalFlinkCluster flink;
    private boolean failed;

    private SessionCluster(boolean packInLib) {
        this.packInLib = packInLib;
    }

    /** The four drop-in jars in lib/, as the users install the pack. */
    static SessionCluster withPackInLib() {
        return new SessionCluster(true);
    }

    /** Only Flink's own jars in lib/. */
    static SessionCluster withoutPack() {
        return new SessionCluster(false);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("flinkpack-cluster-");
        LocalFlinkCluster.Builder builder =
                LocalFlinkCluster.builder(
                        FlinkDistribution.fromSystemProperty(), dir.resolve("flink"));
        if (packInLib) {
            PackJars.MODULES.forEach(module -> builder.libJar(PackJars.of(module)));
        }
        flink = builder.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        flink.cancelAllJobs();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (flink != null) {
            flink.close();
        }
        if (failed || context.getExecutionException().isPresent()) {
            System.err.println("Flink cluster folder kept for its logs: " + dir);
            return;
        }
        Folders.deleteRecursively(dir);
    }

    LocalFlinkCluster flink() {
        return flink;
    }

    /** {@code ${kafka}} and {@code ${redis}} of a script filled in with the test's services. */
    static String fill(String sql, KafkaBroker kafka, RedisExtension redis) {
        return Pipelines.fill(sql, Map.of("kafka", kafka.bootstrapServers(), "redis", redis.url()));
    }

    /** Runs a script through the SQL client, with {@link #fill} applied. */
    String runScript(String name, String sql, KafkaBroker kafka, RedisExtension redis) {
        return SqlClient.runScript(flink, name, fill(sql, kafka, redis), Duration.ofMinutes(3));
    }
}
