package io.github.flinkpack.redis.serialization;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * The inverse of {@link FieldRenderer}: reads what the sink wrote for a column back into Flink's
 * internal value of the column's type. Text for scalars, raw bytes for BINARY and VARBINARY values,
 * JSON for ARRAY, MAP, MULTISET and ROW. A value that does not read fails with {@link
 * IllegalArgumentException} saying what was expected.
 */
public final class FieldParser implements Serializable {

    private static final long serialVersionUID = 1L;

    private final LogicalType type;

    public FieldParser(LogicalType type) {
        this.type = type;
    }

    /** Whether a column of this type can be read back (the sink writes any type). */
    public static boolean canRead(LogicalType type) {
        switch (type.getTypeRoot()) {
            case CHAR:
            case VARCHAR:
            case BOOLEAN:
            case BINARY:
            case VARBINARY:
            case DECIMAL:
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
            case FLOAT:
            case DOUBLE:
            case DATE:
            case TIME_WITHOUT_TIME_ZONE:
            case TIMESTAMP_WITHOUT_TIME_ZONE:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
            case INTERVAL_YEAR_MONTH:
            case INTERVAL_DAY_TIME:
                return true;
            case ARRAY:
            case MAP:
            case MULTISET:
            case ROW:
                return type.getChildren().stream().allMatch(FieldParser::canRead);
            default:
                return false;
        }
    }

    /** A stored value: raw bytes for BINARY/VARBINARY, JSON for nested types, else text. */
    public Object fromValue(byte[] stored) {
        switch (type.getTypeRoot()) {
            case BINARY:
            case VARBINARY:
                return stored;
            case CHAR:
            case VARCHAR:
                return StringData.fromBytes(stored);
            case ARRAY:
            case MAP:
            case MULTISET:
            case ROW:
                return JsonValues.read(type, parseJson(new String(stored, StandardCharsets.UTF_8)));
            default:
                return fromText(type, new String(stored, StandardCharsets.UTF_8));
        }
    }

    /** Text of a key part or hash field (BINARY/VARBINARY in Base64, as keys are rendered). */
    public Object fromText(String text) {
        return fromText(type, text);
    }

    static JsonElement parseJson(String text) {
        try {
            return JsonParser.parseString(text);
        } catch (JsonSyntaxException | IllegalStateException e) {
            throw new IllegalArgumentException("not valid JSON");
        }
    }

    static Object fromText(LogicalType type, String text) {
        try {
            switch (type.getTypeRoot()) {
                case CHAR:
                case VARCHAR:
                    return StringData.fromString(text);
                case BOOLEAN:
                    String lower = text.trim().toLowerCase(Locale.ROOT);
                    if (lower.equals("true") || lower.equals("false")) {
                        return Boolean.valueOf(lower);
                    }
                    throw new IllegalArgumentException("not true or false");
                case BINARY:
                case VARBINARY:
                    return Base64.getDecoder().decode(text.trim());
                case DECIMAL:
                    DecimalType decimal = (DecimalType) type;
                    DecimalData value =
                            DecimalData.fromBigDecimal(
                                    new BigDecimal(text.trim()),
                                    decimal.getPrecision(),
                                    decimal.getScale());
                    if (value == null) {
                        throw new IllegalArgumentException(
                                "more digits than " + type.asSummaryString() + " holds");
                    }
                    return value;
                case TINYINT:
                    return Byte.parseByte(text.trim());
                case SMALLINT:
                    return Short.parseShort(text.trim());
                case INTEGER:
                case INTERVAL_YEAR_MONTH:
                    return Integer.parseInt(text.trim());
                case BIGINT:
                case INTERVAL_DAY_TIME:
                    return Long.parseLong(text.trim());
                case FLOAT:
                    return Float.parseFloat(text.trim());
                case DOUBLE:
                    return Double.parseDouble(text.trim());
                case DATE:
                    return (int) LocalDate.parse(text.trim()).toEpochDay();
                case TIME_WITHOUT_TIME_ZONE:
                    return (int) (LocalTime.parse(text.trim()).toNanoOfDay() / 1_000_000L);
                case TIMESTAMP_WITHOUT_TIME_ZONE:
                    return TimestampData.fromLocalDateTime(
                            LocalDateTime.parse(text.trim().replace(' ', 'T')));
                case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                    return TimestampData.fromInstant(Instant.parse(text.trim()));
                case ARRAY:
                case MAP:
                case MULTISET:
                case ROW:
                    return JsonValues.read(type, parseJson(text));
                default:
                    throw new IllegalArgumentException(
                            type.asSummaryString() + " cannot be read from Redis");
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("not " + what(type));
        }
    }

    private static String what(LogicalType type) {
        switch (type.getTypeRoot()) {
            case DATE:
                return "a date (yyyy-MM-dd)";
            case TIME_WITHOUT_TIME_ZONE:
                return "a time (HH:mm:ss)";
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return "a timestamp (yyyy-MM-ddTHH:mm:ss)";
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return "an instant (yyyy-MM-ddTHH:mm:ssZ)";
            default:
                return "a number of type " + type.asSummaryString();
        }
    }
}
