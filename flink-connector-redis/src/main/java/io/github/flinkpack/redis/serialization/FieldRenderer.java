package io.github.flinkpack.redis.serialization;

import io.github.flinkpack.redis.util.ByteBuilder;
import io.github.flinkpack.redis.util.Digits;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * Renders one internal field value as the bytes Redis stores: text for scalars (numbers as SQL
 * prints them, DECIMAL in plain notation, temporal values in ISO-8601), raw bytes for BINARY and
 * VARBINARY, compact JSON for ARRAY, MAP, MULTISET and ROW.
 */
public final class FieldRenderer implements Serializable {

    private static final long serialVersionUID = 1L;

    private final LogicalType type;
    private final JsonWriter json;

    public FieldRenderer(LogicalType type) {
        this.type = type;
        this.json = new JsonWriter(type);
    }

    /** The value as bytes; {@code value} is the non-null internal object of {@code type}. */
    public byte[] toBytes(Object value) {
        switch (type.getTypeRoot()) {
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                return Digits.ascii(((Number) value).longValue());
            case CHAR:
            case VARCHAR:
                return ((StringData) value).toBytes();
            case BINARY:
            case VARBINARY:
                return (byte[]) value;
            case ARRAY:
            case MAP:
            case MULTISET:
            case ROW:
                return json.write(value).getBytes(StandardCharsets.UTF_8);
            default:
                return toText(type, value).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Appends the text of a non-null scalar, as {@link #toText} renders it, to {@code out}. */
    static void appendText(LogicalType type, Object value, ByteBuilder out) {
        switch (type.getTypeRoot()) {
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                out.append(((Number) value).longValue());
                break;
            case CHAR:
            case VARCHAR:
                out.append(((StringData) value).toBytes());
                break;
            default:
                out.append(toText(type, value).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Text of a scalar internal value, as used in keys, values and JSON strings. */
    static String toText(LogicalType type, Object value) {
        switch (type.getTypeRoot()) {
            case DECIMAL:
                return ((DecimalData) value).toBigDecimal().toPlainString();
            case DATE:
                return LocalDate.ofEpochDay((Integer) value).toString();
            case TIME_WITHOUT_TIME_ZONE:
                return LocalTime.ofNanoOfDay((Integer) value * 1_000_000L).toString();
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return ((TimestampData) value).toLocalDateTime().toString();
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return ((TimestampData) value).toInstant().toString();
            case BINARY:
            case VARBINARY:
                return java.util.Base64.getEncoder().encodeToString((byte[]) value);
            case ARRAY:
            case MAP:
            case MULTISET:
            case ROW:
                return new JsonWriter(type).write(value);
            default:
                // CHAR/VARCHAR (StringData), BOOLEAN, numerics, INTERVAL as their count.
                return String.valueOf(value);
        }
    }
}
