package io.github.flinkpack.redis.serialization;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.MultisetType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Reads what {@link JsonWriter} writes back into internal values: JSON arrays as ARRAY, objects as
 * ROW (fields by name; missing ones NULL) or MAP/MULTISET (keys read as text), scalars as their
 * column types, with strings holding what the writer renders as text (DECIMAL, dates, NaN).
 */
final class JsonValues {

    private JsonValues() {}

    static Object read(LogicalType type, JsonElement json) {
        if (json == null || json.isJsonNull()) {
            return null;
        }
        switch (type.getTypeRoot()) {
            case ARRAY:
                return readArray(((ArrayType) type).getElementType(), array(json, type));
            case MAP:
                MapType map = (MapType) type;
                return readMap(map.getKeyType(), map.getValueType(), object(json, type));
            case MULTISET:
                return readMap(
                        ((MultisetType) type).getElementType(),
                        new org.apache.flink.table.types.logical.IntType(),
                        object(json, type));
            case ROW:
                return readRow((RowType) type, object(json, type));
            default:
                if (!json.isJsonPrimitive()) {
                    throw new IllegalArgumentException(
                            "a JSON " + kind(json) + " where " + type.asSummaryString() + " is");
                }
                JsonPrimitive primitive = json.getAsJsonPrimitive();
                return FieldParser.fromText(type, primitive.getAsString());
        }
    }

    /** A JSON object as the named columns of a row: missing fields are NULL. */
    static void readColumns(
            JsonElement json, String[] names, LogicalType[] types, Object[] out, int[] at) {
        JsonObject object = object(json, null);
        for (int i = 0; i < names.length; i++) {
            out[at[i]] = read(types[i], object.get(names[i]));
        }
    }

    private static GenericArrayData readArray(LogicalType element, JsonArray array) {
        Object[] values = new Object[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = read(element, array.get(i));
        }
        return new GenericArrayData(values);
    }

    private static GenericMapData readMap(LogicalType key, LogicalType value, JsonObject object) {
        Map<Object, Object> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            entries.put(FieldParser.fromText(key, entry.getKey()), read(value, entry.getValue()));
        }
        return new GenericMapData(entries);
    }

    private static GenericRowData readRow(RowType type, JsonObject object) {
        List<RowType.RowField> fields = type.getFields();
        GenericRowData row = new GenericRowData(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            row.setField(i, read(fields.get(i).getType(), object.get(fields.get(i).getName())));
        }
        return row;
    }

    private static JsonArray array(JsonElement json, LogicalType type) {
        if (!json.isJsonArray()) {
            throw new IllegalArgumentException(
                    "a JSON " + kind(json) + " where " + type.asSummaryString() + " is");
        }
        return json.getAsJsonArray();
    }

    private static JsonObject object(JsonElement json, LogicalType type) {
        if (!json.isJsonObject()) {
            throw new IllegalArgumentException(
                    "a JSON "
                            + kind(json)
                            + " where "
                            + (type == null
                                    ? "an object of the value columns"
                                    : type.asSummaryString())
                            + " is");
        }
        return json.getAsJsonObject();
    }

    private static String kind(JsonElement json) {
        if (json.isJsonArray()) {
            return "array";
        }
        if (json.isJsonObject()) {
            return "object";
        }
        return json.isJsonNull() ? "null" : "scalar";
    }
}
