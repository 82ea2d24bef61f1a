package io.github.flinkpack.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.demo.PackJars;
import io.github.flinkpack.testing.cluster.Deadline;
import io.github.flinkpack.testing.cluster.LocalFlinkCluster;
import io.github.flinkpack.testing.kafka.KafkaBroker;
import io.github.flinkpack.testing.redis.RedisExtension;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * A cluster whose lib/ holds none of the pack's jars: the SQL client brings the Redis connector and
 * the JSON functions with ADD JAR and the array intersection with CREATE FUNCTION ... USING JAR,
 * and the job runs with checkpoints on the TaskManager process, which loads them from the job's
 * jars.
 */
class UsingJarClusterITCase {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();
    @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private static LocalFlinkCluster flink;

    @BeforeAll
    static void startCluster() {
        flink = PackClusters.withoutPack(dir);
    }

    @AfterAll
    static void stopCluster() {
        if (flink != null) {
            flink.close();
        }
    }

    @Test
    void jarsAddedBySqlRunOnTheClusterWithCheckpoints() {
        assertThat(dir.resolve("flink").resolve("lib").toFile().list())
                .noneMatch(
                        jar ->
                                jar.startsWith("flink-connector-redis")
                                        || jar.startsWith("flink-udf"));
        KAFKA.createTopic("wishes", 1);
        KAFKA.produce(
                "wishes",
                "{\"user\": {\"$numberLong\": \"7\"}, \"likes\": [\"golf\", \"jazz\", \"wine\"],"
                        + " \"wants\": [\"wine\", \"golf\"]}",
                "{\"user\": 8, \"likes\": [\"ski\"], \"wants\": [\"ski\", \"ski\"]}",
                "{\"user\": 9, \"likes\": [\"a\"]",
                "{\"user\": \"9\", \"likes\": [\"tea\"], \"wants\": []}");
        String script =
                "SET 'execution.checkpointing.interval' = '1 s';\n"
                        + "SET 'pipeline.name' = 'using-jar-wishes';\n"
                        + "ADD JAR '"
                        + jar("flink-connector-redis")
                        + "';\n"
                        + "ADD JAR '"
                        + jar("flink-udf-json")
                        + "';\n"
                        + "LOAD MODULE flinkpack_json;\n"
                        + "CREATE FUNCTION PACK_ARRAY_INTERSECT AS"
                        + " 'io.github.flinkpack.arrays.functions.ArrayIntersect' USING JAR '"
                        + jar("flink-udf-arrays")
                        + "';\n"
                        + "CREATE TABLE wishes (doc STRING) WITH ('connector' = 'kafka',"
                        + " 'topic' = 'wishes', 'properties.bootstrap.servers' = '${kafka}',"
                        + " 'scan.startup.mode' = 'earliest-offset', 'format' = 'raw');\n"
                        + "CREATE TABLE common_wishes (user_id BIGINT, common ARRAY<STRING>)"
                        + " WITH ('connector' = 'redis', 'url' = '${redis}',"
                        + " 'key.fields' = 'user_id', 'key.prefix' = 'wish:',"
                        + " 'value.format' = 'json');\n"
                        + "INSERT INTO common_wishes SELECT JSON_LONG(doc, '$.user'),"
                        + " PACK_ARRAY_INTERSECT(JSON_ARRAY_STRINGS(doc, '$.likes'),"
                        + " JSON_ARRAY_STRINGS(doc, '$.wants')) FROM wishes"
                        + " WHERE JSON_LONG(doc, '$.user') IS NOT NULL;\n";
        PackClusters.runScript(flink, "using-jar", script, KAFKA, REDIS);
        List<String> running = flink.jobs("RUNNING");
        assertThat(running).hasSize(1);
        String job = running.get(0);

        Map<String, String> expected =
                Map.of(
                        "wish:7", "{\"common\":[\"golf\",\"wine\"]}",
                        "wish:8", "{\"common\":[\"ski\"]}",
                        "wish:9", "{\"common\":[]}");
        Map<String, String> actual = new TreeMap<>();
        Deadline.await(
                Duration.ofMinutes(2),
                "Redis to hold " + expected,
                () -> {
                    actual.clear();
                    try (Jedis jedis = REDIS.newClient()) {
                        jedis.keys("wish:*").forEach(key -> actual.put(key, jedis.get(key)));
                    }
                    return actual.equals(expected);
                },
                () -> "found " + actual + "\n" + flink.describe());
        long[] completed = {0};
        Deadline.await(
                Duration.ofMinutes(1),
                "completed checkpoints of job " + job,
                () -> {
                    JsonNode counts = flink.get("/jobs/" + job + "/checkpoints").path("counts");
                    completed[0] = counts.path("completed").asLong();
                    return completed[0] >= 2;
                },
                () -> completed[0] + " completed\n" + flink.describe());
        assertThat(
                        flink.get("/jobs/" + job + "/checkpoints")
                                .path("counts")
                                .path("failed")
                                .asLong())
                .isZero();
        flink.cancelAllJobs();
    }

    private static String jar(String module) {
        return PackJars.of(module).toAbsolutePath().toString().replace(File.separatorChar, '/');
    }
}
