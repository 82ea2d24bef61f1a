package io.github.flinkpack.redis.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.DateType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RawType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimeType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;
import org.junit.jupiter.api.Test;

/** What {@link FieldRenderer} writes, {@link FieldParser} reads back as the same value. */
class FieldParserTest {

    private static Object roundTrip(LogicalType type, Object value) {
        return new FieldParser(type).fromValue(new FieldRenderer(type).toBytes(value));
    }

    @Test
    void everyScalarTypeRoundTrips() {
        Object[][] cases = {
            {new IntType(), -7},
            {new BigIntType(), Long.MIN_VALUE},
            {new DoubleType(), -0.1},
            {new DoubleType(), Double.NaN},
            {new BooleanType(), true},
            {new DecimalType(10, 3), DecimalData.fromUnscaledLong(-12345, 10, 3)},
            {new DateType(), 19_000},
            {new TimeType(3), 45_296_789},
            {new TimestampType(3), TimestampData.fromEpochMillis(1_700_000_000_123L)},
            {new TimestampType(9), TimestampData.fromEpochMillis(1_700_000_000_123L, 456_789)},
            {new LocalZonedTimestampType(3), TimestampData.fromEpochMillis(-1_000L)},
            {VarCharType.STRING_TYPE, StringData.fromString("a:b \"c\" 한")},
        };
        for (Object[] c : cases) {
            assertThat(roundTrip((LogicalType) c[0], c[1])).as("%s", c[0]).isEqualTo(c[1]);
        }
        byte[] bytes = {0, -1, 7};
        assertThat((byte[]) roundTrip(new VarBinaryType(VarBinaryType.MAX_LENGTH), bytes))
                .containsExactly(bytes);
        // In keys BYTES are Base64.
        assertThat((byte[]) new FieldParser(new VarBinaryType(10)).fromText("AP8H"))
                .containsExactly(bytes);
    }

    @Test
    void nestedTypesRoundTripThroughJson() {
        RowType row =
                RowType.of(
                        new LogicalType[] {
                            new ArrayType(new IntType()), new DecimalType(5, 2), new DateType()
                        },
                        new String[] {"xs", "d", "day"});
        GenericRowData value =
                GenericRowData.of(
                        new GenericArrayData(new Object[] {1, null, 3}),
                        DecimalData.fromUnscaledLong(150, 5, 2),
                        19_000);
        GenericRowData back = (GenericRowData) roundTrip(row, value);
        assertThat(((GenericArrayData) back.getArray(0)).toObjectArray())
                .containsExactly(1, null, 3);
        assertThat(back.getDecimal(1, 5, 2)).isEqualTo(value.getDecimal(1, 5, 2));
        assertThat(back.getInt(2)).isEqualTo(19_000);
    }

    @Test
    void unreadableValuesSayWhatWasExpected() {
        assertThatThrownBy(() -> parse(new IntType(), "12x"))
                .hasMessage("not a number of type INT");
        assertThatThrownBy(() -> parse(new BooleanType(), "yes")).hasMessage("not true or false");
        assertThatThrownBy(() -> parse(new DecimalType(4, 2), "123.45"))
                .hasMessage("more digits than DECIMAL(4, 2) holds");
        assertThatThrownBy(() -> parse(new DateType(), "2024-13-01"))
                .hasMessage("not a date (yyyy-MM-dd)");
        assertThatThrownBy(() -> parse(new ArrayType(new IntType()), "[1,"))
                .hasMessage("not valid JSON");
        assertThatThrownBy(() -> parse(new ArrayType(new IntType()), "{\"a\":1}"))
                .hasMessage("a JSON object where ARRAY<INT> is");
    }

    @Test
    void rawTypesCannotBeRead() {
        assertThat(FieldParser.canRead(new RawType<>(String.class, StringSerializer.INSTANCE)))
                .isFalse();
        assertThat(
                        FieldParser.canRead(
                                new ArrayType(
                                        new RawType<>(String.class, StringSerializer.INSTANCE))))
                .isFalse();
        assertThat(FieldParser.canRead(new ArrayType(new TimestampType(3)))).isTrue();
    }

    private static Object parse(LogicalType type, String text) {
        return new FieldParser(type).fromValue(text.getBytes(StandardCharsets.UTF_8));
    }
}
