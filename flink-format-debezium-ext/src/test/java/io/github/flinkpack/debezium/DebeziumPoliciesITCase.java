package io.github.flinkpack.debezium;

import static io.github.flinkpack.debezium.KafkaSql.ext;
import static io.github.flinkpack.debezium.KafkaSql.rows;
import static io.github.flinkpack.debezium.KafkaSql.strings;
import static io.github.flinkpack.testing.debezium.DebeziumEvents.customer;
import static io.github.flinkpack.testing.debezium.DebeziumEvents.mysql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.kafka.KafkaBroker;
import io.github.flinkpack.testing.logging.LogCapture;
import io.github.flinkpack.testing.metrics.CapturingMetricReporter;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Corrupt records, ops that are no row change, and bad options: each policy and its metric. */
class DebeziumPoliciesITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            FlinkMiniCluster.extension(CapturingMetricReporter.configure(new Configuration()));

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    private static final KafkaSql SQL = new KafkaSql(KAFKA);

    private static final String TRUNCATE =
            "{\"before\": null, \"after\": null, \"source\": {\"connector\": \"mysql\", \"db\":"
                    + " \"inventory\", \"table\": \"customers\"}, \"op\": \"t\", \"ts_ms\": 1}";
    private static final String MESSAGE =
            "{\"op\": \"m\", \"ts_ms\": 2, \"message\": {\"prefix\": \"audit\", \"content\":"
                    + " \"aGVsbG8=\"}}";

    private static final List<String> MIXED =
            List.of(
                    mysql("c", "null", customer(1, "Ann", "a@x"), 1L, "customers"),
                    "",
                    "{\"before\": null, \"after\": {\"id\": 2, \"first_name\": \"Bo\"",
                    TRUNCATE,
                    "not json at all",
                    mysql("c", "null", customer(3, "Cy", "c@x"), 2L, "customers"),
                    MESSAGE,
                    "[1, 2, 3]",
                    mysql("c", "null", customer(4, "Di", "d@x"), 3L, "customers"));

    private static final String COLUMNS = "id INT, first_name STRING";

    @Test
    void corruptRecordsFailTheJobNamingTableRecordAndFix() {
        String topic = SQL.topic("corrupt-fail", MIXED);
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.executeSql(SQL.table("strict", COLUMNS, topic, ext("")));
        assertThatThrownBy(() -> rows(env, "SELECT * FROM strict"))
                .hasStackTraceContaining(
                        "debezium-json-ext in table default_catalog.default_database.strict"
                                + " (topic 'corrupt-fail') cannot decode a record")
                .hasStackTraceContaining("'{\"before\": null, \"after\": {\"id\": 2")
                .hasStackTraceContaining("'[value.]debezium-json-ext.on-error' = 'skip'");
    }

    @Test
    void corruptRecordsAndUnknownOpsAreSkippedCountedAndLogged() throws Exception {
        String topic = SQL.topic("corrupt-skip", MIXED);
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.executeSql(
                SQL.table(
                        "lenient",
                        COLUMNS,
                        topic,
                        ext(", 'value.debezium-json-ext.on-error' = 'skip'")));
        CapturingMetricReporter.clear();
        try (LogCapture log = LogCapture.start()) {
            assertThat(strings(rows(env, "SELECT * FROM lenient")))
                    .containsExactly("+I[1, Ann]", "+I[3, Cy]", "+I[4, Di]");
            assertThat(log.lines())
                    .anySatisfy(
                            line ->
                                    assertThat(line)
                                            .contains("lenient")
                                            .contains("debeziumCorruptRecordsSkipped"));
        }
        assertThat(CapturingMetricReporter.counterSum("debeziumCorruptRecordsSkipped", ""))
                .isEqualTo(3);
        assertThat(CapturingMetricReporter.counterSum("debeziumUnknownOpsSkipped", ""))
                .isEqualTo(2);
        assertThat(CapturingMetricReporter.counterSum("debeziumTombstonesSkipped", ""))
                .isEqualTo(1);
    }

    @Test
    void unknownOpsFailWhenAskedEvenIfCorruptRecordsAreSkipped() {
        String topic = SQL.topic("unknown-fail", List.of(TRUNCATE));
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.executeSql(
                SQL.table(
                        "no_truncates",
                        COLUMNS,
                        topic,
                        ext(
                                ", 'value.debezium-json-ext.unknown-op' = 'fail',"
                                        + " 'value.debezium-json-ext.on-error' = 'skip'")));
        assertThatThrownBy(() -> rows(env, "SELECT * FROM no_truncates"))
                .hasStackTraceContaining("op 't' is not c, r, u or d")
                .hasStackTraceContaining("'[value.]debezium-json-ext.unknown-op' = 'skip'");
    }

    @Test
    void mongoPartialUpdatesAreRefusedWithTheConnectorSettingThatAvoidsThem() {
        String topic =
                SQL.topic(
                        "mongo-patch",
                        List.of(
                                "{\"after\": null, \"patch\": \"{\\\"$v\\\": 1, \\\"$set\\\":"
                                        + " {\\\"toggle\\\": true}}\", \"source\": {\"connector\":"
                                        + " \"mongodb\", \"collection\": \"option\"}, \"op\": \"u\","
                                        + " \"ts_ms\": 1}"));
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.executeSql(
                SQL.table(
                        "patched",
                        "_id STRING, toggle BOOLEAN, PRIMARY KEY (_id) NOT ENFORCED",
                        topic,
                        ext(", 'value.debezium-json-ext.changelog-mode' = 'upsert'")));
        assertThatThrownBy(() -> rows(env, "SELECT * FROM patched"))
                .hasStackTraceContaining("a partial update cannot become a row")
                .hasStackTraceContaining("'capture.mode' = 'change_streams_update_full'");
    }

    @Test
    void badOptionsAreRefusedWithTheFix() {
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.executeSql(
                SQL.table(
                        "bad_ops", COLUMNS, "any", ext(", 'value.debezium-json-ext.ops' = 'c,x'")));
        assertThatThrownBy(() -> env.executeSql("SELECT * FROM bad_ops").collect())
                .hasStackTraceContaining("'debezium-json-ext.ops' = 'c,x' names op 'x'")
                .hasStackTraceContaining("c (create), r (snapshot read), u (update) and d");
        env.executeSql(
                SQL.table(
                        "bad_flat",
                        COLUMNS,
                        "any",
                        ext(", 'value.debezium-json-ext.envelope' = 'flattened'")));
        assertThatThrownBy(() -> env.executeSql("SELECT * FROM bad_flat").collect())
                .hasStackTraceContaining(
                        "'debezium-json-ext.envelope' = 'flattened' needs"
                                + " 'debezium-json-ext.changelog-mode' = 'upsert'");
        env.executeSql(
                SQL.table(
                        "bad_policy",
                        COLUMNS,
                        "any",
                        ext(", 'value.debezium-json-ext.on-error' = 'ignore'")));
        assertThatThrownBy(() -> env.executeSql("SELECT * FROM bad_policy").collect())
                .hasStackTraceContaining("on-error")
                .hasStackTraceContaining("ignore");
    }

    @Test
    void flattenedRecordsAreAnUpsertChangelog() throws Exception {
        String topic =
                SQL.topic(
                        "flattened",
                        List.of(
                                "{\"id\": 1, \"first_name\": \"Ann\", \"__op\": \"c\","
                                        + " \"__source_table\": \"customers\", \"__source_ts_ms\":"
                                        + " 1700000000000, \"__deleted\": \"false\"}",
                                "{\"id\": 1, \"first_name\": \"Anna\", \"__op\": \"u\","
                                        + " \"__source_table\": \"customers\", \"__deleted\":"
                                        + " \"false\"}",
                                "{\"id\": 2, \"first_name\": \"Bo\", \"__op\": \"c\","
                                        + " \"__table\": \"customers\", \"__deleted\": \"false\"}",
                                "{\"id\": 2, \"first_name\": null, \"__op\": \"d\","
                                        + " \"__deleted\": \"true\"}"));
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.executeSql(
                SQL.table(
                        "flat",
                        COLUMNS
                                + ", op STRING METADATA FROM 'value.op' VIRTUAL, tbl STRING"
                                + " METADATA FROM 'value.source.table' VIRTUAL, PRIMARY KEY (id)"
                                + " NOT ENFORCED",
                        topic,
                        ext(
                                ", 'value.debezium-json-ext.envelope' = 'flattened',"
                                        + " 'value.debezium-json-ext.changelog-mode' = 'upsert'")));
        assertThat(strings(rows(env, "SELECT id, first_name, tbl FROM flat")))
                .containsExactlyInAnyOrder(
                        "+I[1, Ann, customers]",
                        "-U[1, Ann, customers]",
                        "+U[1, Anna, customers]",
                        "+I[2, Bo, customers]",
                        "-D[2, Bo, customers]");
    }
}
