package io.github.flinkpack.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.testing.docs.FunctionsSql;
import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.redis.RedisExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The jars built for Flink 2.3, on the Flink this module is built with ({@code
 * -Dcompat.flink.version}): every function registered and called once, the Redis sink, the Debezium
 * format and the {@code final} wrapper in one job each.
 */
class OlderFlinkSmokeTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

    private static final Path FUNCTIONS_SQL = Paths.get("..", "docs", "functions.sql");

    /** One call per registered function, with its result as {@link #show} prints it. */
    private static final Map<String, String> SCALAR_CALLS = scalarCalls();

    private static Map<String, String> scalarCalls() {
        Map<String, String> calls = new LinkedHashMap<>();
        call(calls, "PACK_ARRAY_INTERSECT(ARRAY[1, 2, 2, 3], ARRAY[2, 3, 4])", "[2, 3]");
        call(calls, "PACK_ARRAY_UNION(ARRAY[1, 2], ARRAY[2, 3])", "[1, 2, 3]");
        call(calls, "PACK_ARRAY_EXCEPT(ARRAY[1, 2, 3], ARRAY[2])", "[1, 3]");
        call(calls, "PACK_ARRAY_DISTINCT(ARRAY[1, 1, 2])", "[1, 2]");
        call(calls, "ARRAYS_INTERSECT(ARRAY[1, 2, 3], ARRAY[2, 3], ARRAY[3, 2])", "[2, 3]");
        call(calls, "ARRAY_INTERSECT_ALL(ARRAY[1, 1, 2], ARRAY[1, 1, 1])", "[1, 1]");
        call(calls, "ARRAY_EXCEPT_ALL(ARRAY[1, 1, 2], ARRAY[1])", "[1, 2]");
        call(calls, "ARRAYS_OVERLAP(ARRAY[1, 2], ARRAY[2, 5])", "true");
        call(calls, "ARRAY_JACCARD(ARRAY[1, 2], ARRAY[2, 3, 4])", "0.25");
        call(calls, "ELEMENT_AT(ARRAY[1, 2, 3], -1)", "3");
        call(calls, "ARRAY_COMPACT(ARRAY[1, NULL, 2])", "[1, 2]");
        call(calls, "ARRAY_FLATTEN(ARRAY[ARRAY[1], ARRAY[2, 3]])", "[1, 2, 3]");
        call(calls, "CARDINALITY(ARRAYS_ZIP(ARRAY[1, 2], ARRAY['a']))", "2");
        call(calls, "ARRAY_SEQUENCE(1, 3)", "[1, 2, 3]");
        call(calls, "ARRAY_FREQUENCIES(ARRAY['a', 'b', 'a'])", "{a=2, b=1}");
        call(calls, "JSON_STR('{\"a\": {\"b\": \"x\"}}', '$.a.b')", "x");
        call(calls, "JSON_LONG('{\"n\": \"12\"}', '$.n')", "12");
        call(calls, "JSON_INT('{\"n\": 7}', '$.n')", "7");
        call(calls, "JSON_DOUBLE('{\"d\": 1.5}', '$.d')", "1.5");
        call(calls, "JSON_DECIMAL('{\"d\": 1.25}', '$.d')", "1.250000000000000000");
        call(calls, "JSON_BOOL('{\"b\": \"TRUE\"}', '$.b')", "true");
        call(
                calls,
                "JSON_TIMESTAMP('{\"t\": \"2026-12-04 12:00:00\"}', '$.t')",
                "2026-12-04T12:00");
        call(calls, "JSON_ARRAY_LENGTH('[1, 2, 3]')", "3");
        call(calls, "JSON_LENGTH('{\"a\": 1, \"b\": 2}')", "2");
        call(calls, "JSON_TYPE('{\"a\": [1]}', '$.a')", "ARRAY");
        call(calls, "JSON_KEYS('{\"a\": 1, \"b\": 2}')", "[a, b]");
        call(calls, "JSON_TO_MAP('{\"a\": 1, \"b\": \"x\"}')", "{a=1, b=x}");
        call(calls, "JSON_ARRAY_STRINGS('[1, \"x\"]')", "[1, x]");
        call(calls, "JSON_CONCAT('{\"a\": 1}', '{\"b\": 2}')", "{\"a\":1,\"b\":2}");
        call(calls, "IS_VALID_JSON('{\"a\":')", "false");
        call(calls, "FROM_JSON('{\"a\": 1}', 'ROW<a INT>').a", "1");
        return calls;
    }

    private static void call(Map<String, String> calls, String expression, String expected) {
        calls.put(expression, expected);
    }

    @Test
    void runsOnTheFlinkItWasBuiltFor() {
        assertThat(EnvironmentInformation.getVersion())
                .isEqualTo(System.getProperty("flinkpack.flink.version"));
    }

    @Test
    void everyDocumentedFunctionRegistersAndAnswers() throws Exception {
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        Map<String, String> functions = FunctionsSql.read(FUNCTIONS_SQL);
        for (Map.Entry<String, String> function : functions.entrySet()) {
            env.executeSql(
                    "CREATE TEMPORARY FUNCTION "
                            + function.getKey()
                            + " AS '"
                            + function.getValue()
                            + "'");
        }
        String scalars = "SELECT " + String.join(", ", SCALAR_CALLS.keySet());
        List<String> queries = List.of(scalars, TUPLE_QUERY, AGGREGATE_QUERY);
        List<String> uncalled = new ArrayList<>(functions.keySet());
        uncalled.removeIf(
                name ->
                        queries.stream()
                                .anyMatch(Pattern.compile("\\b" + name + "\\(").asPredicate()));
        assertThat(uncalled).as("functions without a call in this test").isEmpty();

        assertThat(shown(single(FlinkMiniCluster.collect(env, scalars))))
                .containsExactlyElementsOf(SCALAR_CALLS.values());
        assertThat(shown(single(FlinkMiniCluster.collect(env, TUPLE_QUERY))))
                .containsExactly("1", "x");
        assertThat(shown(last(FlinkMiniCluster.collect(env, AGGREGATE_QUERY))))
                .containsExactly("[2]", "2", "a", "a", "a", "b", "[b, a, a]");
    }

    private static final String TUPLE_QUERY =
            "SELECT t.c0, t.c1 FROM (VALUES ('{\"a\": 1, \"b\": \"x\"}')) AS d(j),"
                    + " LATERAL TABLE(JSON_TUPLE(j, '$.a', '$.b')) AS t";

    private static final String AGGREGATE_QUERY =
            "SELECT ARRAY_INTERSECT_AGG(arr), CARDINALITY(COLLECT_SET(v)), LATEST_BY_OFFSET(v),"
                    + " EARLIEST_BY_OFFSET(v), LATEST_BY_TIME(v, t), EARLIEST_BY_TIME(v, t),"
                    + " ARRAY_AGG_ORDERED(v, t) FROM (VALUES (ARRAY[1, 2], 'a', 3), (ARRAY[2, 3],"
                    + " 'b', 1), (ARRAY[2], 'a', 2)) AS x(arr, v, t)";

    /** Each field of the row as {@link #show} prints it. */
    private static List<String> shown(Row row) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < row.getArity(); i++) {
            fields.add(show(row.getField(i)));
        }
        return fields;
    }

    @Test
    void modulesLoad() {
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.executeSql("LOAD MODULE flinkpack_arrays");
        env.executeSql("LOAD MODULE flinkpack_json");
        env.executeSql("USE MODULES flinkpack_arrays, flinkpack_json, core");
        Row row =
                single(
                        FlinkMiniCluster.collect(
                                env,
                                "SELECT ARRAY_INTERSECT(ARRAY[3, 1, 3], ARRAY[3]),"
                                        + " JSON_INT('{\"a\": 5}', '$.a')"));
        assertThat(show(row.getField(0))).isEqualTo("[3]");
        assertThat(row.getField(1)).isEqualTo(5);
    }

    @Test
    void redisSinkWritesStringsCountersAndHashes() throws Exception {
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        String redis = "'connector' = 'redis', 'url' = '" + REDIS.url() + "'";
        env.executeSql(
                "CREATE TABLE latest (k STRING, v STRING, PRIMARY KEY (k) NOT ENFORCED) WITH ("
                        + redis
                        + ", 'key.prefix' = 'compat:set:')");
        env.executeSql(
                "CREATE TABLE counts (k STRING, n BIGINT, PRIMARY KEY (k) NOT ENFORCED) WITH ("
                        + redis
                        + ", 'command' = 'INCR', 'key.prefix' = 'compat:incr:')");
        env.executeSql(
                "CREATE TABLE fields (k STRING, f STRING, v STRING) WITH ("
                        + redis
                        + ", 'command' = 'HSET', 'key.fields' = 'k', 'hash.field' = 'f',"
                        + " 'key.prefix' = 'compat:hash:')");
        env.executeSql(
                        "CREATE TEMPORARY VIEW events AS SELECT CAST(k AS STRING) AS k, CAST(v AS"
                                + " STRING) AS v FROM (VALUES ('a', 'x'), ('b',"
                                + " 'y'), ('a', 'z')) AS e(k, v)")
                .await();
        env.createStatementSet()
                .addInsertSql("INSERT INTO latest SELECT k, LAST_VALUE(v) FROM events GROUP BY k")
                .addInsertSql("INSERT INTO counts SELECT k, COUNT(*) FROM events GROUP BY k")
                .addInsertSql("INSERT INTO fields SELECT 'h', k, v FROM events")
                .execute()
                .await();

        try (Jedis jedis = REDIS.newClient()) {
            assertThat(jedis.mget("compat:set:a", "compat:set:b")).containsExactly("z", "y");
            assertThat(jedis.mget("compat:incr:a", "compat:incr:b")).containsExactly("2", "1");
            assertThat(new TreeMap<>(jedis.hgetAll("compat:hash:h")))
                    .isEqualTo(Map.of("a", "z", "b", "y"));
        }
    }

    @Test
    void debeziumChangesThroughFinalIntoRedis(@TempDir Path dir) throws Exception {
        Files.write(
                dir.resolve("cities.json"),
                List.of(
                        "{\"before\": null, \"after\": {\"id\": 1, \"city\": \"Seoul\"}, \"op\": \"c\"}",
                        "{\"before\": {\"id\": 1, \"city\": \"Seoul\"}, \"after\": {\"id\": 1,"
                                + " \"city\": \"Busan\"}, \"op\": \"u\"}",
                        "{\"before\": null, \"after\": {\"id\": 2, \"city\": \"Jeju\"}, \"op\": \"c\"}",
                        "{\"before\": {\"id\": 2, \"city\": \"Jeju\"}, \"after\": null, \"op\": \"d\"}",
                        "{\"before\": null, \"after\": {\"id\": 3, \"city\": \"Incheon\"}, \"op\": \"r\"}"),
                StandardCharsets.UTF_8);
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.executeSql(
                "CREATE TABLE cities (id INT, city STRING) WITH ('connector' = 'filesystem',"
                        + " 'path' = '"
                        + dir.toUri()
                        + "', 'format' = 'debezium-json-ext')");
        env.executeSql(
                "CREATE TABLE city_by_id (id INT, city STRING, PRIMARY KEY (id) NOT ENFORCED)"
                        + " WITH ('connector' = 'final', 'final.emit' = 'end-of-input',"
                        + " 'final.output' = 'upsert', 'inner.connector' = 'redis', 'inner.url' = '"
                        + REDIS.url()
                        + "', 'inner.key.prefix' = 'compat:city:')");
        env.executeSql("INSERT INTO city_by_id SELECT id, city FROM cities").await();

        try (Jedis jedis = REDIS.newClient()) {
            assertThat(jedis.keys("compat:city:*"))
                    .containsExactlyInAnyOrder("compat:city:1", "compat:city:3");
            assertThat(jedis.mget("compat:city:1", "compat:city:3"))
                    .containsExactly("Busan", "Incheon");
        }
    }

    private static Row single(List<Row> rows) {
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    /** The final row of an updating query's changelog. */
    private static Row last(List<Row> changes) {
        Row last = changes.get(changes.size() - 1);
        assertThat(last.getKind()).isIn(RowKind.INSERT, RowKind.UPDATE_AFTER);
        return last;
    }

    /** Arrays as lists, maps in key order: the same text whatever class Flink hands out. */
    private static String show(Object value) {
        if (value instanceof Object[]) {
            List<String> elements = new ArrayList<>();
            for (Object element : (Object[]) value) {
                elements.add(show(element));
            }
            return elements.toString();
        }
        if (value instanceof Map) {
            return new TreeMap<>((Map<?, ?>) value).toString();
        }
        return String.valueOf(value);
    }
}
