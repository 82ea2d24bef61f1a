package io.github.flinkpack.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.demo.DemoCheck;
import io.github.flinkpack.demo.DemoData;
import io.github.flinkpack.demo.Pipelines;
import io.github.flinkpack.testing.cluster.Deadline;
import io.github.flinkpack.testing.cluster.FlinkProcess;
import io.github.flinkpack.testing.cluster.SqlGateway;
import io.github.flinkpack.testing.kafka.KafkaBroker;
import io.github.flinkpack.testing.redis.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The pack on a real Flink session cluster: JobManager and TaskManager processes started from the
 * distribution folder assembled from Maven artifacts, the four drop-in jars in its lib/, SQL
 * submitted by the SQL client and by the SQL Gateway's REST API.
 */
class ClusterEndToEndITCase {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();
    @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

    @RegisterExtension static final SessionCluster CLUSTER = SessionCluster.withPackInLib();

    private static String sql(String template) {
        return SessionCluster.fill(template, KAFKA, REDIS);
    }

    /**
     * SCENARIOS 000, 001 and 004 (cases 1 and 3), the demo's pipelines, each through {@code
     * sql-client.sh -f}: Redis connector, array and JSON functions (module and CREATE FUNCTION),
     * debezium-json-ext over Kafka, the 'final' wrapper. Redis and Kafka end exactly as computed
     * from the input.
     */
    @Test
    void sqlClientRunsTheUsersPipelinesWithEveryModule() {
        DemoData data = new DemoData(7);
        data.produce(KAFKA);
        for (String pipeline : Pipelines.DEMO) {
            String output =
                    Pipelines.run(CLUSTER.flink(), pipeline, KAFKA.bootstrapServers(), REDIS.url());
            assertThat(output).contains("Complete execution of the SQL update statement");
        }
        Map<String, String> redis = new TreeMap<>();
        try (Jedis jedis = REDIS.newClient()) {
            for (String key : jedis.keys("*")) {
                redis.put(key, jedis.get(key));
            }
        }
        List<String> everyChange = KAFKA.readValues("program-people-every-change");
        List<String> finalOnly = KAFKA.readValues("program-people-final");
        assertThat(DemoCheck.problems(data, redis, everyChange, finalOnly)).isEmpty();
        try (Jedis jedis = REDIS.newClient()) {
            // 000: TTLs where the pipeline sets them, none on the counters.
            assertThat(jedis.ttl("flag:frequent-login:10000001")).isBetween(1L, 600L);
            assertThat(redis.keySet())
                    .filteredOn(key -> key.startsWith("logins:window:"))
                    .isNotEmpty()
                    .allSatisfy(key -> assertThat(jedis.ttl(key)).isBetween(1L, 3600L));
            assertThat(jedis.ttl("logins:user:10000001")).isEqualTo(-1L);
        }
        // The malformed login records were read and skipped, not fatal: no job failed.
        assertThat(CLUSTER.flink().jobs("FAILED")).isEmpty();
        assertThat(CLUSTER.flink().jobs("FINISHED"))
                .hasSizeGreaterThanOrEqualTo(Pipelines.DEMO.size());
    }

    /**
     * SCENARIOS 002 deployed as the users deploy, through the SQL Gateway's REST API: a Debezium
     * MySQL topic (schema/payload envelope) read without envelope structs, creates and snapshot
     * reads only (the op filter makes the table insert-only, as windows need), counted per symbol
     * in 1-minute tumbling windows with a 10 s grace: one record per window, after the grace, the
     * out-of-order trade within the grace counted and the one beyond it not.
     */
    @Test
    void sqlGatewayDeploysTheTradeCountsWithGrace() {
        KAFKA.createTopic("TRADE_MYSQL.TRADE.TRADES", 1);
        KAFKA.produce("TRADE_MYSQL.TRADE.TRADES", TradeEvents.events().toArray(new String[0]));
        KAFKA.createTopic("trade-counts", 1);
        try (SqlGateway gateway = SqlGateway.start(CLUSTER.flink())) {
            String session = gateway.openSession();
            Duration timeout = Duration.ofMinutes(2);
            gateway.execute(session, "SET 'table.local-time-zone' = 'UTC'", timeout);
            gateway.execute(session, "SET 'pipeline.name' = 'scenario-002-trade-counts'", timeout);
            gateway.execute(session, sql(TradeEvents.TRADES_TABLE), timeout);
            gateway.execute(session, sql(TradeEvents.COUNTS_TABLE), timeout);
            String job = SqlGateway.jobIdOf(gateway.execute(session, TradeEvents.INSERT, timeout));
            Deadline.await(
                    timeout,
                    "job " + job + " to finish",
                    () -> CLUSTER.flink().jobs("FINISHED").contains(job),
                    () -> gateway.describe() + "\n" + CLUSTER.flink().describe());

            assertThat(KAFKA.readValues("trade-counts"))
                    .containsExactlyInAnyOrderElementsOf(TradeEvents.expectedCounts());

            // Results come back over REST too: the same topic read as a batch query.
            gateway.execute(session, "SET 'execution.runtime-mode' = 'batch'", timeout);
            List<JsonNode> rows =
                    gateway.execute(
                            session,
                            "SELECT symbol, COUNT(*) FROM trades GROUP BY symbol ORDER BY symbol",
                            timeout);
            List<String> counts = new ArrayList<>();
            rows.forEach(row -> counts.add(row.path(0).asText() + "=" + row.path(1).asLong()));
            assertThat(counts).containsExactlyElementsOf(TradeEvents.expectedTotals());
        }
    }

