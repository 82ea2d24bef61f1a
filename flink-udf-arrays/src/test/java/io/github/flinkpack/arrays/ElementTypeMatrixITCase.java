package io.github.flinkpack.arrays;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scalar array function on every element-type family, with NULL elements, duplicates, empty
 * and NULL arrays. With A = [v1, v2, NULL, v1] and B = [v2, v3, NULL], the expected results are
 * written in terms of v1, v2, v3.
 */
class ElementTypeMatrixITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static TableEnvironment env;

    @BeforeAll
    static void loadModule() {
        env = PackSql.batchWithModule();
    }

    static List<Arguments> families() {
        return List.of(
                family("INT", "1", "2", "3", 1, 2, 3),
                family(
                        "BIGINT",
                        "CAST(10 AS BIGINT)",
                        "CAST(20 AS BIGINT)",
                        "CAST(30 AS BIGINT)",
                        10L,
                        20L,
                        30L),
                family(
                        "DECIMAL(10, 2)",
                        "CAST(1.5 AS DECIMAL(10, 2))",
                        "CAST(2.25 AS DECIMAL(10, 2))",
                        "CAST(3 AS DECIMAL(10, 2))",
                        new BigDecimal("1.50"),
                        new BigDecimal("2.25"),
                        new BigDecimal("3.00")),
                family(
                        "DOUBLE",
                        "CAST(0.5 AS DOUBLE)",
                        "CAST(-0.0 AS DOUBLE)",
                        "CAST(7.25 AS DOUBLE)",
                        0.5,
                        -0.0,
                        7.25),
                family("STRING", "'kr'", "'us'", "'jp'", "kr", "us", "jp"),
                family(
                        "BYTES",
                        "x'01'",
                        "x'0203'",
                        "x'04'",
                        new byte[] {1},
                        new byte[] {2, 3},
                        new byte[] {4}),
                family(
                        "DATE",
                        "DATE '2024-01-01'",
                        "DATE '2024-02-29'",
                        "DATE '2025-12-31'",
                        LocalDate.of(2024, 1, 1),
                        LocalDate.of(2024, 2, 29),
                        LocalDate.of(2025, 12, 31)),
                family(
                        "TIMESTAMP(3)",
                        "TIMESTAMP '2024-01-01 10:00:00.001'",
                        "TIMESTAMP '2024-01-01 10:00:00.002'",
                        "TIMESTAMP '2024-01-01 10:00:00.003'",
                        LocalDateTime.of(2024, 1, 1, 10, 0, 0, 1_000_000),
                        LocalDateTime.of(2024, 1, 1, 10, 0, 0, 2_000_000),
                        LocalDateTime.of(2024, 1, 1, 10, 0, 0, 3_000_000)),
                family(
                        "ARRAY<INT>",
                        "ARRAY[1, 2]",
                        "ARRAY[2, 1]",
                        "ARRAY[CAST(NULL AS INT)]",
                        new Integer[] {1, 2},
                        new Integer[] {2, 1},
                        new Integer[] {null}),
                family(
                        "ROW<a INT, b STRING>",
                        "CAST(ROW(1, 'a') AS ROW<a INT, b STRING>)",
                        "CAST(ROW(1, 'b') AS ROW<a INT, b STRING>)",
                        "CAST(ROW(2, CAST(NULL AS STRING)) AS ROW<a INT, b STRING>)",
                        Row.of(1, "a"),
                        Row.of(1, "b"),
                        Row.of(2, null)));
    }

    private static Arguments family(
            String type, String v1, String v2, String v3, Object e1, Object e2, Object e3) {
        return Arguments.of(type, v1, v2, v3, e1, e2, e3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void everyFunction(
            String type, String v1, String v2, String v3, Object e1, Object e2, Object e3)
            throws Exception {
        // The values come from columns, as in real queries (not literals in the calls).
        String view = "vals_" + Integer.toHexString(type.hashCode());
        env.executeSql(
                "CREATE TEMPORARY VIEW "
                        + view
                        + " AS SELECT "
                        + v1
                        + " AS v1, "
                        + v2
                        + " AS v2, "
                        + v3
                        + " AS v3");
        v1 = "v1";
        v2 = "v2";
        v3 = "v3";
        String nil = "CAST(NULL AS " + type + ")";
        String a = "ARRAY[" + v1 + ", " + v2 + ", " + nil + ", " + v1 + "]";
        String b = "ARRAY[" + v2 + ", " + v3 + ", " + nil + "]";
        String nullArray = "CAST(NULL AS ARRAY<" + type + ">)";
        List<String> expressions =
                List.of(
                        "ARRAY_INTERSECT(" + a + ", " + b + ")",
                        "ARRAY_UNION(" + a + ", " + b + ")",
                        "ARRAY_EXCEPT(" + a + ", " + b + ")",
                        "ARRAY_DISTINCT(" + a + ")",
                        "ARRAYS_INTERSECT(" + a + ", " + b + ", ARRAY[" + v2 + "])",
                        "ARRAY_INTERSECT_ALL(" + a + ", ARRAY[" + v1 + ", " + v1 + ", " + v2 + "])",
                        "ARRAY_EXCEPT_ALL(" + a + ", ARRAY[" + v1 + "])",
                        "ARRAYS_OVERLAP(" + a + ", " + b + ")",
                        "ARRAYS_OVERLAP(ARRAY[" + v1 + "], ARRAY[" + v3 + "])",
                        "ARRAY_JACCARD(" + a + ", " + b + ")",
                        "ELEMENT_AT(" + a + ", 2)",
                        "ELEMENT_AT(" + a + ", -1)",
                        "ARRAY_COMPACT(" + a + ")",
                        "ARRAY_FREQUENCIES(" + a + ")",
                        "ARRAY_FLATTEN(ARRAY[" + a + ", " + b + "])",
                        "CARDINALITY(ARRAYS_ZIP(" + a + ", " + b + "))",
                        "ARRAY_EXCEPT(ARRAY[" + v1 + "], ARRAY[" + v1 + "])",
                        "ARRAY_INTERSECT(" + nullArray + ", " + b + ")",
                        "ARRAY_JACCARD(" + a + ", " + nullArray + ")");
        List<Object> r = eval(expressions, view);

        assertThat(norm(r.get(0))).isEqualTo(norm(list(e2, null)));
        assertThat(norm(r.get(1))).isEqualTo(norm(list(e1, e2, null, e3)));
        assertThat(norm(r.get(2))).isEqualTo(norm(list(e1)));
        assertThat(norm(r.get(3))).isEqualTo(norm(list(e1, e2, null)));
        assertThat(norm(r.get(4))).isEqualTo(norm(list(e2)));
        assertThat(norm(r.get(5))).isEqualTo(norm(list(e1, e2, e1)));
        assertThat(norm(r.get(6))).isEqualTo(norm(list(e2, null, e1)));
        assertThat(r.get(7)).isEqualTo(true);
        assertThat(r.get(8)).isEqualTo(false);
        assertThat((Double) r.get(9)).isEqualTo(1.0 / 3);
        assertThat(norm(r.get(10))).isEqualTo(norm(e2));
        assertThat(norm(r.get(11))).isEqualTo(norm(e1));
        assertThat(norm(r.get(12))).isEqualTo(norm(list(e1, e2, e1)));
        Map<String, Object> frequencies = new TreeMap<>();
        ((Map<?, ?>) r.get(13)).forEach((k, v) -> frequencies.put(String.valueOf(norm(k)), v));
        assertThat(frequencies)
                .isEqualTo(
                        new TreeMap<>(
                                Map.of(String.valueOf(norm(e1)), 2, String.valueOf(norm(e2)), 1)));
        assertThat(norm(r.get(14))).isEqualTo(norm(list(e1, e2, null, e1, e2, e3, null)));
        assertThat(r.get(15)).isEqualTo(4);
        assertThat(norm(r.get(16))).isEqualTo(List.of());
        assertThat(r.get(17)).isNull();
        assertThat(r.get(18)).isNull();
    }

    private static List<Object> eval(List<String> expressions, String view) {
        return PackSql.firstRow(env, "SELECT " + String.join(", ", expressions) + " FROM " + view);
    }

    private static List<Object> list(Object... values) {
        return Arrays.asList(values);
    }

    /** Comparable form: arrays and lists as lists, rows as lists of fields, bytes as lists. */
    private static Object norm(Object value) {
        if (value instanceof byte[]) {
            List<Object> bytes = new ArrayList<>();
            for (byte b : (byte[]) value) {
                bytes.add(b);
            }
            return bytes;
        }
        if (value instanceof Object[]) {
            return norm(Arrays.asList((Object[]) value));
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object element : (List<?>) value) {
                out.add(norm(element));
            }
            return out;
        }
        if (value instanceof Row) {
            Row row = (Row) value;
            List<Object> fields = new ArrayList<>();
            for (int i = 0; i < row.getArity(); i++) {
                fields.add(norm(row.getField(i)));
            }
            return fields;
        }
        if (value instanceof Double && (Double) value == 0.0) {
            return 0.0; // -0.0 and 0.0 are one value
        }
        return value;
    }
}
