package io.github.flinkpack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.demo.PackJars;
import io.github.flinkpack.testing.cluster.Deadline;
import io.github.flinkpack.testing.kafka.KafkaBroker;
import io.github.flinkpack.testing.redis.RedisExtension;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

    @RegisterExtension static final SessionCluster CLUSTER = SessionCluster.withoutPack();

    @BeforeAll
    static void produceWishes() {
        KAFKA.createTopic("wishes", 1);
        KAFKA.produce(
                "wishes",
                "{\"user\": {\"$numberLong\": \"7\"}, \"likes\": [\"golf\", \"jazz\", \"wine\"],"
                        + " \"wants\": [\"wine\", \"golf\"]}",
                "{\"user\": 8, \"likes\": [\"ski\"], \"wants\": [\"ski\", \"ski\"]}",
                "{\"user\": 9, \"likes\": [\"a\"]",
                "{\"user\": \"9\", \"likes\": [\"tea\"], \"wants\": []}");
    }

    @Test
    void libHasNoneOfThePack() {
        assertThat(CLUSTER.flink().dir().resolve("lib").toFile().list())
                .isNotEmpty()
                .noneMatch(
                        jar ->
                                jar.startsWith("flink-connector-redis")
                                        || jar.startsWith("flink-udf"))
                .noneMatch(jar -> jar.startsWith("flink-format-debezium-ext"));
    }

    /** Every jar with ADD JAR; the array function as a catalog function over the added jar. */
    @Test
    void addJarWithCheckpoints() {
        String job =
                runWishes(
                        "ADD JAR '"
                                + jar("flink-udf-arrays")
                                + "';\n"
                                + "CREATE FUNCTION PACK_ARRAY_INTERSECT AS"
                                + " 'io.github.flinkpack.arrays.functions.ArrayIntersect';\n",
                        true,
                        "added");
        awaitWishes("added:");
        awaitCheckpoints(job);
    }

    /**
     * The array function with CREATE FUNCTION ... USING JAR. On Flink 1.20 with checkpointing on,
     * the SQL client cannot build the job graph: Flink compiles the generated operator in a class
     * loader without the USING JAR jar (FLINK-28897, fixed in 2.x). The same statement works on
     * 1.20 without checkpointing, and everywhere after ADD JAR (above); docs/functions.sql says so.
     */
    @Test
    void createFunctionUsingJar() {
        String usingJar =
                "CREATE FUNCTION PACK_ARRAY_INTERSECT AS"
                        + " 'io.github.flinkpack.arrays.functions.ArrayIntersect' USING JAR '"
                        + jar("flink-udf-arrays")
                        + "';\n";
        if (CLUSTER.flink().distribution().version().startsWith("1.")) {
            assertThatThrownBy(() -> runWishes(usingJar, true, "using-jar"))
                    .hasMessageContaining("Cannot determine simple type name \"io\"");
            runWishes(usingJar, false, "using-jar");
            awaitWishes("using-jar:");
        } else {
            String job = runWishes(usingJar, true, "using-jar");
            awaitWishes("using-jar:");
            awaitCheckpoints(job);
        }
    }

    /**
     * Submits Kafka → JSON functions and the array intersection → Redis, with the Redis connector
     * and the JSON functions from ADD JAR and the array function as {@code registration} makes it;
     * returns the running job's id.
     */
    private static String runWishes(String registration, boolean checkpoints, String prefix) {
        String script =
                (checkpoints ? "SET 'execution.checkpointing.interval' = '1 s';\n" : "")
                        + "SET 'pipeline.name' = 'wishes-"
                        + prefix
                        + "';\n"
                        + "ADD JAR '"
                        + jar("flink-connector-redis")
                        + "';\n"
                        + "ADD JAR '"
                        + jar("flink-udf-json")
                        + "';\n"
                        + "LOAD MODULE flinkpack_json;\n"
                        + registration
                        + "CREATE TABLE wishes (doc STRING) WITH ('connector' = 'kafka',"
                        + " 'topic' = 'wishes', 'properties.bootstrap.servers' = '${kafka}',"
                        + " 'scan.startup.mode' = 'earliest-offset', 'format' = 'raw');\n"
                        + "CREATE TABLE common_wishes (user_id BIGINT, common ARRAY<STRING>)"
                        + " WITH ('connector' = 'redis', 'url' = '${redis}',"
                        + " 'key.fields' = 'user_id', 'key.prefix' = '"
                        + prefix
                        + ":',"
                        + " 'value.format' = 'json');\n"
                        + "INSERT INTO common_wishes SELECT JSON_LONG(doc, '$.user'),"
                        + " PACK_ARRAY_INTERSECT(JSON_ARRAY_STRINGS(doc, '$.likes'),"
                        + " JSON_ARRAY_STRINGS(doc, '$.wants')) FROM wishes"
                        + " WHERE JSON_LONG(doc, '$.user') IS NOT NULL;\n";
        CLUSTER.runScript("wishes-" + prefix, script, KAFKA, REDIS);
        List<String> running = CLUSTER.flink().jobs("RUNNING");
        assertThat(running).hasSize(1);
        return running.get(0);
    }

    private static void awaitWishes(String prefix) {
        Map<String, String> expected =
                Map.of(
                        prefix + "7", "{\"common\":[\"golf\",\"wine\"]}",
                        prefix + "8", "{\"common\":[\"ski\"]}",
                        prefix + "9", "{\"common\":[]}");
        Map<String, String> actual = new TreeMap<>();
        Deadline.await(
                Duration.ofMinutes(2),
                "Redis to hold " + expected,
                () -> {
                    actual.clear();
                    try (Jedis jedis = REDIS.newClient()) {
                        jedis.keys(prefix + "*").forEach(key -> actual.put(key, jedis.get(key)));
                    }
                    return actual.equals(expected);
                },
                () -> "found " + actual + "\n" + CLUSTER.flink().describe());
    }

    /** The job completes checkpoints with the added jars' classes in its operators. */
    private static void awaitCheckpoints(String job) {
        long[] completed = {0};
        Deadline.await(
                Duration.ofMinutes(1),
                "completed checkpoints of job " + job,
                () -> {
                    JsonNode counts =
                            CLUSTER.flink().get("/jobs/" + job + "/checkpoints").path("counts");
                    completed[0] = counts.path("completed").asLong();
                    return completed[0] >= 2;
                },
                () -> completed[0] + " completed\n" + CLUSTER.flink().describe());
        // (A checkpoint triggered before the tasks run counts as failed on 1.20: not checked.)
        assertThat(CLUSTER.flink().get("/jobs/" + job).path("state").asText()).isEqualTo("RUNNING");
    }

    private static String jar(String module) {
        return PackJars.of(module).toAbsolutePath().toString().replace(File.separatorChar, '/');
    }
}