    /**
     * A TaskManager process is SIGKILLed while an unbounded job (Kafka → count per user → Redis
     * SET, and INCR by 1 per login with exactly-once delivery) runs with checkpoints, with rows
     * processed since the last checkpoint; a new TaskManager process joins, the job restores from
     * its last checkpoint, and Redis ends with the exact counts of everything produced before and
     * after: the replayed rows are not counted twice.
     */
    @Test
    void jobSurvivesTheLossOfItsTaskManager() {
        KAFKA.createTopic("failover-logins", 1);
        CLUSTER.runScript(
                "failover",
                ("SET 'execution.checkpointing.interval' = '1 s';\n"
                        + "SET 'pipeline.name' = 'failover-login-counts';\n"
                        + "CREATE TABLE failover_logins (user_id STRING) WITH ("
                        + "'connector' = 'kafka', 'topic' = 'failover-logins',"
                        + " 'properties.bootstrap.servers' = '${kafka}',"
                        + " 'properties.group.id' = 'failover',"
                        + " 'scan.startup.mode' = 'earliest-offset', 'format' = 'json');\n"
                        + "CREATE TABLE failover_counts (user_id STRING, logins BIGINT,"
                        + " PRIMARY KEY (user_id) NOT ENFORCED) WITH ('connector' ="
                        + " 'redis', 'url' = '${redis}', 'key.prefix' = 'failover:');\n"
                        + "CREATE TABLE failover_increments (user_id STRING) WITH ('connector' ="
                        + " 'redis', 'url' = '${redis}', 'command' = 'INCR',"
                        + " 'key.fields' = 'user_id', 'key.prefix' = 'failover-incr:',"
                        + " 'sink.delivery-guarantee' = 'exactly-once');\n"
                        + "EXECUTE STATEMENT SET BEGIN\n"
                        + "INSERT INTO failover_counts SELECT user_id, COUNT(*) FROM"
                        + " failover_logins GROUP BY user_id;\n"
                        + "INSERT INTO failover_increments SELECT user_id FROM failover_logins;\n"
                        + "END;\n"),
                KAFKA,
                REDIS);
        List<String> running = CLUSTER.flink().jobs("RUNNING");
        assertThat(running).hasSize(1);
        String job = running.get(0);

        Map<String, Long> expected = new TreeMap<>();
        produceLogins(0, 300, expected);
        awaitRedis(expected);
        long checkpoint = awaitCheckpointAfterNow(job);

        // Rows after the checkpoint, processed (and not yet committed) when the TaskManager dies.
        produceLogins(300, 450, expected);
        FlinkProcess lost = CLUSTER.flink().taskManagers().get(0);
        CLUSTER.flink().killTaskManager(lost);
        produceLogins(450, 600, expected);
        CLUSTER.flink().startTaskManager();

        awaitRedis(expected);
        JsonNode restored =
                CLUSTER.flink()
                        .get("/jobs/" + job + "/checkpoints")
                        .path("latest")
                        .path("restored");
        assertThat(restored.path("id").asLong())
                .as("restored checkpoint: %s", restored)
                .isGreaterThanOrEqualTo(checkpoint);
        assertThat(CLUSTER.flink().get("/jobs/" + job).path("state").asText()).isEqualTo("RUNNING");
    }

