package io.github.flinkpack.debezium;

import static io.github.flinkpack.debezium.KafkaSql.ext;
import static io.github.flinkpack.debezium.KafkaSql.rows;
import static io.github.flinkpack.testing.debezium.DebeziumEvents.mysql;
import static io.github.flinkpack.testing.debezium.DebeziumEvents.postgres;
import static io.github.flinkpack.testing.debezium.DebeziumEvents.withSchema;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.kafka.KafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On every input Flink's debezium-json accepts, ours gives the same rows and metadata; and what
 * ours writes, Debezium consumers (Flink's debezium-json, and ours) read back to the same state.
 */
class DebeziumDifferentialITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    private static final KafkaSql SQL = new KafkaSql(KAFKA);

    private static final String COLUMNS =
            "id INT, name STRING, price DECIMAL(10, 2), active BOOLEAN, qty BIGINT,"
                    + " tags ARRAY<STRING>, created STRING, note STRING";

    private static final String METADATA =
            ", tbl STRING METADATA FROM 'value.source.table' VIRTUAL, db STRING METADATA FROM"
                    + " 'value.source.database' VIRTUAL, sch STRING METADATA FROM"
                    + " 'value.source.schema' VIRTUAL, ingested TIMESTAMP_LTZ(3) METADATA FROM"
                    + " 'value.ingestion-timestamp' VIRTUAL, changed TIMESTAMP_LTZ(3) METADATA"
                    + " FROM 'value.source.timestamp' VIRTUAL, props MAP<STRING, STRING> METADATA"
                    + " FROM 'value.source.properties' VIRTUAL";

    private static String product(int id, String name, String price, boolean active, String note) {
        return String.format(
                "{\"id\": %d, \"name\": \"%s\", \"price\": %s, \"active\": %s, \"qty\": %d,"
                        + " \"tags\": [\"a\", \"%s\"], \"created\": \"2024-03-20T10:00:0%dZ\","
                        + " \"note\": %s, \"ignored_column\": {\"x\": 1}}",
                id, name, price, active, id * 1_000_000_000L, name, id % 10, note);
    }

    /** MySQL and Postgres events of every op, with 'before' where debezium-json needs it. */
    private static List<String> events() {
        String p1 = product(1, "사과", "1200.50", true, "null");
        String p1b = product(1, "사과", "1300.00", false, "\"price up\"");
        String p2 = product(2, "pear \\\"quoted\\\"", "0.99", true, "\"\"");
        String p3 = product(3, "fig", "5", true, "null");
        return List.of(
                mysql("r", "null", p1, 1_700_000_000_000L, "products"),
                postgres("c", "null", p2, 1_700_000_001_000L, "products"),
                mysql("u", p1, p1b, 1_700_000_002_000L, "products"),
                "",
                postgres("c", "null", p3, 1_700_000_003_000L, "products"),
                postgres("u", p2, p2.replace("0.99", "1.09"), 1_700_000_004_000L, "products"),
                mysql("d", p3, "null", 1_700_000_005_000L, "products"));
    }

    private static List<Row> read(TableEnvironment env, String name, String topic, String format)
            throws Exception {
        env.executeSql(SQL.table(name, COLUMNS + METADATA, topic, format));
        return rows(env, "SELECT * FROM " + name);
    }

    @Test
    void sameRowsAndMetadataAsDebeziumJsonInBothEnvelopes() throws Exception {
        String plain = SQL.topic("products-plain", events());
        String schema =
                SQL.topic(
                        "products-schema",
                        events().stream()
                                .map(e -> e.isEmpty() ? e : withSchema(e))
                                .collect(Collectors.toList()));
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();

        List<Row> theirsPlain =
                read(env, "theirs_plain", plain, ", 'value.format' = 'debezium-json'");
        List<Row> theirsSchema =
                read(
                        env,
                        "theirs_schema",
                        schema,
                        ", 'value.format' = 'debezium-json',"
                                + " 'value.debezium-json.schema-include' = 'true'");
        List<Row> oursPlain = read(env, "ours_plain", plain, ext(""));
        List<Row> oursSchema = read(env, "ours_schema", schema, ext(""));

        assertThat(theirsPlain).hasSize(8);
        assertThat(oursPlain).containsExactlyElementsOf(theirsPlain);
        assertThat(oursSchema).containsExactlyElementsOf(theirsSchema);
        // The envelope is only the wrapper: the same rows either way (debezium-json's schema
        // metadata column aside, which this table does not read).
        assertThat(oursSchema).containsExactlyElementsOf(oursPlain);
    }

    @Test
    void whatItWritesDebeziumConsumersReadBackToTheSameState() throws Exception {
        String source = SQL.topic("products-source", events());
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        // The key lets the planner match the sinks' primary key (Flink 2.x insists).
        env.executeSql(
                SQL.table(
                        "products", COLUMNS + ", PRIMARY KEY (id) NOT ENFORCED", source, ext("")));
        Map<Object, String> expected =
                KafkaSql.finalState(rows(env, "SELECT id, name, price FROM products"));
        assertThat(expected).containsOnlyKeys(1, 2);

        for (String updateBefore : List.of("skip", "as-delete")) {
            String topic = "products-out-" + updateBefore;
            KAFKA.createTopic(topic, 1);
            String sink = "out_" + updateBefore.replace('-', '_');
            env.executeSql(
                    "CREATE TABLE "
                            + sink
                            + " (id INT, name STRING, price DECIMAL(10, 2), PRIMARY KEY (id) NOT"
                            + " ENFORCED) WITH ('connector' = 'kafka', 'topic' = '"
                            + topic
                            + "', 'properties.bootstrap.servers' = '"
                            + KAFKA.bootstrapServers()
                            + "', 'value.format' = 'debezium-json-ext',"
                            + " 'value.debezium-json-ext.encode.update-before' = '"
                            + updateBefore
                            + "')");
            env.executeSql("INSERT INTO " + sink + " SELECT id, name, price FROM products").await();

            String back = "back_" + updateBefore.replace('-', '_');
            if (updateBefore.equals("skip")) {
                // Updates are 'u' events without 'before': an upsert stream by key.
                env.executeSql(
                        SQL.table(
                                back,
                                "id INT, name STRING, price DECIMAL(10, 2), PRIMARY KEY (id) NOT"
                                        + " ENFORCED",
                                topic,
                                ext(", 'value.debezium-json-ext.changelog-mode' = 'upsert'")));
            } else {
                // A retract stream of 'd' and 'c' events: Flink's own debezium-json reads it.
                env.executeSql(
                        SQL.table(
                                back,
                                "id INT, name STRING, price DECIMAL(10, 2)",
                                topic,
                                ", 'value.format' = 'debezium-json'"));
            }
            assertThat(KafkaSql.finalState(rows(env, "SELECT id, name, price FROM " + back)))
                    .as("read back after encode.update-before = %s", updateBefore)
                    .isEqualTo(expected);
        }
    }
}
