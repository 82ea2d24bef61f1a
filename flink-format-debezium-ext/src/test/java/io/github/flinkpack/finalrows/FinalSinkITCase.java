package io.github.flinkpack.finalrows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.testing.cluster.Deadline;
import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.kafka.KafkaBroker;
import io.github.flinkpack.testing.scenarios.SeedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code 'connector' = 'final'} over Kafka: only the final row per key reaches the topic. */
class FinalSinkITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String QUERY =
            "SELECT b.program_name, "
                    + ArrayAgg.of("a.name")
                    + " AS people FROM appearances b LEFT JOIN"
                    + " people a ON b.person_id = a.person_id GROUP BY b.program_name";

    @BeforeAll
    static void seedTopics() {
        KAFKA.createTopic("appearances", 1);
        KAFKA.produce("appearances", SeedData.appearances().toArray(new String[0]));
        KAFKA.createTopic("people", 1);
        KAFKA.produce("people", SeedData.people().toArray(new String[0]));
    }

    private static TableEnvironment withSources(TableEnvironment env) {
        return withSources(env, "people", true);
    }

    /**
     * Declares {@code appearances} and {@code people}, the latter read from {@code peopleTopic};
     * bounded sources stop at the offsets they find at start, unbounded ones keep reading.
     */
    private static TableEnvironment withSources(
            TableEnvironment env, String peopleTopic, boolean bounded) {
        ArrayAgg.register(env);
        for (String[] source :
                new String[][] {
                    {"appearances", "appearances", "program_name STRING, person_id INT"},
                    {"people", peopleTopic, "person_id INT, name STRING"}
                }) {
            env.executeSql(
                    "CREATE TEMPORARY TABLE "
                            + source[0]
                            + " ("
                            + source[2]
                            + ") WITH ('connector' = 'kafka', 'topic' = '"
                            + source[1]
                            + "', 'properties.bootstrap.servers' = '"
                            + KAFKA.bootstrapServers()
                            + "', 'properties.group.id' = 'g-"
                            + source[1]
                            + "', 'scan.startup.mode' = 'earliest-offset',"
                            + (bounded ? " 'scan.bounded.mode' = 'latest-offset'," : "")
                            + " 'format' = 'json')");
        }
        return env;
    }

    private static String kafka(String topic, String prefix, String format) {
        return "'"
                + prefix
                + "connector' = 'kafka', '"
                + prefix
                + "topic' = '"
                + topic
                + "', '"
                + prefix
                + "properties.bootstrap.servers' = '"
                + KAFKA.bootstrapServers()
                + "', '"
                + prefix
                + format;
    }

    /** Program → sorted list of people, from the same query in batch mode. */
    private static Map<String, List<String>> batchResult() throws Exception {
        TableEnvironment batch = withSources(FlinkMiniCluster.batch());
        Map<String, List<String>> result = new TreeMap<>();
        try (CloseableIterator<Row> rows = batch.executeSql(QUERY).collect()) {
            while (rows.hasNext()) {
                Row row = rows.next();
                List<String> people = new ArrayList<>(List.of((String[]) row.getField(1)));
                people.sort(null);
                result.put((String) row.getField(0), people);
            }
        }
        return result;
    }

    private static Map<String, List<String>> lists(List<String> records) {
        Map<String, List<String>> lists = new TreeMap<>();
        for (String record : records) {
            JsonNode node;
            try {
                node = JSON.readTree(record);
            } catch (IOException e) {
                throw new UncheckedIOException("Not a JSON record: " + record, e);
            }
            List<String> people = new ArrayList<>();
            node.get("people").forEach(p -> people.add(p.isNull() ? null : p.asText()));
            people.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
            lists.put(node.get("program_name").asText(), people);
        }
        return lists;
    }

    @Test
    void scenario001WritesOneFinalListPerProgram() throws Exception {
        Map<String, List<String>> expected = batchResult();
        assertThat(expected).hasSize(8);
        assertThat(expected.get("런닝맨")).containsExactly("인물1", "인물28");

        List<String> raw = scenario001WithoutFilter(expected);
        // Every intermediate list reached the topic: one or more records per appearance.
        assertThat(raw.size()).isGreaterThanOrEqualTo(SeedData.appearances().size());
        // The left join's null-then-value rows: 런닝맨 was written with nulls, then with names.
        assertThat(raw).contains("{\"program_name\":\"런닝맨\",\"people\":[null,null]}");
        assertThat(raw.get(raw.size() - 1)).doesNotContain("null");

        KAFKA.createTopic("program_people", 1);
        TableEnvironment env = withSources(FlinkMiniCluster.streamingNoRestart());
        env.executeSql(
                "CREATE TABLE program_people (program_name STRING, people ARRAY<STRING>,"
                        + " PRIMARY KEY (program_name) NOT ENFORCED) WITH ('connector' = 'final',"
                        + " 'final.emit' = 'end-of-input', "
                        + kafka("program_people", "inner.", "format' = 'json'")
                        + ")");
        env.executeSql("INSERT INTO program_people " + QUERY).await();
        List<String> records = KAFKA.readValues("program_people");
        assertThat(records).hasSize(8);
        assertThat(lists(records)).isEqualTo(expected);
    }

    /**
     * The seed's query into upsert-kafka, the way the user ran it. For the left join's nulls to be
     * certain (with two sources their order is up to the scheduler) the people arrive only once
     * every appearance has been written with nulls; returns the topic once its latest list per
     * program equals {@code expected}.
     */
    private static List<String> scenario001WithoutFilter(Map<String, List<String>> expected)
            throws Exception {
        KAFKA.createTopic("people_late", 1);
        KAFKA.createTopic("program_people_raw", 1);
        TableEnvironment env =
                withSources(FlinkMiniCluster.streamingNoRestart(), "people_late", false);
        env.executeSql(
                "CREATE TABLE program_people_raw (program_name STRING, people ARRAY<STRING>,"
                        + " PRIMARY KEY (program_name) NOT ENFORCED) WITH ("
                        + kafka(
                                        "program_people_raw",
                                        "",
                                        "key.format' = 'json', 'value.format' = 'json'")
                                .replace("'connector' = 'kafka'", "'connector' = 'upsert-kafka'")
                        + ")");
        TableResult job = env.executeSql("INSERT INTO program_people_raw " + QUERY);
        try {
            int appearances = SeedData.appearances().size();
            Deadline.await(
                    Duration.ofMinutes(1),
                    "one record per appearance, before any person is known",
                    () -> KAFKA.readValues("program_people_raw").size() >= appearances,
                    () -> KAFKA.readValues("program_people_raw").toString());
            KAFKA.produce("people_late", SeedData.people().toArray(new String[0]));
            Deadline.await(
                    Duration.ofMinutes(1),
                    "the final lists once the people arrived",
                    () -> lists(KAFKA.readValues("program_people_raw")).equals(expected),
                    () -> lists(KAFKA.readValues("program_people_raw")).toString());
            return KAFKA.readValues("program_people_raw");
        } finally {
            job.getJobClient().orElseThrow().cancel().get();
        }
    }

    /**
     * A count per user and minute (an updating aggregation) through the wrapper with 'watermark' +
     * 10 s grace and the given 'final.late'; returns what reached the topic. The watermark reaches
     * 10:01:30 before a late click of 10:00:55 arrives, after the 10:01 window was written.
     */
    private static List<String> clicksPerMinute(String late) throws Exception {
        String source = "clicks_" + late;
        String sink = "clicks_per_minute_" + late;
        KAFKA.createTopic(source, 1);
        KAFKA.produce(
                source,
                "{\"user_id\": \"u1\", \"ts\": \"2025-05-13 10:00:10\"}",
                "{\"user_id\": \"u1\", \"ts\": \"2025-05-13 10:00:20\"}",
                "{\"user_id\": \"u1\", \"ts\": \"2025-05-13 10:01:05\"}",
                "{\"user_id\": \"u1\", \"ts\": \"2025-05-13 10:00:50\"}",
                "{\"user_id\": \"u1\", \"ts\": \"2025-05-13 10:01:30\"}",
                "{\"user_id\": \"u1\", \"ts\": \"2025-05-13 10:02:15\"}",
                "{\"user_id\": \"u1\", \"ts\": \"2025-05-13 10:00:55\"}",
                "{\"user_id\": \"u1\", \"ts\": \"2025-05-13 10:02:20\"}");
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.getConfig().set("parallelism.default", "1");
        env.executeSql(
                "CREATE TEMPORARY TABLE clicks (user_id STRING, ts TIMESTAMP(3),"
                        + " WATERMARK FOR ts AS ts) WITH ('connector' = 'kafka', 'topic' = '"
                        + source
                        + "', 'properties.bootstrap.servers' = '"
                        + KAFKA.bootstrapServers()
                        + "', 'properties.group.id' = '"
                        + source
                        + "', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' ="
                        + " 'latest-offset', 'scan.watermark.emit.strategy' = 'on-event',"
                        + " 'format' = 'json')");
        KAFKA.createTopic(sink, 1);
        env.executeSql(
                "CREATE TABLE clicks_per_minute (user_id STRING, window_end TIMESTAMP(3), clicks"
                        + " BIGINT, PRIMARY KEY (user_id, window_end) NOT ENFORCED) WITH"
                        + " ('connector' = 'final', 'final.emit' = 'watermark',"
                        + " 'final.time-column' = 'window_end', 'final.grace' = '10 s',"
                        + " 'final.late' = '"
                        + late
                        + "', "
                        + kafka(sink, "inner.", "format' = 'json'")
                        + ")");
        env.executeSql(
                        "INSERT INTO clicks_per_minute SELECT user_id, CEIL(ts TO MINUTE) AS"
                                + " window_end, COUNT(*) FROM clicks GROUP BY user_id, CEIL(ts TO"
                                + " MINUTE)")
                .await();
        return KAFKA.readValues(sink);
    }

    private static final String WINDOW_1 =
            "{\"user_id\":\"u1\",\"window_end\":\"2025-05-13 10:01:00\",\"clicks\":";
    private static final String WINDOW_2 =
            "{\"user_id\":\"u1\",\"window_end\":\"2025-05-13 10:02:00\",\"clicks\":2}";
    private static final String WINDOW_3 =
            "{\"user_id\":\"u1\",\"window_end\":\"2025-05-13 10:03:00\",\"clicks\":2}";

    /** One record per window, after its grace; the late click is dropped. */
    @Test
    void watermarkTriggerWritesEachWindowOnceAfterItsGrace() throws Exception {
        assertThat(clicksPerMinute("drop")).containsExactly(WINDOW_1 + "3}", WINDOW_2, WINDOW_3);
    }

    /** 'emit': the late click updates the closed window, written as a new final row. */
    @Test
    void lateChangesAreWrittenWhenAskedOrFailTheJob() throws Exception {
        assertThat(clicksPerMinute("emit"))
                .containsExactly(WINDOW_1 + "3}", WINDOW_2, WINDOW_1 + "4}", WINDOW_3);
        assertThatThrownBy(() -> clicksPerMinute("fail"))
                .hasStackTraceContaining("a change to key")
                .hasStackTraceContaining("after its final row was written")
                .hasStackTraceContaining("'final.late' = 'drop' or 'emit'");
    }

    /** 'upsert' output: the inner upsert-kafka sink gets the final row per key, keyed. */
    @Test
    void upsertOutputWritesTheFinalRowByKey() throws Exception {
        TableEnvironment env = withSources(FlinkMiniCluster.streamingNoRestart());
        KAFKA.createTopic("person_programs", 1);
        env.executeSql(
                "CREATE TABLE person_programs (person_id INT, programs BIGINT, PRIMARY KEY"
                        + " (person_id) NOT ENFORCED) WITH ('connector' = 'final',"
                        + " 'final.output' = 'upsert', "
                        + kafka(
                                        "person_programs",
                                        "inner.",
                                        "key.format' = 'json', 'inner.value.format' = 'json'")
                                .replace(
                                        "'inner.connector' = 'kafka'",
                                        "'inner.connector' = 'upsert-kafka'")
                        + ")");
        env.executeSql(
                        "INSERT INTO person_programs SELECT person_id, COUNT(*) FROM appearances"
                                + " GROUP BY person_id")
                .await();
        List<KafkaBroker.KeyValue> records = KAFKA.readAll("person_programs");
        // 29 people appear; each key once, with its total (person 10 is in 3 programs).
        assertThat(records).hasSize(29);
        assertThat(records)
                .anySatisfy(
                        record -> {
                            assertThat(record.key()).isEqualTo("{\"person_id\":10}");
                            assertThat(record.value())
                                    .isEqualTo("{\"person_id\":10,\"programs\":3}");
                        });
    }

    /** Waits until the topic holds {@code count} records, or fails after a minute. */
    private static List<String> awaitRecords(String topic, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        List<String> records = KAFKA.readValues(topic);
        while (records.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            records = KAFKA.readValues(topic);
        }
        return records;
    }

    private static List<String> burst(String user, int events) {
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            burst.add("{\"user_id\": \"" + user + "\"}");
        }
        return burst;
    }

    /** Unbounded input: a key is written after 3 s without a change, again after new changes. */
    @Test
    void idleTriggerWritesAKeyOnceItStopsChanging() throws Exception {
        KAFKA.createTopic("idle_events", 1);
        KAFKA.createTopic("idle_counts", 1);
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.executeSql(unboundedUsers("idle_events"));
        env.executeSql(
                "CREATE TABLE idle_counts (user_id STRING, n BIGINT, PRIMARY KEY (user_id) NOT"
                        + " ENFORCED) WITH ('connector' = 'final', 'final.emit' = 'idle',"
                        + " 'final.idle-timeout' = '3 s', "
                        + kafka("idle_counts", "inner.", "format' = 'json'")
                        + ")");
        TableResult job =
                env.executeSql(
                        "INSERT INTO idle_counts SELECT user_id, COUNT(*) FROM idle_events GROUP"
                                + " BY user_id");
        try {
            KAFKA.produce("idle_events", burst("a", 20).toArray(new String[0]));
            assertThat(awaitRecords("idle_counts", 1))
                    .containsExactly("{\"user_id\":\"a\",\"n\":20}");
            KAFKA.produce("idle_events", burst("a", 5).toArray(new String[0]));
            assertThat(awaitRecords("idle_counts", 2))
                    .containsExactly(
                            "{\"user_id\":\"a\",\"n\":20}", "{\"user_id\":\"a\",\"n\":25}");
        } finally {
            job.getJobClient().orElseThrow().cancel().get();
        }
    }

    /** Unbounded input: at each checkpoint, only the keys that changed, at their latest value. */
    @Test
    void checkpointTriggerWritesTheNetChangePerCheckpoint() throws Exception {
        KAFKA.createTopic("checkpoint_events", 1);
        KAFKA.createTopic("checkpoint_counts", 1);
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.getConfig().set("execution.checkpointing.interval", "1 s");
        env.executeSql(unboundedUsers("checkpoint_events"));
        env.executeSql(
                "CREATE TABLE checkpoint_counts (user_id STRING, n BIGINT, PRIMARY KEY (user_id)"
                        + " NOT ENFORCED) WITH ('connector' = 'final', 'final.emit' ="
                        + " 'checkpoint', "
                        + kafka("checkpoint_counts", "inner.", "format' = 'json'")
                        + ")");
        TableResult job =
                env.executeSql(
                        "INSERT INTO checkpoint_counts SELECT user_id, COUNT(*) FROM"
                                + " checkpoint_events GROUP BY user_id");
        try {
            List<String> events = burst("a", 200);
            events.addAll(burst("b", 3));
            KAFKA.produce("checkpoint_events", events.toArray(new String[0]));
            List<String> records = awaitRecords("checkpoint_counts", 2);
            long deadline = System.currentTimeMillis() + 60_000;
            while (!(records.contains("{\"user_id\":\"a\",\"n\":200}")
                            && records.contains("{\"user_id\":\"b\",\"n\":3}"))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                records = KAFKA.readValues("checkpoint_counts");
            }
            // 203 changes in, a handful of net changes out; the last value per key is the total.
            assertThat(records)
                    .contains("{\"user_id\":\"a\",\"n\":200}", "{\"user_id\":\"b\",\"n\":3}");
            assertThat(records.size()).isLessThan(10);
            Thread.sleep(2_500);
            // Checkpoints without changes write nothing.
            assertThat(KAFKA.readValues("checkpoint_counts")).hasSameSizeAs(records);
        } finally {
            job.getJobClient().orElseThrow().cancel().get();
        }
    }

    private static String unboundedUsers(String topic) {
        return "CREATE TEMPORARY TABLE "
                + topic
                + " (user_id STRING) WITH ('connector' = 'kafka', 'topic' = '"
                + topic
                + "', 'properties.bootstrap.servers' = '"
                + KAFKA.bootstrapServers()
                + "', 'properties.group.id' = '"
                + topic
                + "', 'scan.startup.mode' = 'earliest-offset', 'format' = 'json')";
    }

    /**
     * A failure in the middle of the input: the job restarts from its last checkpoint and the topic
     * still gets exactly one row per key with an exactly-once inner sink, and only copies of the
     * same final rows with an at-least-once one.
     */
    @Test
    void failoverKeepsOneFinalRowPerKey() throws Exception {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.add("{\"user_id\": \"" + (char) ('a' + i % 3) + "\"}");
        }
        KAFKA.createTopic("failover_events", 1);
        KAFKA.produce("failover_events", events.toArray(new String[0]));
        List<String> expected =
                List.of(
                        "{\"user_id\":\"a\",\"n\":100}",
                        "{\"user_id\":\"b\",\"n\":100}",
                        "{\"user_id\":\"c\",\"n\":100}");
        for (String guarantee : List.of("exactly-once", "at-least-once")) {
            FailOnce.reset(150);
            String topic = "failover_" + guarantee.replace('-', '_');
            KAFKA.createTopic(topic, 1);
            TableEnvironment env = FlinkMiniCluster.streaming();
            env.getConfig().set("execution.checkpointing.interval", "300 ms");
            env.getConfig().set("restart-strategy.type", "fixed-delay");
            env.getConfig().set("restart-strategy.fixed-delay.attempts", "3");
            env.getConfig().set("restart-strategy.fixed-delay.delay", "200 ms");
            env.getConfig().set("parallelism.default", "1");
            env.createTemporarySystemFunction("PASS_BUT_FAIL_ONCE", FailOnce.class);
            env.executeSql(
                    "CREATE TEMPORARY TABLE failover_events (user_id STRING) WITH ('connector' ="
                            + " 'kafka', 'topic' = 'failover_events',"
                            + " 'properties.bootstrap.servers' = '"
                            + KAFKA.bootstrapServers()
                            + "', 'properties.group.id' = '"
                            + topic
                            + "', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' ="
                            + " 'latest-offset', 'format' = 'json')");
            env.executeSql(
                    "CREATE TEMPORARY TABLE "
                            + topic
                            + " (user_id STRING, n BIGINT, PRIMARY KEY (user_id) NOT ENFORCED)"
                            + " WITH ('connector' = 'final', "
                            + kafka(topic, "inner.", "format' = 'json'")
                            + ", 'inner.sink.delivery-guarantee' = '"
                            + guarantee
                            + "', 'inner.sink.transactional-id-prefix' = '"
                            + topic
                            + "', 'inner.properties.transaction.timeout.ms' = '60000')");
            env.executeSql(
                            "INSERT INTO "
                                    + topic
                                    + " SELECT user_id, COUNT(*) FROM failover_events WHERE"
                                    + " PASS_BUT_FAIL_ONCE(user_id) GROUP BY user_id")
                    .await();
            assertThat(FailOnce.FAILED).as("the failure was injected").isTrue();
            // A read_committed consumer sees a committed transaction once the broker has written
            // its markers, which may be a moment after the commit (and the job) returned.
            List<String> records = awaitRecords(topic, expected.size());
            if (guarantee.equals("exactly-once")) {
                assertThat(records).containsExactlyInAnyOrderElementsOf(expected);
            } else {
                assertThat(records).containsAll(expected);
                assertThat(records).allSatisfy(record -> assertThat(expected).contains(record));
            }
        }
    }

    @Test
    void misconfigurationsAreRefusedWithTheFix() {
        TableEnvironment env = withSources(FlinkMiniCluster.streamingNoRestart());
        String[][] cases = {
            {
                "(program_name STRING, n BIGINT) WITH ('connector' = 'final', "
                        + kafka("t", "inner.", "format' = 'json'")
                        + ")",
                "needs a PRIMARY KEY"
            },
            {
                "(program_name STRING, n BIGINT, PRIMARY KEY (program_name) NOT ENFORCED) WITH"
                        + " ('connector' = 'final', 'final.emit' = 'end-of-input,sometimes', "
                        + kafka("t", "inner.", "format' = 'json'")
                        + ")",
                "'final.emit' = 'end-of-input,sometimes' names unknown trigger 'sometimes'"
            },
            {
                "(program_name STRING, n BIGINT, PRIMARY KEY (program_name) NOT ENFORCED) WITH"
                        + " ('connector' = 'final', 'final.emit' = 'watermark', "
                        + kafka("t", "inner.", "format' = 'json'")
                        + ")",
                "needs 'final.time-column'"
            },
            {
                "(program_name STRING, n BIGINT, PRIMARY KEY (program_name) NOT ENFORCED) WITH"
                        + " ('connector' = 'final', 'final.output' = 'upsert', "
                        + kafka("t", "inner.", "format' = 'json'")
                        + ")",
                "With 'final.output' = 'upsert' it gets the PRIMARY KEY and updates: use"
                        + " 'final.output' = 'append'"
            },
            {
                "(program_name STRING, n BIGINT, PRIMARY KEY (program_name) NOT ENFORCED) WITH"
                        + " ('connector' = 'final')",
                "needs 'inner.connector'"
            }
        };
        for (int i = 0; i < cases.length; i++) {
            String name = "bad" + i;
            env.executeSql("CREATE TABLE " + name + " " + cases[i][0]);
            assertThatThrownBy(
                            () ->
                                    env.executeSql(
                                            "INSERT INTO "
                                                    + name
                                                    + " SELECT program_name, COUNT(*) FROM"
                                                    + " appearances GROUP BY program_name"))
                    .as(cases[i][1])
                    .hasStackTraceContaining(cases[i][1]);
        }
    }
}
