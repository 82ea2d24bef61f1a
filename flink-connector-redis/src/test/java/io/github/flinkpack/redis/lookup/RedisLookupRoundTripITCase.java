package io.github.flinkpack.redis.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.redis.RedisExtension;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rows written by the sink are read back by a lookup join with the same table definition, for every
 * data shape and column type, with missing keys, for LEFT and inner joins, synchronous and
 * asynchronous.
 */
class RedisLookupRoundTripITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

    /** Every readable type, one literal each, as SQL writes it and as Flink prints it back. */
    private static final String[][] TYPES = {
        {"INT", "-42", "-42"},
        {"BIGINT", "9007199254740993", "9007199254740993"},
        {"DECIMAL(12, 3)", "CAST(-1234.5 AS DECIMAL(12, 3))", "-1234.500"},
        {"DOUBLE", "CAST(0.1 AS DOUBLE)", "0.1"},
        {"BOOLEAN", "TRUE", "true"},
        {"DATE", "DATE '2024-02-29'", "2024-02-29"},
        {"TIMESTAMP(3)", "TIMESTAMP '2024-01-02 03:04:05.678'", "2024-01-02T03:04:05.678"},
        {"STRING", "'한글 \"quoted\" : text'", "한글 \"quoted\" : text"},
        {"BYTES", "X'00ff10'", "[0, -1, 16]"},
        {"ARRAY<STRING>", "ARRAY['a', 'b']", "[a, b]"},
    };

    private TableEnvironment env;

    @BeforeEach
    void setUp() {
        REDIS.flush();
        env = FlinkMiniCluster.streaming();
        env.executeSql(
                "CREATE TEMPORARY VIEW probes AS SELECT id, PROCTIME() AS proc FROM (VALUES"
                        + " ('k1'), ('missing'), ('k2'), ('k1')) AS t(id)");
    }

    private String redis(String... options) {
        StringBuilder with =
                new StringBuilder("'connector' = 'redis', 'url' = '" + REDIS.url() + "'");
        for (String option : options) {
            with.append(", ").append(option);
        }
        return with.toString();
    }

    private List<String> query(String sql) {
        return FlinkMiniCluster.collect(env, sql).stream()
                .map(Row::toString)
                .sorted()
                .collect(Collectors.toList());
    }

    @ParameterizedTest(name = "lookup.async = {0}")
    @ValueSource(booleans = {true, false})
    void setTextEveryTypeReadsBackTyped(boolean async) throws Exception {
        var inserts = env.createStatementSet();
        StringBuilder select = new StringBuilder("SELECT p.id");
        StringBuilder joins = new StringBuilder(" FROM probes AS p");
        for (int i = 0; i < TYPES.length; i++) {
            env.executeSql(
                    "CREATE TABLE t"
                            + i
                            + " (id STRING, v "
                            + TYPES[i][0]
                            + ", PRIMARY KEY (id) NOT ENFORCED) WITH ("
                            + redis(
                                    "'key.prefix' = 't" + i + ":'",
                                    "'lookup.async' = '" + async + "'")
                            + ")");
            inserts.addInsertSql("INSERT INTO t" + i + " VALUES ('k1', " + TYPES[i][1] + ")");
            select.append(", d").append(i).append(".v");
            joins.append(" LEFT JOIN t")
                    .append(i)
                    .append(" FOR SYSTEM_TIME AS OF p.proc AS d")
                    .append(i)
                    .append(" ON p.id = d")
                    .append(i)
                    .append(".id");
        }
        inserts.execute().await();

        String expectedK1 =
                "+I[k1, "
                        + java.util.Arrays.stream(TYPES)
                                .map(t -> t[2])
                                .collect(Collectors.joining(", "))
                        + "]";
        String nulls = String.join(", ", java.util.Collections.nCopies(TYPES.length, "null"));
        List<Row> rows = FlinkMiniCluster.collect(env, select.append(joins).toString());
        List<String> printed =
                rows.stream()
                        .map(RedisLookupRoundTripITCase::print)
                        .sorted()
                        .collect(Collectors.toList());
        assertThat(printed)
                .containsExactly(
                        expectedK1,
                        expectedK1,
                        "+I[k2, " + nulls + "]",
                        "+I[missing, " + nulls + "]");
    }

    @ParameterizedTest(name = "lookup.async = {0}")
    @ValueSource(booleans = {true, false})
    void setJsonWithNestedTypesInnerJoin(boolean async) throws Exception {
        env.executeSql(
                "CREATE TABLE profiles (id STRING, name STRING, score DECIMAL(10, 2),"
                        + " tags ARRAY<INT>, attrs MAP<STRING, DOUBLE>, address ROW<city STRING, zip INT>,"
                        + " seen TIMESTAMP_LTZ(3), bin BYTES, PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + redis("'value.format' = 'json'", "'lookup.async' = '" + async + "'")
                        + ")");
        env.executeSql(
                        "INSERT INTO profiles VALUES ('k1', 'kim', 12.50, ARRAY[1, NULL, 3],"
                                + " MAP['a', 1.5], ROW('Seoul', 4321),"
                                + " TO_TIMESTAMP_LTZ(1700000000123, 3), X'cafe'),"
                                + " ('k2', CAST(NULL AS STRING), CAST(NULL AS DECIMAL(10, 2)), CAST(NULL AS ARRAY<INT>), CAST(NULL AS MAP<STRING, DOUBLE>), CAST(NULL AS ROW<city STRING, zip INT>), CAST(NULL AS TIMESTAMP_LTZ(3)), CAST(NULL AS BYTES))")
                .await();
        try (var redis = REDIS.newClient()) {
            assertThat(redis.get("k2")).contains("\"name\":null");
        }
        assertThat(
                        FlinkMiniCluster.collect(
                                        env,
                                        "SELECT p.id, d.name, d.score, d.tags, d.attrs, d.address,"
                                                + " d.seen, d.bin FROM probes AS p JOIN"
                                                + " profiles FOR SYSTEM_TIME AS OF p.proc AS d ON p.id ="
                                                + " d.id")
                                .stream()
                                .map(RedisLookupRoundTripITCase::print)
                                .sorted())
                .containsExactly(
                        "+I[k1, kim, 12.50, [1, null, 3], {a=1.5}, +I[Seoul, 4321], 2023-11-14T22:13:20.123Z, [-54, -2]]",
                        "+I[k1, kim, 12.50, [1, null, 3], {a=1.5}, +I[Seoul, 4321], 2023-11-14T22:13:20.123Z, [-54, -2]]",
                        "+I[k2, null, null, null, null, null, null, null]");
    }

    @Test
    void hashRowsAndHashFieldsAndCounters() throws Exception {
        env.executeSql(
                "CREATE TABLE users (id STRING, name STRING, age INT, born DATE,"
                        + " PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + redis("'command' = 'HSET'", "'key.prefix' = 'user:'")
                        + ")");
        env.executeSql(
                "CREATE TABLE scores (id STRING, game STRING, score DOUBLE,"
                        + " PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + redis(
                                "'command' = 'HSET'",
                                "'hash.field' = 'game'",
                                "'key.prefix' = 'score:'")
                        + ")");
        env.executeSql(
                "CREATE TABLE visits (id STRING, n BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + redis("'command' = 'INCR'", "'key.prefix' = 'visits:'")
                        + ")");
        env.executeSql(
                "CREATE TABLE per_game (id STRING, game STRING, n BIGINT,"
                        + " PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + redis(
                                "'command' = 'HINCR'",
                                "'hash.field' = 'game'",
                                "'key.prefix' = 'plays:'")
                        + ")");
        env.executeSql(
                "CREATE TEMPORARY VIEW plays AS SELECT * FROM (VALUES ('k1', 'go'), ('k1', 'go'),"
                        + " ('k2', 'go'), ('k1', 'chess')) AS t(id, game)");
        env.createStatementSet()
                .addInsertSql(
                        "INSERT INTO users VALUES ('k1', 'kim', 30, DATE '1994-05-06'),"
                                + " ('k2', 'lee', CAST(NULL AS INT), CAST(NULL AS DATE))")
                .addInsertSql("INSERT INTO scores VALUES ('k1', 'go', 2.5), ('k1', 'chess', 9.0)")
                .addInsertSql("INSERT INTO visits SELECT id, COUNT(*) FROM plays GROUP BY id")
                .addInsertSql("INSERT INTO per_game SELECT id, game, 1 FROM plays")
                .execute()
                .await();

        env.executeSql(
                "CREATE TEMPORARY VIEW game_probes AS SELECT id, game, PROCTIME() AS proc FROM"
                        + " (VALUES ('k1', 'go'), ('k1', 'chess'), ('k2', 'go'), ('k1', 'poker'),"
                        + " ('missing', 'go')) AS t(id, game)");
        assertThat(
                        query(
                                "SELECT g.id, g.game, u.name, u.age, u.born, s.score, v.n, c.n"
                                        + " FROM game_probes AS g"
                                        + " LEFT JOIN users FOR SYSTEM_TIME AS OF g.proc AS u ON g.id = u.id"
                                        + " LEFT JOIN scores FOR SYSTEM_TIME AS OF g.proc AS s"
                                        + "   ON g.id = s.id AND g.game = s.game"
                                        + " LEFT JOIN visits FOR SYSTEM_TIME AS OF g.proc AS v ON g.id = v.id"
                                        + " LEFT JOIN per_game FOR SYSTEM_TIME AS OF g.proc AS c"
                                        + "   ON g.id = c.id AND g.game = c.game"))
                .containsExactly(
                        "+I[k1, chess, kim, 30, 1994-05-06, 9.0, 3, 1]",
                        "+I[k1, go, kim, 30, 1994-05-06, 2.5, 3, 2]",
                        "+I[k1, poker, kim, 30, 1994-05-06, null, 3, null]",
                        "+I[k2, go, lee, null, null, null, 1, 1]",
                        "+I[missing, go, null, null, null, null, null, null]");
    }

    @Test
    void otherJoinColumnsFilterTheRowReadByKey() throws Exception {
        env.executeSql(
                "CREATE TABLE names (id STRING, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + redis()
                        + ")");
        env.executeSql("INSERT INTO names VALUES ('k1', 'kim'), ('k2', 'lee')").await();
        env.executeSql(
                "CREATE TEMPORARY VIEW named_probes AS SELECT id, name, PROCTIME() AS proc FROM"
                        + " (VALUES ('k1', 'kim'), ('k2', 'kim')) AS t(id, name)");
        assertThat(
                        query(
                                "SELECT p.id, d.name FROM named_probes AS p LEFT JOIN names FOR"
                                        + " SYSTEM_TIME AS OF p.proc AS d ON p.id = d.id AND p.name ="
                                        + " d.name"))
                .containsExactly("+I[k1, kim]", "+I[k2, null]");
    }

    /** Row.toString with byte[] printed as its elements. */
    private static String print(Row row) {
        StringBuilder out = new StringBuilder(row.getKind().shortString()).append('[');
        for (int i = 0; i < row.getArity(); i++) {
            Object field = row.getField(i);
            out.append(i == 0 ? "" : ", ");
            if (field instanceof byte[]) {
                out.append(java.util.Arrays.toString((byte[]) field));
            } else if (field instanceof Object[]) {
                out.append(java.util.Arrays.toString((Object[]) field));
            } else if (field instanceof Integer[]) {
                out.append(java.util.Arrays.toString((Integer[]) field));
            } else {
                out.append(field);
            }
        }
        return out.append(']').toString();
    }
}
