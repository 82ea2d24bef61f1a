package io.github.flinkpack.arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each array function through SQL, per element-type family, with NULLs, empties, duplicates. */
class ArrayFunctionsITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static TableEnvironment env;

    @BeforeAll
    static void loadModule() {
        env = PackSql.batchWithModule();
    }

    /** Evaluates each expression in one query; returns the values in order. */
    private static List<Object> eval(String... expressions) {
        return PackSql.firstRow(env, "SELECT " + String.join(", ", expressions));
    }

    private static Object one(String expression) {
        return eval(expression).get(0);
    }

    private static final String NULL_INTS = "CAST(NULL AS ARRAY<INT>)";
    private static final String EMPTY_INTS = "ARRAY_COMPACT(ARRAY[CAST(NULL AS INT)])";

    @Test
    void setFunctionsOnIntegersKeepFirstOccurrenceOrderAndTreatNullAsAValue() {
        String a = "ARRAY[3, 1, NULL, 3, 2, NULL]";
        String b = "ARRAY[2, NULL, 3, 5]";
        List<Object> r =
                eval(
                        "ARRAY_INTERSECT(" + a + ", " + b + ")",
                        "ARRAY_UNION(" + a + ", " + b + ")",
                        "ARRAY_EXCEPT(" + a + ", " + b + ")",
                        "ARRAY_DISTINCT(" + a + ")",
                        "ARRAYS_INTERSECT(" + a + ", " + b + ", ARRAY[3, NULL])",
                        "ARRAY_INTERSECT_ALL(ARRAY[1, 1, 1, 2, NULL], ARRAY[1, 1, NULL, 3])",
                        "ARRAY_EXCEPT_ALL(ARRAY[1, 1, 1, 2, NULL], ARRAY[1, 1, NULL, 3])");
        assertThat((Integer[]) r.get(0)).containsExactly(3, null, 2);
        assertThat((Integer[]) r.get(1)).containsExactly(3, 1, null, 2, 5);
        assertThat((Integer[]) r.get(2)).containsExactly(1);
        assertThat((Integer[]) r.get(3)).containsExactly(3, 1, null, 2);
        assertThat((Integer[]) r.get(4)).containsExactly(3, null);
        assertThat((Integer[]) r.get(5)).containsExactly(1, 1, null);
        assertThat((Integer[]) r.get(6)).containsExactly(1, 2);
    }

    @Test
    void nullArraysGiveNullAndEmptyArraysGiveEmpty() {
        List<Object> r =
                eval(
                        "ARRAY_INTERSECT(" + NULL_INTS + ", ARRAY[1])",
                        "ARRAY_UNION(ARRAY[1], " + NULL_INTS + ")",
                        "ARRAY_DISTINCT(" + NULL_INTS + ")",
                        "ARRAYS_INTERSECT(ARRAY[1], ARRAY[1], " + NULL_INTS + ")",
                        "ARRAY_JACCARD(" + NULL_INTS + ", ARRAY[1])",
                        "ARRAYS_OVERLAP(" + NULL_INTS + ", ARRAY[1])",
                        "ELEMENT_AT(" + NULL_INTS + ", 1)",
                        "ARRAY_INTERSECT(" + EMPTY_INTS + ", ARRAY[1])",
                        "ARRAY_UNION(" + EMPTY_INTS + ", " + EMPTY_INTS + ")",
                        "ARRAY_JACCARD(" + EMPTY_INTS + ", " + EMPTY_INTS + ")");
        assertThat(r.subList(0, 7)).containsOnlyNulls();
        assertThat((Integer[]) r.get(7)).isEmpty();
        assertThat((Integer[]) r.get(8)).isEmpty();
        assertThat(r.get(9)).isEqualTo(0.0);
    }

    @Test
    void stringsDecimalsDoublesBytesDatesAndBooleans() {
        List<Object> r =
                eval(
                        "ARRAY_INTERSECT(ARRAY['b', 'a', 'b', 'c'], ARRAY['c', 'b'])",
                        "ARRAY_DISTINCT(ARRAY[CAST(1.50 AS DECIMAL(10, 2)), 1.5, 2.25])",
                        "ARRAY_DISTINCT(ARRAY[CAST(0.0 AS DOUBLE), -0.0, 1.0])",
                        "ARRAY_INTERSECT(ARRAY[x'0102', x'0304'], ARRAY[x'0304'])",
                        "ARRAY_EXCEPT(ARRAY[DATE '2024-01-01', DATE '2024-02-01'],"
                                + " ARRAY[DATE '2024-01-01'])",
                        "ARRAY_UNION(ARRAY[TRUE, TRUE], ARRAY[FALSE])",
                        "ARRAY_INTERSECT(ARRAY[TIMESTAMP '2024-01-01 10:00:00.123'],"
                                + " ARRAY[TIMESTAMP '2024-01-01 10:00:00.123'])");
        assertThat((String[]) r.get(0)).containsExactly("b", "c");
        assertThat((BigDecimal[]) r.get(1))
                .containsExactly(new BigDecimal("1.50"), new BigDecimal("2.25"));
        assertThat((Double[]) r.get(2)).containsExactly(0.0, 1.0);
        assertThat((byte[][]) r.get(3)).isDeepEqualTo(new byte[][] {{3, 4}});
        assertThat((LocalDate[]) r.get(4)).containsExactly(LocalDate.of(2024, 2, 1));
        assertThat((Boolean[]) r.get(5)).containsExactly(true, false);
        assertThat((Object[]) r.get(6)).hasSize(1);
    }

    @Test
    void nestedArraysAndRowsCompareStructurally() {
        List<Object> r =
                eval(
                        "ARRAY_DISTINCT(ARRAY[ARRAY[1, 2], ARRAY[1, 2], ARRAY[2, 1], ARRAY[1,"
                                + " NULL], ARRAY[1, NULL]])",
                        "ARRAY_INTERSECT(ARRAY[ROW(1, 'a'), ROW(2, 'b')], ARRAY[ROW(2, 'b')])");
        Integer[][] distinct = (Integer[][]) r.get(0);
        assertThat(distinct).hasDimensions(3, 2);
        assertThat(distinct[0]).containsExactly(1, 2);
        assertThat(distinct[1]).containsExactly(2, 1);
        assertThat(distinct[2]).containsExactly(1, null);
        Row[] rows = (Row[]) r.get(1);
        assertThat(rows).hasSize(1);
        assertThat(rows[0].getField(0)).isEqualTo(2);
        assertThat(rows[0].getField(1)).isEqualTo("b");
    }

    @Test
    void mixedNumericArraysUseTheCommonType() {
        List<Object> r =
                eval(
                        "ARRAY_INTERSECT(ARRAY[1, 2, 3], ARRAY[CAST(2 AS BIGINT), 3])",
                        "ARRAY_UNION(ARRAY[1, 2], ARRAY[2.5])");
        assertThat((Long[]) r.get(0)).containsExactly(2L, 3L);
        assertThat((BigDecimal[]) r.get(1))
                .extracting(BigDecimal::doubleValue)
                .containsExactly(1.0, 2.0, 2.5);
    }

    @Test
    void overlapJaccardElementAtAndCompact() {
        List<Object> r =
                eval(
                        "ARRAYS_OVERLAP(ARRAY[1, 2], ARRAY[2, 3])",
                        "ARRAYS_OVERLAP(ARRAY[1, 2], ARRAY[3, 4])",
                        "ARRAYS_OVERLAP(ARRAY[1, NULL], ARRAY[3])",
                        "ARRAYS_OVERLAP(ARRAY[1, NULL], " + EMPTY_INTS + ")",
                        "ARRAY_JACCARD(ARRAY['music', 'books', 'books', NULL],"
                                + " ARRAY['books', 'games'])",
                        "ELEMENT_AT(ARRAY['a', 'b', 'c'], 1)",
                        "ELEMENT_AT(ARRAY['a', 'b', 'c'], -1)",
                        "ELEMENT_AT(ARRAY['a', 'b', 'c'], 0)",
                        "ELEMENT_AT(ARRAY['a', 'b', 'c'], 4)",
                        "ELEMENT_AT(ARRAY['a', 'b', 'c'], -4)",
                        "ARRAY_COMPACT(ARRAY[NULL, 1, NULL, 2])");
        assertThat(r.get(0)).isEqualTo(true);
        assertThat(r.get(1)).isEqualTo(false);
        assertThat(r.get(2)).isNull();
        assertThat(r.get(3)).isEqualTo(false);
        assertThat((Double) r.get(4)).isEqualTo(1.0 / 3);
        assertThat(r.subList(5, 7)).containsExactly("a", "c");
        assertThat(r.subList(7, 10)).containsOnlyNulls();
        assertThat((Integer[]) r.get(10)).containsExactly(1, 2);
    }

    @Test
    void flattenZipSequenceAndFrequencies() {
        List<Object> r =
                eval(
                        "ARRAY_FLATTEN(ARRAY[ARRAY[1, 2], ARRAY[3], ARRAY[NULL, 4]])",
                        "ARRAY_FLATTEN(ARRAY[ARRAY[1], CAST(NULL AS ARRAY<INT>)])",
                        "ARRAYS_ZIP(ARRAY[1, 2, 3], ARRAY['a', 'b'])",
                        "ARRAY_SEQUENCE(1, 5)",
                        "ARRAY_SEQUENCE(10, 0, -5)",
                        "ARRAY_SEQUENCE(3, 1)",
                        "ARRAY_SEQUENCE(1, 5, 0)",
                        "ARRAY_SEQUENCE(1, 5, -1)",
                        "ARRAY_FREQUENCIES(ARRAY['b', 'a', 'b', NULL, 'b'])",
                        "CARDINALITY(ARRAY_SEQUENCE(1, 100000000))");
        assertThat((Integer[]) r.get(0)).containsExactly(1, 2, 3, null, 4);
        assertThat(r.get(1)).isNull();
        Row[] zipped = (Row[]) r.get(2);
        assertThat(zipped).hasSize(3);
        assertThat(zipped[0].getField(0)).isEqualTo(1);
        assertThat(zipped[0].getField(1)).isEqualTo("a");
        assertThat(zipped[2].getField(0)).isEqualTo(3);
        assertThat(zipped[2].getField(1)).isNull();
        assertThat((Long[]) r.get(3)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat((Long[]) r.get(4)).containsExactly(10L, 5L, 0L);
        assertThat((Long[]) r.get(5)).containsExactly(3L, 2L, 1L);
        assertThat(r.subList(6, 8)).containsOnlyNulls();
        assertThat((java.util.Map<?, ?>) r.get(8)).isEqualTo(java.util.Map.of("b", 3, "a", 1));
        assertThat(r.get(9)).isNull();
    }

    @Test
    void wrongArgumentTypesFailAtPlanningTimeNamingFunctionAndTypes() {
        assertThatThrownBy(() -> env.explainSql("SELECT ARRAY_INTERSECT(ARRAY[1], ARRAY['a'])"))
                .hasStackTraceContaining(
                        "ARRAY_INTERSECT(ARRAY<INT NOT NULL> NOT NULL,"
                                + " ARRAY<CHAR(1) NOT NULL> NOT NULL): the array element types have no"
                                + " common type");
        assertThatThrownBy(() -> env.explainSql("SELECT ARRAY_JACCARD(1, ARRAY[1])"))
                .hasStackTraceContaining(
                        "ARRAY_JACCARD expects an ARRAY as argument 1, but got" + " INT NOT NULL");
        assertThatThrownBy(() -> env.explainSql("SELECT ELEMENT_AT(ARRAY[1], 'x')"))
                .hasStackTraceContaining("ELEMENT_AT(array, index) needs an integer index");
    }

    @Test
    void functionsRegisterOneByOneToo() {
        TableEnvironment plain = FlinkMiniCluster.batch();
        plain.executeSql(
                "CREATE TEMPORARY SYSTEM FUNCTION interests_overlap AS"
                        + " 'io.github.flinkpack.arrays.functions.ArraysOverlap'");
        plain.executeSql(
                "CREATE FUNCTION interests_jaccard AS"
                        + " 'io.github.flinkpack.arrays.functions.ArrayJaccard'");
        try (CloseableIterator<Row> rows =
                plain.executeSql(
                                "SELECT interests_overlap(ARRAY['a'], ARRAY['a']),"
                                        + " interests_jaccard(ARRAY['a', 'b'], ARRAY['a'])")
                        .collect()) {
            Row row = rows.next();
            assertThat(row.getField(0)).isEqualTo(true);
            assertThat(row.getField(1)).isEqualTo(0.5);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
