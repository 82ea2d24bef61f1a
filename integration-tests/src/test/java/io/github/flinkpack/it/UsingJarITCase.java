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
 * The array functions from a jar that is not on the classpath (not in lib/): registered with CREATE
 * FUNCTION ... USING JAR, and as a module after ADD JAR.
 */
class UsingJarITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static Path jar;

    @BeforeAll
    static void jarIsNotOnTheClasspath() {
        jar = DropInJarTest.builtJar("flink-udf-arrays");
        assertThatThrownBy(() -> Class.forName("io.github.flinkpack.arrays.functions.ArrayJaccard"))
                .isInstanceOf(ClassNotFoundException.class);
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
