package io.github.flinkpack.debezium;

import static io.github.flinkpack.debezium.KafkaSql.ext;
import static io.github.flinkpack.debezium.KafkaSql.rows;
import static io.github.flinkpack.debezium.KafkaSql.strings;
import static io.github.flinkpack.testing.debezium.DebeziumEvents.mongo;
import static io.github.flinkpack.testing.debezium.DebeziumEvents.withSchema;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.kafka.KafkaBroker;
import io.github.flinkpack.testing.scenarios.SeedData;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MongoDB events, and the SCENARIOS 004 pipelines (cases 1 and 3) with the data of the seed. */
class MongoAndScenariosITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    private static final KafkaSql SQL = new KafkaSql(KAFKA);

    private static TableEnvironment utc() {
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        return env;
    }

    @Test
    void mongoDocumentsInExtendedJsonBecomeTypedColumns() throws Exception {
        String canonical =
                "{\"_id\": {\"$oid\": \"6e9x7x6toja\"}, \"user_id\": {\"$numberLong\": \"1\"},"
                        + " \"big\": {\"$numberLong\": \"9007199254740993\"}, \"score\":"
                        + " {\"$numberDecimal\": \"3.14\"}, \"ratio\": {\"$numberDouble\":"
                        + " \"0.25\"}, \"updated\": {\"$date\": {\"$numberLong\":"
                        + " \"1747120515000\"}}, \"seen\": {\"$date\": {\"$numberLong\":"
                        + " \"1747120515000\"}}, \"profile\": {\"nick\": \"kim\", \"level\":"
                        + " {\"$numberInt\": \"3\"}}, \"tags\": [\"a\", \"b\"], \"toggle\": true}";
        String relaxed =
                "{\"_id\": {\"$oid\": \"38vhxu2ffa\"}, \"user_id\": 2, \"big\": 7, \"score\":"
                        + " 1.5, \"ratio\": 1.0, \"updated\": {\"$date\":"
                        + " \"2025-05-13T07:16:30.123Z\"}, \"seen\": {\"$date\": 1747120590000},"
                        + " \"profile\": {\"nick\": \"lee\", \"level\": 5}, \"tags\": [],"
                        + " \"toggle\": false}";
        String topic =
                SQL.topic(
                        "mongo-options",
                        List.of(
                                mongo("r", canonical, 1_747_120_515_250L, "option"),
                                withSchema(mongo("c", relaxed, 1_747_120_590_250L, "option")),
                                mongo(
                                        "u",
                                        relaxed.replace("\"toggle\": false", "\"toggle\": true"),
                                        1_747_120_600_250L,
                                        "option")));
        TableEnvironment env = utc();
        env.executeSql(
                SQL.table(
                        "options",
                        "_id STRING, user_id BIGINT, big BIGINT, score DECIMAL(10, 2), ratio"
                                + " DOUBLE, updated TIMESTAMP_LTZ(3), seen BIGINT, profile"
                                + " ROW<nick STRING, level INT>, tags ARRAY<STRING>, toggle"
                                + " BOOLEAN, coll STRING METADATA FROM 'value.source.table'"
                                + " VIRTUAL, db STRING METADATA FROM 'value.source.database'"
                                + " VIRTUAL, PRIMARY KEY (_id) NOT ENFORCED",
                        topic,
                        ext(", 'value.debezium-json-ext.changelog-mode' = 'upsert'")));
        assertThat(
                        strings(
                                rows(
                                        env,
                                        "SELECT _id, user_id, big, score, ratio, CAST(updated AS"
                                                + " STRING), seen, profile, tags, toggle, coll, db"
                                                + " FROM options")))
                .containsExactlyInAnyOrder(
                        "+I[6e9x7x6toja, 1, 9007199254740993, 3.14, 0.25, 2025-05-13"
                                + " 07:15:15.000, 1747120515000, +I[kim, 3], [a, b], true,"
                                + " option, setting]",
                        "+I[38vhxu2ffa, 2, 7, 1.50, 1.0, 2025-05-13 07:16:30.123,"
                                + " 1747120590000, +I[lee, 5], [], false, option, setting]",
                        "-U[38vhxu2ffa, 2, 7, 1.50, 1.0, 2025-05-13 07:16:30.123,"
                                + " 1747120590000, +I[lee, 5], [], false, option, setting]",
                        "+U[38vhxu2ffa, 2, 7, 1.50, 1.0, 2025-05-13 07:16:30.123,"
                                + " 1747120590000, +I[lee, 5], [], true, option, setting]");
    }

    /**
     * SCENARIOS 004 case 3: the toggle events of the seed document (SETTING_MONGO.SETTING.OPTION),
     * user ids as {@code {"$numberLong": "1"}} inside a string {@code after}. ksqlDB needed
     * EXTRACTJSONFIELD, REGEXP_REPLACE and a CAST; here the column is just BIGINT, the op filter is
     * a table option, and changelog-mode 'append' reads the topic as ksqlDB's stream does.
     */
    @Test
    void scenario004Case3ToggleCandidates() throws Exception {
        String topic = SQL.topic("SETTING_MONGO.SETTING.OPTION", SeedData.toggleEvents());
        TableEnvironment env = utc();
        env.executeSql(
                SQL.table(
                        "stg_option",
                        "user_id BIGINT, toggle BOOLEAN, updated_at TIMESTAMP_LTZ(3) METADATA FROM"
                                + " 'value.source.timestamp' VIRTUAL",
                        topic,
                        ext(
                                ", 'value.debezium-json-ext.ops' = 'c,u',"
                                        + " 'value.debezium-json-ext.changelog-mode' = 'append'")));
        assertThat(
                        strings(
                                rows(
                                        env,
                                        "SELECT user_id, toggle, CAST(updated_at AS STRING) FROM"
                                                + " stg_option WHERE toggle IS NOT NULL")))
                .containsExactly(
                        "+I[1, false, 2025-05-13 07:15:15.000]",
                        "+I[1, false, 2025-05-13 07:16:07.000]",
                        "+I[1, true, 2025-05-13 07:16:30.000]",
                        "+I[1, true, 2025-05-13 07:16:40.000]",
                        "+I[2, false, 2025-05-13 08:03:35.000]",
                        "+I[2, true, 2025-05-13 08:03:36.000]",
                        "+I[2, false, 2025-05-13 08:03:37.000]",
                        "+I[3, false, 2025-05-13 08:03:40.000]");
    }

    /**
     * SCENARIOS 004 case 1: event sign-ups joined to the latest event name. The names are a CDC
     * changelog (a rename included); the sign-ups are filtered to ops r/c with the op readable as
     * metadata. ksqlDB needed a latest_by_offset table for the names; here the changelog is the
     * table.
     */
    @Test
    void scenario004Case1SignUpsWithTheLatestEventName() throws Exception {
        String names = SQL.topic("EVENT_MYSQL.EVENT.NAME", SeedData.eventNames());
        String submits = SQL.topic("EVENT_MYSQL.EVENT.SUBMIT", SeedData.eventSubmits());
        TableEnvironment env = utc();
        env.executeSql(
                SQL.table(
                        "event_name",
                        "event_id INT, name STRING, PRIMARY KEY (event_id) NOT ENFORCED",
                        names,
                        ext("")));
        env.executeSql(
                SQL.table(
                        "event_submit",
                        "user_id INT, event_id INT, created_at STRING, op STRING METADATA FROM"
                                + " 'value.op' VIRTUAL",
                        submits,
                        ext(", 'value.debezium-json-ext.ops' = 'r,c'")));
        List<Row> joined =
                rows(
                        env,
                        "SELECT s.user_id, e.name AS event_name, s.created_at AS event_time, s.op"
                                + " FROM event_submit s JOIN event_name e ON s.event_id ="
                                + " e.event_id WHERE s.event_id IS NOT NULL");
        // The sign-up stream is insert-only (u and d filtered out): every sign-up appears once,
        // with the event's latest name once the rename has been read.
        assertThat(KafkaSql.finalState(joined))
                .containsExactly(
                        Map.entry(1, "[봄 맞이 이벤트, 2024-03-20T10:00:00Z, c]"),
                        Map.entry(2, "[봄 맞이 이벤트, 2024-03-20T10:00:05Z, c]"),
                        Map.entry(3, "[한여름 이벤트, 2024-03-20T10:00:10Z, c]"));
    }
}
