package io.github.flinkpack.redis.serialization;

import java.io.Serializable;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.MultisetType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Compact JSON for an internal value of a given type: numbers and booleans bare, other scalars as
 * strings, ARRAY as an array, MAP/MULTISET and ROW as objects. NaN and infinities, which JSON
 * cannot hold, become strings.
 */
public final class JsonWriter implements Serializable {

    private static final long serialVersionUID = 1L;

    private final LogicalType type;

    public JsonWriter(LogicalType type) {
        this.type = type;
    }

    public String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, type, value);
        return out.toString();
    }

    /** A JSON object of named fields of a row, read with the given getters. */
    public static String writeObject(
            RowData row, String[] names, LogicalType[] types, RowData.FieldGetter[] getters) {
        StringBuilder out = new StringBuilder().append('{');
        for (int i = 0; i < getters.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            appendString(out, names[i]);
            out.append(':');
            append(out, types[i], getters[i].getFieldOrNull(row));
        }
        return out.append('}').toString();
    }

    private static void append(StringBuilder out, LogicalType type, Object value) {
        if (value == null) {
            out.append("null");
            return;
        }
        switch (type.getTypeRoot()) {
            case BOOLEAN:
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
            case DECIMAL:
            case INTERVAL_YEAR_MONTH:
            case INTERVAL_DAY_TIME:
                out.append(FieldRenderer.toText(type, value));
                return;
            case FLOAT:
            case DOUBLE:
                double number = ((Number) value).doubleValue();
                if (Double.isNaN(number) || Double.isInfinite(number)) {
                    appendString(out, String.valueOf(value));
                } else {
                    out.append(value);
                }
                return;
            case ARRAY:
                appendArray(out, ((ArrayType) type).getElementType(), (ArrayData) value);
                return;
            case MAP:
                MapType mapType = (MapType) type;
                appendMap(out, mapType.getKeyType(), mapType.getValueType(), (MapData) value);
                return;
            case MULTISET:
                appendMap(
                        out,
                        ((MultisetType) type).getElementType(),
                        new org.apache.flink.table.types.logical.IntType(),
                        (MapData) value);
                return;
            case ROW:
                appendRow(out, (RowType) type, (RowData) value);
                return;
            default:
                appendString(out, FieldRenderer.toText(type, value));
        }
    }

    private static void appendArray(StringBuilder out, LogicalType elementType, ArrayData array) {
        ArrayData.ElementGetter getter = ArrayData.createElementGetter(elementType);
        out.append('[');
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            append(out, elementType, getter.getElementOrNull(array, i));
        }
        out.append(']');
    }

    private static void appendMap(
            StringBuilder out, LogicalType keyType, LogicalType valueType, MapData map) {
        ArrayData keys = map.keyArray();
        ArrayData values = map.valueArray();
        ArrayData.ElementGetter keyGetter = ArrayData.createElementGetter(keyType);
        ArrayData.ElementGetter valueGetter = ArrayData.createElementGetter(valueType);
        out.append('{');
        for (int i = 0; i < map.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object key = keyGetter.getElementOrNull(keys, i);
            appendString(out, key == null ? "null" : FieldRenderer.toText(keyType, key));
            out.append(':');
            append(out, valueType, valueGetter.getElementOrNull(values, i));
        }
        out.append('}');
    }

    private static void appendRow(StringBuilder out, RowType rowType, RowData row) {
        out.append('{');
        for (int i = 0; i < rowType.getFieldCount(); i++) {
            if (i > 0) {
                out.append(',');
            }
            LogicalType fieldType = rowType.getTypeAt(i);
            appendString(out, rowType.getFieldNames().get(i));
            out.append(':');
            append(out, fieldType, RowData.createFieldGetter(fieldType, i).getFieldOrNull(row));
        }
        out.append('}');
    }

    static void appendString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
