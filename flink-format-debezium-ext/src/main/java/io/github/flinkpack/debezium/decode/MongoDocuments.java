package io.github.flinkpack.debezium.decode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ArrayNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;

/**
 * MongoDB extended JSON (relaxed and canonical) turned into the plain JSON that Flink's JSON
 * conversions read, guided by the column types: {@code $oid} and the {@code $number*} wrappers
 * become their content (a string, which numeric columns parse), {@code $date} becomes epoch
 * milliseconds for BIGINT columns and timestamp text in the configured format for TIMESTAMP,
 * TIMESTAMP_LTZ and DATE columns, and nested documents and arrays are walked alongside ROW, MAP and
 * ARRAY types.
 */
final class MongoDocuments {

    private static final Set<String> CONTENT_WRAPPERS =
            Set.of(
                    "$oid",
                    "$symbol",
                    "$numberLong",
                    "$numberInt",
                    "$numberDouble",
                    "$numberDecimal");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final TimestampFormat timestampFormat;

    MongoDocuments(TimestampFormat timestampFormat) {
        this.timestampFormat = timestampFormat;
    }

    JsonNode normalize(JsonNode node, LogicalType type) throws CorruptRecordException {
        if (node == null || node.isNull()) {
            return node;
        }
        if (node.isObject() && node.size() == 1) {
            String name = node.fieldNames().next();
            JsonNode content = node.get(name);
            if (CONTENT_WRAPPERS.contains(name) && content.isValueNode()) {
                return content;
            }
            if (name.equals("$date")) {
                return date(instant(content), type);
            }
        }
        switch (type.getTypeRoot()) {
            case ROW:
                return node.isObject() ? row((ObjectNode) node, (RowType) type) : node;
            case ARRAY:
                if (!node.isArray()) {
                    return node;
                }
                ArrayNode elements = NODES.arrayNode(node.size());
                for (JsonNode element : node) {
                    elements.add(normalize(element, ((ArrayType) type).getElementType()));
                }
                return elements;
            case MAP:
                if (!node.isObject()) {
                    return node;
                }
                ObjectNode values = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    values.set(
                            entry.getKey(),
                            normalize(entry.getValue(), ((MapType) type).getValueType()));
                }
                return values;
            default:
                return node;
        }
    }

    private ObjectNode row(ObjectNode node, RowType type) throws CorruptRecordException {
        ObjectNode row = NODES.objectNode();
        for (RowType.RowField field : type.getFields()) {
            JsonNode value = node.get(field.getName());
            if (value != null) {
                row.set(field.getName(), normalize(value, field.getType()));
            }
        }
        return row;
    }

    private static Instant instant(JsonNode content) throws CorruptRecordException {
        JsonNode value = content;
        if (value.isObject() && value.size() == 1 && value.has("$numberLong")) {
            value = value.get("$numberLong");
        }
        try {
            if (value.isIntegralNumber()) {
                return Instant.ofEpochMilli(value.asLong());
            }
            if (value.isTextual()) {
                String text = value.asText();
                return text.matches("-?\\d+")
                        ? Instant.ofEpochMilli(Long.parseLong(text))
                        : DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new CorruptRecordException("unreadable MongoDB $date: " + content, e);
        }
        throw new CorruptRecordException("unreadable MongoDB $date: " + content);
    }

    private JsonNode date(Instant instant, LogicalType type) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        String separator = timestampFormat == TimestampFormat.ISO_8601 ? "T" : " ";
        String wallTime =
                utc.toLocalDate()
                        + separator
                        + DateTimeFormatter.ofPattern("HH:mm:ss.SSS").format(utc.toLocalTime());
        switch (type.getTypeRoot()) {
            case BIGINT:
                return NODES.numberNode(instant.toEpochMilli());
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return NODES.textNode(wallTime);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return NODES.textNode(wallTime + "Z");
            case DATE:
                return NODES.textNode(utc.toLocalDate().toString());
            default:
                return NODES.textNode(instant.toString());
        }
    }
}
