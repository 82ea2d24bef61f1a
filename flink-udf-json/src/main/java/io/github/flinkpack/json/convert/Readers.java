package io.github.flinkpack.json.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.flinkpack.json.read.JsonParsers;
import io.github.flinkpack.json.read.ValueReader;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;

/** The reader that turns a JSON value into Flink internal data of a given SQL type. */
public final class Readers {

    private Readers() {}

    private static StringData[] typeNames() {
        StringData[] names = new StringData[JsonToken.values().length];
        names[JsonToken.START_OBJECT.ordinal()] = StringData.fromString("OBJECT");
        names[JsonToken.START_ARRAY.ordinal()] = StringData.fromString("ARRAY");
        names[JsonToken.VALUE_STRING.ordinal()] = StringData.fromString("STRING");
        names[JsonToken.VALUE_NUMBER_INT.ordinal()] = StringData.fromString("INTEGER");
        names[JsonToken.VALUE_NUMBER_FLOAT.ordinal()] = StringData.fromString("DOUBLE");
        names[JsonToken.VALUE_TRUE.ordinal()] = StringData.fromString("BOOLEAN");
        names[JsonToken.VALUE_FALSE.ordinal()] = StringData.fromString("BOOLEAN");
        names[JsonToken.VALUE_NULL.ordinal()] = StringData.fromString("NULL");
        return names;
    }

    /**
     * A reader for {@code type}.
     *
     * @throws ValidationException naming the type when JSON cannot be read as it
     */
    public static ValueReader forType(LogicalType type) {
        switch (type.getTypeRoot()) {
            case CHAR:
            case VARCHAR:
                return TextReader.INSTANCE;
            case BOOLEAN:
                return parser -> bool(JsonScalar.read(parser));
            case TINYINT:
                return parser -> narrow(integral(parser, Byte.MIN_VALUE, Byte.MAX_VALUE), type);
            case SMALLINT:
                return parser -> narrow(integral(parser, Short.MIN_VALUE, Short.MAX_VALUE), type);
            case INTEGER:
                return parser ->
                        narrow(integral(parser, Integer.MIN_VALUE, Integer.MAX_VALUE), type);
            case BIGINT:
                return parser -> integral(parser, Long.MIN_VALUE, Long.MAX_VALUE);
            case DOUBLE:
                return parser -> Numbers.floating(JsonScalar.read(parser));
            case FLOAT:
                return parser -> toFloat(Numbers.floating(JsonScalar.read(parser)));
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                return parser ->
                        Numbers.decimal(
                                JsonScalar.read(parser),
                                decimal.getPrecision(),
                                decimal.getScale());
            case TIMESTAMP_WITHOUT_TIME_ZONE:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                int precision = LogicalTypeChecks.getPrecision(type);
                return parser -> Timestamps.timestamp(JsonScalar.read(parser), precision);
            case DATE:
                return parser -> Timestamps.date(JsonScalar.read(parser));
            case ARRAY:
                return new ArrayReader(forType(((ArrayType) type).getElementType()));
            case MAP:
                MapType map = (MapType) type;
                if (!map.getKeyType().is(LogicalTypeFamily.CHARACTER_STRING)) {
                    throw unsupported(type, "JSON object keys are strings: use MAP<STRING, ...>");
                }
                return new MapReader(forType(map.getValueType()));
            case ROW:
                RowType row = (RowType) type;
                ValueReader[] fields = new ValueReader[row.getFieldCount()];
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = forType(row.getTypeAt(i));
                }
                return new RowReader(row.getFieldNames(), fields);
            default:
                throw unsupported(type, "read it as STRING and CAST it");
        }
    }

    /** The distinct keys of an object in order of first occurrence, as ARRAY&lt;STRING&gt;. */
    public static ValueReader keys() {
        return parser -> {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return null;
            }
            Set<StringData> keys = new LinkedHashSet<>();
            for (JsonToken token = JsonParsers.next(parser);
                    token == JsonToken.FIELD_NAME;
                    token = JsonParsers.next(parser)) {
                keys.add(StringData.fromString(parser.currentName()));
                JsonParsers.next(parser);
                parser.skipChildren();
            }
            return new GenericArrayData(keys.toArray());
        };
    }

    /**
     * The kind of the value as JSON spells it: OBJECT, ARRAY, STRING, INTEGER (a number without
     * fraction or exponent), DOUBLE (any other number), BOOLEAN or NULL.
     */
    public static ValueReader jsonType() {
        // One set of names per reader: a StringData materializes its bytes lazily, so a set
        // shared by every task of the JVM would be written from several threads.
        StringData[] names = typeNames();
        return parser -> {
            JsonToken token = parser.currentToken();
            parser.skipChildren();
            return names[token.ordinal()];
        };
    }

    /**
     * The length of the value, as INT: an array's elements, an object's distinct keys, 1 for a
     * scalar (JSON null included).
     */
    public static ValueReader length() {
        return parser -> {
            JsonToken start = parser.currentToken();
            if (start == JsonToken.START_ARRAY) {
                return arrayLength().read(parser);
            }
            if (start != JsonToken.START_OBJECT) {
                return 1;
            }
            Set<String> keys = new HashSet<>();
            for (JsonToken token = JsonParsers.next(parser);
                    token == JsonToken.FIELD_NAME;
                    token = JsonParsers.next(parser)) {
                keys.add(parser.currentName());
                JsonParsers.next(parser);
                parser.skipChildren();
            }
            return keys.size();
        };
    }

    /** The number of elements of an array, as INT. */
    public static ValueReader arrayLength() {
        return parser -> {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                parser.skipChildren();
                return null;
            }
            int length = 0;
            for (JsonToken token = JsonParsers.next(parser);
                    token != JsonToken.END_ARRAY;
                    token = JsonParsers.next(parser)) {
                parser.skipChildren();
                length++;
            }
            return length;
        };
    }

    private static Long integral(JsonParser parser, long min, long max) throws java.io.IOException {
        return Numbers.integral(JsonScalar.read(parser), min, max);
    }

    private static Object narrow(Long value, LogicalType type) {
        if (value == null) {
            return null;
        }
        if (type.is(LogicalTypeRoot.TINYINT)) {
            return value.byteValue();
        }
        if (type.is(LogicalTypeRoot.SMALLINT)) {
            return value.shortValue();
        }
        return value.intValue();
    }

    private static Float toFloat(Double value) {
        if (value == null) {
            return null;
        }
        float narrowed = value.floatValue();
        return Float.isInfinite(narrowed) && !value.isInfinite() ? null : narrowed;
    }

    private static Object bool(JsonScalar scalar) {
        if (scalar.wrapper != null) {
            return null;
        }
        if (scalar.kind == JsonScalar.Kind.BOOLEAN) {
            return Boolean.parseBoolean(scalar.text);
        }
        if (scalar.kind == JsonScalar.Kind.STRING) {
            String text = scalar.text.trim();
            if (text.equalsIgnoreCase("true")) {
                return true;
            }
            if (text.equalsIgnoreCase("false")) {
                return false;
            }
        }
        return null;
    }

    private static ValidationException unsupported(LogicalType type, String fix) {
        return new ValidationException(
                String.format("JSON cannot be read as %s: %s.", type.asSummaryString(), fix));
    }
}
