package io.github.flinkpack.arrays;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random arrays (duplicates, NULL elements, NULL and empty arrays) through our
 * ARRAY_INTERSECT/UNION/EXCEPT/DISTINCT and Flink's built-ins in the same query: identical results,
 * element for element and in order. Only on the lines that have those built-ins (1.20 and 2.x):
 * Flink 1.19 has none, which is where the pack's versions matter most.
 */
class BuiltInDifferentialITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final int ROWS_PER_TYPE = 600;
    private static final String[] FUNCTIONS = {
        "ARRAY_INTERSECT", "ARRAY_UNION", "ARRAY_EXCEPT", "ARRAY_DISTINCT"
    };
    private static final String[] CLASSES = {
        "ArrayIntersect", "ArrayUnion", "ArrayExcept", "ArrayDistinct"
    };

    private static StreamExecutionEnvironment streams;
    private static StreamTableEnvironment env;

    @BeforeAll
    static void register() {
        streams = StreamExecutionEnvironment.getExecutionEnvironment();
        streams.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env = StreamTableEnvironment.create(streams);
        for (int f = 0; f < FUNCTIONS.length; f++) {
            env.executeSql(
                    "CREATE TEMPORARY SYSTEM FUNCTION PACK_"
                            + FUNCTIONS[f]
                            + " AS 'io.github.flinkpack.arrays.functions."
                            + CLASSES[f]
                            + "'");
        }
    }

    static List<Arguments> elementTypes() {
        return List.of(
                Arguments.of("INT", DataTypes.INT(), (Function<Random, Object>) r -> r.nextInt(8)),
                Arguments.of(
                        "BIGINT",
                        DataTypes.BIGINT(),
                        (Function<Random, Object>) r -> (long) r.nextInt(8) * 1_000_000_007L),
                Arguments.of(
                        "STRING",
                        DataTypes.STRING(),
                        (Function<Random, Object>) r -> "s" + r.nextInt(8)),
                Arguments.of(
                        "DOUBLE",
                        DataTypes.DOUBLE(),
                        (Function<Random, Object>) r -> r.nextInt(8) / 4.0),
                Arguments.of(
                        "DECIMAL",
                        DataTypes.DECIMAL(10, 2),
                        (Function<Random, Object>) r -> BigDecimal.valueOf(r.nextInt(8), 2)),
                Arguments.of(
                        "BOOLEAN",
                        DataTypes.BOOLEAN(),
                        (Function<Random, Object>) Random::nextBoolean),
                Arguments.of(
                        "DATE",
                        DataTypes.DATE(),
                        (Function<Random, Object>) r -> LocalDate.of(2024, 1, 1 + r.nextInt(8))),
                Arguments.of(
                        "TIMESTAMP",
                        DataTypes.TIMESTAMP(3),
                        (Function<Random, Object>)
                                r ->
                                        LocalDateTime.of(2024, 1, 1, 0, 0)
                                                .plusNanos(r.nextInt(8) * 1_000_000L)),
                Arguments.of(
                        "ARRAY<INT>",
                        DataTypes.ARRAY(DataTypes.INT()),
                        (Function<Random, Object>)
                                r ->
                                        r.nextBoolean()
                                                ? new Integer[] {r.nextInt(2)}
                                                : new Integer[] {r.nextInt(2), null}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("elementTypes")
    void oursEqualsTheBuiltIns(String name, DataType element, Function<Random, Object> values)
            throws Exception {
        Random random = new Random(name.hashCode());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS_PER_TYPE; i++) {
            rows.add(Row.of(i, randomArray(random, values), randomArray(random, values)));
        }
        DataType rowType =
                DataTypes.ROW(
                        DataTypes.FIELD("id", DataTypes.INT()),
                        DataTypes.FIELD("a", DataTypes.ARRAY(element)),
                        DataTypes.FIELD("b", DataTypes.ARRAY(element)));
        Table input = env.fromDataStream(streams.fromData(rows, ExternalTypeInfo.<Row>of(rowType)));
        env.createTemporaryView("input_" + Math.abs(name.hashCode()), input);
        StringBuilder select = new StringBuilder("SELECT id");
        for (String function : FUNCTIONS) {
            String args = function.equals("ARRAY_DISTINCT") ? "a" : "a, b";
            select.append(", PACK_").append(function).append('(').append(args).append(')');
            select.append(", ").append(function).append('(').append(args).append(')');
        }
        select.append(" FROM input_").append(Math.abs(name.hashCode()));

        int compared = 0;
        try (CloseableIterator<Row> results = env.executeSql(select.toString()).collect()) {
            while (results.hasNext()) {
                Row row = results.next();
                for (int f = 0; f < FUNCTIONS.length; f++) {
                    Object ours = row.getField(1 + 2 * f);
                    Object builtIn = row.getField(2 + 2 * f);
                    assertThat(ours)
                            .as(
                                    "%s, %s, row %s: %s",
                                    name,
                                    FUNCTIONS[f],
                                    row.getField(0),
                                    rows.get((Integer) row.getField(0)))
                            .isEqualTo(builtIn);
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(ROWS_PER_TYPE * FUNCTIONS.length);
    }

    private static Object[] randomArray(Random random, Function<Random, Object> values) {
        if (random.nextInt(20) == 0) {
            return null;
        }
        Object[] array = new Object[random.nextInt(9)];
        for (int i = 0; i < array.length; i++) {
            array[i] = random.nextInt(7) == 0 ? null : values.apply(random);
        }
        return Arrays.copyOf(array, array.length);
    }
}