    /**
     * SIGKILL of the TaskManager under a Redis Streams source (consumer group, checkpoints every
     * second) feeding an exactly-once Kafka sink: after the restore from the last checkpoint the
     * topic holds every entry exactly once, read committed, and the group has acknowledged them.
     */
    @Test
    void streamsSourceRestoredAfterTheLossOfItsTaskManagerWritesEachEntryOnceToKafka() {
        KAFKA.createTopic("stream-copy", 1);
        addEntries(0, 300);
        CLUSTER.runScript(
                "stream-failover",
                "SET 'execution.checkpointing.interval' = '1 s';\n"
                        + "SET 'pipeline.name' = 'stream-failover-copy';\n"
                        + "CREATE TABLE stream_in (n BIGINT) WITH ('connector' = 'redis-stream',"
                        + " 'url' = '${redis}', 'stream' = 'failover-stream',"
                        + " 'group.name' = 'copy');\n"
                        + "CREATE TABLE kafka_copy (n BIGINT) WITH ('connector' = 'kafka',"
                        + " 'topic' = 'stream-copy', 'properties.bootstrap.servers' = '${kafka}',"
                        + " 'format' = 'json', 'sink.delivery-guarantee' = 'exactly-once',"
                        + " 'sink.transactional-id-prefix' = 'stream-copy',"
                        + " 'properties.transaction.timeout.ms' = '60000');\n"
                        + "INSERT INTO kafka_copy SELECT n FROM stream_in;\n",
                KAFKA,
                REDIS);
        List<String> running = CLUSTER.flink().jobs("RUNNING");
        String job =
                running.stream()
                        .filter(
                                id ->
                                        CLUSTER.flink()
                                                .get("/jobs/" + id)
                                                .path("name")
                                                .asText()
                                                .equals("stream-failover-copy"))
                        .findFirst()
                        .orElseThrow();
        awaitCopied(300);
        awaitCheckpointAfterNow(job);
        // Entries read after the checkpoint, in an open Kafka transaction when the process dies.
        addEntries(300, 450);
        FlinkProcess lost = CLUSTER.flink().taskManagers().get(0);
        CLUSTER.flink().killTaskManager(lost);
        addEntries(450, 600);
        CLUSTER.flink().startTaskManager();
        awaitCopied(600);
        try (Jedis jedis = REDIS.newClient()) {
            Deadline.await(
                    Duration.ofMinutes(1),
                    "the group to acknowledge every entry",
                    () -> jedis.xpending("failover-stream", "copy").getTotal() == 0,
                    () -> "pending: " + jedis.xpending("failover-stream", "copy").getTotal());
        }
        CLUSTER.flink().cancelAllJobs();
    }

    private static void addEntries(int from, int to) {
        try (Jedis jedis = REDIS.newClient()) {
            for (int n = from; n < to; n++) {
                jedis.xadd(
                        "failover-stream",
                        redis.clients.jedis.StreamEntryID.NEW_ENTRY,
                        Map.of("n", Integer.toString(n)));
            }
        }
    }

    /** Waits until the topic holds {@code count} committed values, then checks each n is once. */
    private static void awaitCopied(int count) {
        List<String> values = new ArrayList<>();
        Deadline.await(
                Duration.ofMinutes(3),
                count + " committed entries in stream-copy",
                () -> {
                    values.clear();
                    values.addAll(KAFKA.readValues("stream-copy"));
                    return values.size() >= count;
                },
                () -> "found " + values.size() + "\n" + CLUSTER.flink().describe());
        List<Integer> ns = new ArrayList<>();
        for (String value : values) {
            ns.add(Integer.parseInt(value.replaceAll("[^0-9]", "")));
        }
        java.util.Collections.sort(ns);
        List<Integer> expected = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            expected.add(n);
        }
        assertThat(ns).as("each entry exactly once").isEqualTo(expected);
    }

    private static void produceLogins(int from, int to, Map<String, Long> expected) {
        List<String> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String user = "u" + (i % 7);
            records.add("{\"user_id\": \"" + user + "\"}");
            expected.merge("failover:" + user, 1L, Long::sum);
            expected.merge("failover-incr:" + user, 1L, Long::sum);
        }
        KAFKA.produce("failover-logins", records.toArray(new String[0]));
    }

    private static void awaitRedis(Map<String, Long> expected) {
        Map<String, Long> actual = new TreeMap<>();
        Deadline.await(
                Duration.ofMinutes(3),
                "Redis to hold " + expected,
                () -> {
                    actual.clear();
                    try (Jedis jedis = REDIS.newClient()) {
                        for (String pattern : new String[] {"failover:*", "failover-incr:*"}) {
                            for (String key : jedis.keys(pattern)) {
                                actual.put(key, Long.parseLong(jedis.get(key)));
                            }
                        }
                    }
                    return actual.equals(expected);
                },
                () -> "found " + actual + "\n" + CLUSTER.flink().describe());
    }

    /** Waits for a checkpoint triggered after this call; returns its id. */
    private static long awaitCheckpointAfterNow(String job) {
        long now = System.currentTimeMillis();
        long[] id = {-1};
        Deadline.await(
                Duration.ofMinutes(1),
                "a completed checkpoint of job " + job,
                () -> {
                    JsonNode completed =
                            CLUSTER.flink()
                                    .get("/jobs/" + job + "/checkpoints")
                                    .path("latest")
                                    .path("completed");
                    id[0] = completed.path("id").asLong(-1);
                    return completed.path("trigger_timestamp").asLong(0) > now;
                },
                () -> "latest completed checkpoint " + id[0]);
        return id[0];
    }
}
