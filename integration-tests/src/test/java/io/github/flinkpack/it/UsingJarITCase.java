package io.github.flinkpack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import java.nio.file.Path;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The array and JSON functions from jars that are not on the classpath (not in lib/): registered
 * with CREATE FUNCTION ... USING JAR, and as modules after ADD JAR. The JSON queries read their
 * documents through RAND() so that they run on the cluster with the shaded Jackson, not folded into
 * constants by the planner.
 */
class UsingJarITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final String EVENTS =
            "(SELECT IF(RAND() < 2, doc, '') AS doc FROM (VALUES"
                    + " ('{\"after\": {\"user_id\": {\"$numberLong\": \"1\"}, \"n\": \"x\"}}'))"
                    + " AS t(doc))";

    private static Path jar;
    private static Path jsonJar;

    @BeforeAll
    static void jarsAreNotOnTheClasspath() {
        jar = DropInJarTest.builtJar("flink-udf-arrays");
        jsonJar = DropInJarTest.builtJar("flink-udf-json");
        assertThatThrownBy(() -> Class.forName("io.github.flinkpack.arrays.functions.ArrayJaccard"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.github.flinkpack.json.functions.JsonLong"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void createJsonFunctionUsingJar() throws Exception {
        TableEnvironment env = FlinkMiniCluster.streaming();
        env.executeSql(
                "CREATE TEMPORARY FUNCTION JSON_LONG AS"
                        + " 'io.github.flinkpack.json.functions.JsonLong' USING JAR '"
                        + jsonJar
                        + "'");
        Row row = first(env, "SELECT JSON_LONG(doc, '$.after.user_id') FROM " + EVENTS);
        assertThat(row.getField(0)).isEqualTo(1L);
    }

    @Test
    void loadJsonModuleAfterAddJar() throws Exception {
        TableEnvironment env = FlinkMiniCluster.streaming();
        env.executeSql("ADD JAR '" + jsonJar + "'");
        env.executeSql("LOAD MODULE flinkpack_json");
        Row row =
                first(
                        env,
                        "SELECT FROM_JSON(doc, 'ROW<after ROW<user_id BIGINT, n STRING>>').after.user_id,"
                                + " t.c0 FROM "
                                + EVENTS
                                + ", LATERAL TABLE(JSON_TUPLE(doc, '$.after.n')) AS t");
        assertThat(row.getField(0)).isEqualTo(1L);
        assertThat(row.getField(1)).isEqualTo("x");
    }

    private static Row first(TableEnvironment env, String query) throws Exception {
        try (CloseableIterator<Row> rows = env.executeSql(query).collect()) {
            return rows.next();
        }
    }

    @Test
    void createFunctionUsingJar() throws Exception {
        TableEnvironment env = FlinkMiniCluster.streaming();
        env.executeSql(
                "CREATE TEMPORARY FUNCTION interests_alike AS"
                        + " 'io.github.flinkpack.arrays.functions.ArrayJaccard' USING JAR '"
                        + jar
                        + "'");
        Row row = first(env, "SELECT interests_alike(ARRAY['a', 'b'], ARRAY['a'])");
        assertThat(row.getField(0)).isEqualTo(0.5);
    }

    @Test
    void loadModuleAfterAddJar() throws Exception {
        TableEnvironment env = FlinkMiniCluster.streaming();
        env.executeSql("ADD JAR '" + jar + "'");
        env.executeSql("LOAD MODULE flinkpack_arrays");
        env.executeSql("USE MODULES flinkpack_arrays, core");
        Row row =
                first(
                        env,
                        "SELECT ARRAYS_OVERLAP(ARRAY[1, 2], ARRAY[2]),"
                                + " ARRAY_INTERSECT(ARRAY['x', 'y', 'x'], ARRAY['x'])");
        assertThat(row.getField(0)).isEqualTo(true);
        assertThat((String[]) row.getField(1)).containsExactly("x");
    }
}
