package io.github.flinkpack.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every JSON function through SQL, on documents read from a table (evaluated at runtime). */
class JsonFunctionsITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final String EVENT =
            "{\"id\": 7, \"user\": {\"name\": \"kim\", \"tags\": [\"a\", \"b\"]},"
                    + " \"amount\": \"12.50\", \"ts\": \"2025-05-13T16:15:15.123+09:00\","
                    + " \"flag\": true, \"big\": 12345678901234567890, \"frac\": 1.5,"
                    + " \"wide\": 1e2, \"nothing\": null, \"two words\": \"quoted\","
                    + " \"items\": [{\"sku\": \"x\", \"qty\": 2}, {\"sku\": \"y\", \"qty\": 3}]}";

    private static final String MONGO =
            "{\"_id\": {\"$oid\": \"6e9x7x6toja\"}, \"user_id\": {\"$numberLong\": \"1\"},"
                    + " \"n\": {\"$numberInt\": \"42\"}, \"score\": {\"$numberDecimal\": \"3.14\"},"
                    + " \"ratio\": {\"$numberDouble\": \"0.25\"},"
                    + " \"updated\": {\"$date\": {\"$numberLong\": \"1747120590000\"}},"
                    + " \"created\": {\"$date\": \"2025-05-13T07:16:30Z\"}}";

    private static final String MALFORMED = "{\"id\": 7, \"user\": ";

    private static TableEnvironment env;

    @BeforeAll
    static void setUp() {
        env = JsonSql.batchWithModule();
        // RAND() keeps the planner from folding the functions into constants: they run on the
        // cluster, row by row.
        env.executeSql(
                "CREATE TEMPORARY VIEW docs AS SELECT id, IF(RAND() < 2, doc, 'x') AS doc FROM (VALUES "
                        + "(1, '"
                        + EVENT
                        + "'), "
                        + "(2, '"
                        + MONGO
                        + "'), "
                        + "(3, '"
                        + MALFORMED
                        + "'), "
                        + "(4, CAST(NULL AS STRING))) AS t(id, doc)");
    }

    /** One value per document, in document order (event, mongo, malformed, NULL). */
    private static List<Object> column(String expression) {
        List<Row> rows = JsonSql.rows(env, "SELECT id, " + expression + " FROM docs ORDER BY id");
        assertThat(rows).hasSize(4);
        return rows.stream()
                .map(row -> row.getField(1))
                .collect(java.util.stream.Collectors.toList());
    }

    @Test
    void jsonStrGivesTextCompactJsonAndUnwrapsMongoWrappers() {
        assertThat(column("JSON_STR(doc, '$.user.name')")).containsExactly("kim", null, null, null);
        assertThat(column("JSON_STR(doc, '$.user')"))
                .containsExactly("{\"name\":\"kim\",\"tags\":[\"a\",\"b\"]}", null, null, null);
        assertThat(column("JSON_STR(doc, '$.items[-1].sku')"))
                .containsExactly("y", null, null, null);
        assertThat(column("JSON_STR(doc, '$[''two words'']')"))
                .containsExactly("quoted", null, null, null);
        assertThat(column("JSON_STR(doc, '$.frac')")).containsExactly("1.5", null, null, null);
        assertThat(column("JSON_STR(doc, '$._id')"))
                .containsExactly(null, "6e9x7x6toja", null, null);
        assertThat(column("JSON_STR(doc, '$.nothing', 'n/a')"))
                .containsExactly("n/a", "n/a", "n/a", "n/a");
    }

    @Test
    void typedExtractionNeverThrowsAndHonoursTheDefault() {
        assertThat(column("JSON_LONG(doc, '$.id')")).containsExactly(7L, null, null, null);
        assertThat(column("JSON_LONG(doc, '$.user_id')")).containsExactly(null, 1L, null, null);
        assertThat(column("JSON_LONG(doc, '$.big', -1)")).containsExactly(-1L, -1L, -1L, -1L);
        assertThat(column("JSON_LONG(doc, '$.frac', -1)")).containsExactly(-1L, -1L, -1L, -1L);
        assertThat(column("JSON_LONG(doc, '$.wide')")).containsExactly(100L, null, null, null);
        assertThat(column("JSON_INT(doc, '$.items[1].qty')")).containsExactly(3, null, null, null);
        assertThat(column("JSON_INT(doc, '$.n')")).containsExactly(null, 42, null, null);
        assertThat(column("JSON_INT(doc, '$.user.name', 0)")).containsExactly(0, 0, 0, 0);
        assertThat(column("JSON_DOUBLE(doc, '$.amount')")).containsExactly(12.5, null, null, null);
        assertThat(column("JSON_DOUBLE(doc, '$.ratio')")).containsExactly(null, 0.25, null, null);
        assertThat(column("JSON_DECIMAL(doc, '$.big')"))
                .containsExactly(
                        new BigDecimal("12345678901234567890.000000000000000000"),
                        null,
                        null,
                        null);
        assertThat(column("JSON_DECIMAL(doc, '$.score')"))
                .containsExactly(null, new BigDecimal("3.140000000000000000"), null, null);
        assertThat(column("JSON_BOOL(doc, '$.flag')")).containsExactly(true, null, null, null);
        assertThat(column("JSON_BOOL(doc, '$.flag', FALSE)"))
                .containsExactly(true, false, false, false);
        assertThat(column("JSON_TIMESTAMP(doc, '$.ts')"))
                .containsExactly(LocalDateTime.parse("2025-05-13T07:15:15.123"), null, null, null);
        assertThat(column("JSON_TIMESTAMP(doc, '$.updated')"))
                .containsExactly(null, LocalDateTime.parse("2025-05-13T07:16:30"), null, null);
        assertThat(column("JSON_TIMESTAMP(doc, '$.created')"))
                .containsExactly(null, LocalDateTime.parse("2025-05-13T07:16:30"), null, null);
    }

    @Test
    void structureFunctions() {
        assertThat(column("JSON_ARRAY_LENGTH(doc, '$.items')"))
                .containsExactly(2, null, null, null);
        assertThat(column("JSON_ARRAY_LENGTH(doc)")).containsExactly(null, null, null, null);
        assertThat(column("JSON_TYPE(doc)")).containsExactly("OBJECT", "OBJECT", null, null);
        assertThat(column("JSON_TYPE(doc, '$.items')")).containsExactly("ARRAY", null, null, null);
        assertThat(column("JSON_TYPE(doc, '$.amount')"))
                .containsExactly("STRING", null, null, null);
        assertThat(column("JSON_TYPE(doc, '$.big')")).containsExactly("INTEGER", null, null, null);
        assertThat(column("JSON_TYPE(doc, '$.wide')")).containsExactly("DOUBLE", null, null, null);
        assertThat(column("JSON_TYPE(doc, '$.flag')")).containsExactly("BOOLEAN", null, null, null);
        assertThat(column("JSON_TYPE(doc, '$.nothing')"))
                .as("a JSON null is a value; a missing path is SQL NULL")
                .containsExactly("NULL", null, null, null);
        assertThat(column("JSON_TYPE(doc, '$.n')")).containsExactly(null, "OBJECT", null, null);
        assertThat(column("JSON_LENGTH(doc)")).containsExactly(11, 7, null, null);
        assertThat(column("JSON_LENGTH(doc, '$.items')")).containsExactly(2, null, null, null);
        assertThat(column("JSON_LENGTH(doc, '$.items[0].sku')"))
                .containsExactly(1, null, null, null);
        assertThat(column("JSON_LENGTH(doc, '$.nothing')")).containsExactly(1, null, null, null);
        assertThat(column("JSON_LENGTH('{\"a\": 1, \"a\": 2, \"b\": []}')"))
                .as("duplicate keys count once, as in JSON_KEYS")
                .containsExactly(2, 2, 2, 2);
        assertThat((String[]) column("JSON_KEYS(doc, '$.user')").get(0))
                .containsExactly("name", "tags");
        assertThat((String[]) column("JSON_KEYS(doc)").get(1))
                .containsExactly("_id", "user_id", "n", "score", "ratio", "updated", "created");
        assertThat(column("JSON_KEYS(doc, '$.items')")).containsOnlyNulls();
        assertThat(column("JSON_TO_MAP(doc, '$.items[0]')").get(0))
                .isEqualTo(Map.of("sku", "x", "qty", "2"));
        assertThat((String[]) column("JSON_ARRAY_STRINGS(doc, '$.items')").get(0))
                .containsExactly("{\"sku\":\"x\",\"qty\":2}", "{\"sku\":\"y\",\"qty\":3}");
        assertThat((String[]) column("JSON_ARRAY_STRINGS(doc, '$.user.tags')").get(0))
                .containsExactly("a", "b");
        assertThat(column("IS_VALID_JSON(doc)")).containsExactly(true, true, false, false);
    }

    @Test
    void jsonConcatFollowsKsqlDb() {
        List<Row> rows =
                JsonSql.rows(
                        env,
                        "SELECT JSON_CONCAT(a, b), JSON_CONCAT(a, c), JSON_CONCAT(c, c, d),"
                                + " JSON_CONCAT(a, d), JSON_CONCAT(a, e)"
                                + " FROM (VALUES ('{\"a\": 1, \"b\": 2}', '{\"b\": [3], \"c\": null}',"
                                + " '[1, {\"x\": 2}]', '\"s\"', CAST(NULL AS STRING)))"
                                + " AS t(a, b, c, d, e)");
        assertThat(JsonSql.fields(rows.get(0)))
                .containsExactly(
                        "{\"a\":1,\"b\":[3],\"c\":null}",
                        "[{\"a\":1,\"b\":2},1,{\"x\":2}]",
                        "[1,{\"x\":2},1,{\"x\":2},\"s\"]",
                        "[{\"a\":1,\"b\":2},\"s\"]",
                        null);
    }

    @Test
    void onePassForManyFieldsWithJsonTupleAndFromJson() {
        List<Row> tuple =
                JsonSql.rows(
                        env,
                        "SELECT id, t.c0, t.c1, t.c2, t.c3 FROM docs, LATERAL TABLE(JSON_TUPLE(doc,"
                                + " '$.id', '$.user.name', '$.user', '$.items[0].sku')) AS t"
                                + " ORDER BY id");
        assertThat(tuple).hasSize(4);
        assertThat(JsonSql.fields(tuple.get(0)))
                .containsExactly(1, "7", "kim", "{\"name\":\"kim\",\"tags\":[\"a\",\"b\"]}", "x");
        assertThat(JsonSql.fields(tuple.get(2))).containsExactly(3, null, null, null, null);
        assertThat(JsonSql.fields(tuple.get(3))).containsExactly(4, null, null, null, null);

        List<Row> typed =
                JsonSql.rows(
                        env,
                        "SELECT id AS n, r.id, r.`user`.name, r.`user`.tags, r.items[2].qty, r.frac,"
                                + " r.user_id FROM (SELECT id, FROM_JSON(doc, 'ROW<id BIGINT,"
                                + " `user` ROW<name STRING, tags ARRAY<STRING>>, items"
                                + " ARRAY<ROW<sku STRING, qty INT>>, frac INT, user_id BIGINT>')"
                                + " AS r FROM docs) ORDER BY n");
        assertThat(JsonSql.fields(typed.get(0)))
                .containsExactly(1, 7L, "kim", new String[] {"a", "b"}, 3, null, null);
        assertThat(JsonSql.fields(typed.get(1)))
                .containsExactly(2, null, null, null, null, null, 1L);
        assertThat(JsonSql.fields(typed.get(2)))
                .containsExactly(3, null, null, null, null, null, null);
    }

    @Test
    void pathsFromAColumnAreCompiledPerValueAndBadOnesGiveNull() {
        // The rows come back in any order (several source subtasks): sorted by their id.
        List<Row> rows =
                JsonSql.rows(
                        env,
                        "SELECT id, JSON_LONG(doc, IF(RAND() < 2, p, '$')) FROM (VALUES (1,"
                                + " '{\"a\": {\"b\": 5}}', '$.a.b'), (2, '{\"a\": {\"b\": 5}}',"
                                + " '$.a['), (3, '{\"a\": [9]}', '$.a[0]'), (4, '{\"a\": 1}',"
                                + " CAST(NULL AS STRING))) AS t(id, doc, p)");
        assertThat(
                        rows.stream()
                                .sorted(Comparator.comparing(r -> (Integer) r.getField(0)))
                                .map(r -> r.getField(1)))
                .containsExactly(5L, null, 9L, null);
    }

    @Test
    void invalidLiteralsFailWhenTheQueryIsPlannedWithTheFix() {
        assertThatThrownBy(() -> JsonSql.rows(env, "SELECT JSON_LONG(doc, 'a.b') FROM docs"))
                .hasStackTraceContaining("JSON_LONG")
                .hasStackTraceContaining("Invalid JSON path 'a.b' at position 0")
                .hasStackTraceContaining("a path starts with '$'");
        assertThatThrownBy(() -> JsonSql.rows(env, "SELECT JSON_STR(doc, '$.items[*]') FROM docs"))
                .hasStackTraceContaining("wildcards ('[*]') are not supported");
        assertThatThrownBy(
                        () ->
                                JsonSql.rows(
                                        env, "SELECT FROM_JSON(doc, 'ROW<a BIGINTT>') FROM docs"))
                .hasStackTraceContaining("FROM_JSON: 'ROW<a BIGINTT>' is not a SQL type");
        assertThatThrownBy(
                        () -> JsonSql.rows(env, "SELECT FROM_JSON(doc, 'ROW<t TIME>') FROM docs"))
                .hasStackTraceContaining("JSON cannot be read as TIME(0)")
                .hasStackTraceContaining("read it as STRING and CAST it");
    }

    /**
     * SCENARIOS 004 case 3: a Debezium MongoDB topic whose {@code after} is a JSON string with
     * {@code {"$numberLong": "1"}} user ids. The ksqlDB pipeline dug the id out with
     * EXTRACTJSONFIELD and REGEXP_REPLACE; here it is one typed call, and the ids the seed document
     * shows come out as BIGINT. Both shapes occur: the wrapper as an object, and (as the seed
     * document prints it) as a string holding the wrapper.
     */
    @Test
    void scenario004MongoToggleCandidates() {
        String[][] events = {
            {"u", "1", "false", "1747120515000", "object"},
            {"u", "1", "false", "1747120567000", "string"},
            {"c", "1", "true", "1747120590000", "object"},
            {"u", "1", "true", "1747120600000", "string"},
            {"d", "1", "true", "1747120700000", "object"},
            {"c", "2", "false", "1747123415000", "object"},
            {"u", "2", "true", "1747123416000", "object"},
            {"u", "2", "false", "1747123417000", "string"},
            {"c", "3", "false", "1747123420000", "object"},
        };
        StringBuilder values = new StringBuilder();
        for (String[] e : events) {
            String userId =
                    e[4].equals("object")
                            ? "{\\\"$numberLong\\\": \\\"" + e[1] + "\\\"}"
                            : "\\\"{\\\\\\\"$numberLong\\\\\\\": \\\\\\\"" + e[1] + "\\\\\\\"}\\\"";
            String after =
                    "{\\\"user_id\\\": "
                            + userId
                            + ", \\\"toggle\\\": "
                            + e[2]
                            + ", \\\"toggle2\\\": false}";
            String value =
                    "{\"after\": \""
                            + after
                            + "\", \"op\": \""
                            + e[0]
                            + "\", \"source\": {\"ts_ms\": "
                            + e[3]
                            + "}}";
            values.append(values.length() == 0 ? "" : ", ").append("('").append(value).append("')");
        }
        env.executeSql(
                "CREATE TEMPORARY VIEW stg_option AS SELECT * FROM (VALUES "
                        + values
                        + ") AS t(v)");
        List<Row> rows =
                JsonSql.rows(
                        env,
                        "SELECT JSON_LONG(JSON_STR(v, '$.after'), '$.user_id') AS user_id,"
                                + " JSON_BOOL(JSON_STR(v, '$.after'), '$.toggle') AS toggle,"
                                + " JSON_LONG(v, '$.source.ts_ms') AS updated_at FROM stg_option"
                                + " WHERE JSON_STR(v, '$.op') IN ('u', 'c')"
                                + " AND JSON_BOOL(JSON_STR(v, '$.after'), '$.toggle') IS NOT NULL"
                                + " ORDER BY updated_at");
        assertThat(rows.stream().map(JsonSql::fields))
                .containsExactly(
                        List.of(1L, false, 1747120515000L),
                        List.of(1L, false, 1747120567000L),
                        List.of(1L, true, 1747120590000L),
                        List.of(1L, true, 1747120600000L),
                        List.of(2L, false, 1747123415000L),
                        List.of(2L, true, 1747123416000L),
                        List.of(2L, false, 1747123417000L),
                        List.of(3L, false, 1747123420000L));
    }
}
