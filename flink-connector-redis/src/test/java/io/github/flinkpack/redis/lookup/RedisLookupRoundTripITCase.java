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
            } else {
                out.append(field);
            }
        }
        return out.append(']').toString();
    }
}
