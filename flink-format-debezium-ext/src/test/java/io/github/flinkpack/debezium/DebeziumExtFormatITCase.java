package io.github.flinkpack.debezium;

import static io.github.flinkpack.debezium.KafkaSql.ext;
import static io.github.flinkpack.debezium.KafkaSql.rows;
import static io.github.flinkpack.debezium.KafkaSql.strings;
import static io.github.flinkpack.testing.debezium.DebeziumEvents.customer;
import static io.github.flinkpack.testing.debezium.DebeziumEvents.mysql;
import static io.github.flinkpack.testing.debezium.DebeziumEvents.postgres;
import static io.github.flinkpack.testing.debezium.DebeziumEvents.withSchema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.kafka.KafkaBroker;
import io.github.flinkpack.testing.metrics.CapturingMetricReporter;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Debezium events through Kafka into SQL with {@code 'value.format' = 'debezium-json-ext'}. */
class DebeziumExtFormatITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            FlinkMiniCluster.extension(CapturingMetricReporter.configure(new Configuration()));

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    private static final String SALLY = customer(1001, "Sally", "sally.thomas@acme.com");
    private static final String SALLY_NEW = customer(1001, "Sally", "sally@thomas.example");
    private static final String GEORGE = customer(1002, "George", "gbailey@foobar.com");
    private static final String EDWARD = customer(1003, "Edward", "ed@walker.com");

    /** MySQL inventory.customers, envelopes mixed record by record. */
    private static final List<String> MYSQL_EVENTS =
            List.of(
                    withSchema(mysql("r", "null", SALLY, 1_700_000_000_000L, "customers")),
                    mysql("r", "null", GEORGE, 1_700_000_001_000L, "customers"),
                    mysql("c", "null", EDWARD, 1_700_000_002_000L, "customers"),
                    withSchema(mysql("u", SALLY, SALLY_NEW, 1_700_000_003_000L, "customers")),
                    mysql("d", GEORGE, "null", 1_700_000_004_000L, "customers"));

    private static final String COLUMNS = "id INT, first_name STRING, email STRING";

    private static final KafkaSql SQL = new KafkaSql(KAFKA);

    private static String table(String name, String columns, String topic, String options) {
        return SQL.table(name, columns, topic, options);
    }

    private static String topic(String name, List<String> events) {
        return SQL.topic(name, events);
    }

    @Test
    void mysqlEventsInBothEnvelopesBecomeTheChangelogWithMetadata() throws Exception {
        String topic = topic("mysql-customers", MYSQL_EVENTS);
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        env.executeSql(
                table(
                        "customers",
                        COLUMNS
                                + ", op STRING METADATA FROM 'value.op' VIRTUAL,"
                                + " tbl STRING METADATA FROM 'value.source.table' VIRTUAL,"
                                + " db STRING METADATA FROM 'value.source.database' VIRTUAL,"
                                + " ts BIGINT METADATA FROM 'value.ts_ms' VIRTUAL,"
                                + " changed TIMESTAMP_LTZ(3) METADATA FROM 'value.source.timestamp'"
                                + " VIRTUAL, has_schema STRING METADATA FROM 'value.schema' VIRTUAL",
                        topic,
                        ext("")));
        assertThat(
                        strings(
                                rows(
                                        env,
                                        "SELECT id, first_name, email, op, tbl, db, ts,"
                                                + " CAST(changed AS STRING), has_schema IS NOT NULL"
                                                + " FROM customers")))
                .containsExactly(
                        "+I[1001, Sally, sally.thomas@acme.com, r, customers, inventory,"
                                + " 1700000000000, 2023-11-14 22:13:19.750, true]",
                        "+I[1002, George, gbailey@foobar.com, r, customers, inventory,"
                                + " 1700000001000, 2023-11-14 22:13:20.750, false]",
                        "+I[1003, Edward, ed@walker.com, c, customers, inventory, 1700000002000,"
                                + " 2023-11-14 22:13:21.750, false]",
                        "-U[1001, Sally, sally.thomas@acme.com, u, customers, inventory,"
                                + " 1700000003000, 2023-11-14 22:13:22.750, true]",
                        "+U[1001, Sally, sally@thomas.example, u, customers, inventory,"
                                + " 1700000003000, 2023-11-14 22:13:22.750, true]",
                        "-D[1002, George, gbailey@foobar.com, d, customers, inventory,"
                                + " 1700000004000, 2023-11-14 22:13:23.750, false]");
    }

    @Test
    void opsFilterMakesAnInsertOnlyTable() throws Exception {
        String topic = topic("mysql-ops", MYSQL_EVENTS);
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.executeSql(
                table(
                        "created",
                        COLUMNS + ", op STRING METADATA FROM 'value.op' VIRTUAL",
                        topic,
                        ext(", 'value.debezium-json-ext.ops' = 'c,r'")));
        CapturingMetricReporter.clear();
        assertThat(strings(rows(env, "SELECT id, op FROM created")))
                .containsExactly("+I[1001, r]", "+I[1002, r]", "+I[1003, c]");
        assertThat(CapturingMetricReporter.counterSum("debeziumOpsFilteredOut", "")).isEqualTo(2);
        // Insert-only: an append sink takes it, which a changelog would be refused by.
        env.executeSql(
                "CREATE TABLE appended (id INT, op STRING) WITH ('connector' = 'blackhole')");
        env.executeSql("INSERT INTO appended SELECT id, op FROM created").await();
    }

    @Test
    void postgresWithoutOldRowsNeedsUpsertModeAndSaysSo() throws Exception {
        String topic =
                topic(
                        "pg-orders",
                        List.of(
                                postgres(
                                        "c",
                                        "null",
                                        "{\"id\": 5, \"status\": \"NEW\"}",
                                        1_700_000_000_000L,
                                        "orders"),
                                postgres(
                                        "u",
                                        "null",
                                        "{\"id\": 5, \"status\": \"PAID\"}",
                                        1_700_000_001_000L,
                                        "orders"),
                                withSchema(
                                        postgres(
                                                "c",
                                                "null",
                                                "{\"id\": 6, \"status\": \"NEW\"}",
                                                1_700_000_002_000L,
                                                "orders")),
                                postgres(
                                        "d",
                                        "{\"id\": 6, \"status\": null}",
                                        "null",
                                        1_700_000_003_000L,
                                        "orders")));
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.executeSql(table("orders_all", "id INT, status STRING", topic, ext("")));
        assertThatThrownBy(() -> rows(env, "SELECT * FROM orders_all"))
                .hasStackTraceContaining("'before' is null in an event with op 'u'")
                .hasStackTraceContaining("'[value.]debezium-json-ext.changelog-mode' = 'upsert'")
                .hasStackTraceContaining("orders_all");

        env.executeSql(
                table(
                        "orders",
                        "id INT, status STRING, schema_name STRING METADATA FROM"
                                + " 'value.source.schema' VIRTUAL, tx STRING METADATA FROM"
                                + " 'value.transaction.id' VIRTUAL, PRIMARY KEY (id) NOT ENFORCED",
                        topic,
                        ext(", 'value.debezium-json-ext.changelog-mode' = 'upsert'")));
        // The planner normalizes the upsert stream by key: the delete needed only the key.
        assertThat(strings(rows(env, "SELECT id, status, schema_name, tx FROM orders")))
                .containsExactlyInAnyOrder(
                        "+I[5, NEW, public, 555:24023184]",
                        "-U[5, NEW, public, 555:24023184]",
                        "+U[5, PAID, public, 555:24023184]",
                        "+I[6, NEW, public, 555:24023184]",
                        "-D[6, NEW, public, 555:24023184]");
    }

    @Test
    void upsertModeWithoutPrimaryKeyIsRefusedByThePlanner() {
        String topic = topic("pg-nokey", List.of(postgres("c", "null", "{\"id\": 1}", 1L, "t")));
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.executeSql(
                table(
                        "nokey",
                        "id INT",
                        topic,
                        ext(", 'value.debezium-json-ext.changelog-mode' = 'upsert'")));
        assertThatThrownBy(() -> rows(env, "SELECT * FROM nokey"))
                .hasStackTraceContaining("primary key");
    }
}
