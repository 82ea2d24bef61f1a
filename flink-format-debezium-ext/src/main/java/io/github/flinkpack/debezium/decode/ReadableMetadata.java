package io.github.flinkpack.debezium.decode;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;

/**
 * The metadata columns: every key of debezium-json, plus the op code, the event's ts_ms and the
 * transaction id. Read with {@code METADATA FROM 'value.<key>'} through the Kafka connector.
 */
public enum ReadableMetadata {
    SCHEMA(
            "schema",
            DataTypes.STRING(),
            "The schema of a schema/payload envelope, as JSON; NULL without one.",
            event -> text(event.schema == null ? null : event.schema.toString())),
    OP(
            "op",
            DataTypes.STRING(),
            "The Debezium op code as written: c, r, u or d.",
            event -> text(event.op)),
    TS_MS(
            "ts_ms",
            DataTypes.BIGINT(),
            "When Debezium processed the event (payload ts_ms), epoch milliseconds.",
            event -> event.tsMs == null ? null : event.tsMs.asLong()),
    INGESTION_TIMESTAMP(
            "ingestion-timestamp",
            DataTypes.TIMESTAMP_LTZ(3),
            "When Debezium processed the event (payload ts_ms).",
            event -> millis(event.tsMs)),
    SOURCE_TIMESTAMP(
            "source.timestamp",
            DataTypes.TIMESTAMP_LTZ(3),
            "When the change was made in the database (source ts_ms).",
            event -> millis(event.sourceField("ts_ms"))),
    SOURCE_DATABASE(
            "source.database",
            DataTypes.STRING(),
            "The source database (source db).",
            event -> text(event.sourceField("db"))),
    SOURCE_SCHEMA(
            "source.schema",
            DataTypes.STRING(),
            "The source schema (Postgres, SQL Server).",
            event -> text(event.sourceField("schema"))),
    SOURCE_TABLE(
            "source.table",
            DataTypes.STRING(),
            "The source table, or the MongoDB collection.",
            event ->
                    text(
                            event.sourceField("table") != null
                                    ? event.sourceField("table")
                                    : event.sourceField("collection"))),
    SOURCE_PROPERTIES(
            "source.properties",
            DataTypes.MAP(DataTypes.STRING(), DataTypes.STRING()),
            "Every field of the source block, as text.",
            ReadableMetadata::sourceProperties),
    TRANSACTION_ID(
            "transaction.id",
            DataTypes.STRING(),
            "The transaction id, when Debezium provides transaction metadata.",
            event ->
                    event.transaction == null
                            ? null
                            : text(DebeziumEvent.present(event.transaction.get("id"))));

    private final String key;
    private final DataType dataType;
    private final String description;
    private final Function<DebeziumEvent, Object> reader;

    ReadableMetadata(
            String key,
            DataType dataType,
            String description,
            Function<DebeziumEvent, Object> reader) {
        this.key = key;
        this.dataType = dataType;
        this.description = description;
        this.reader = reader;
    }

    public String key() {
        return key;
    }

    public DataType dataType() {
        return dataType;
    }

    public String description() {
        return description;
    }

    Object read(DebeziumEvent event) {
        return reader.apply(event);
    }

    public static ReadableMetadata ofKey(String key) {
        for (ReadableMetadata metadata : values()) {
            if (metadata.key.equals(key)) {
                return metadata;
            }
        }
        throw new IllegalArgumentException("Unknown metadata key " + key);
    }

    private static StringData text(String value) {
        return value == null ? null : StringData.fromString(value);
    }

    private static StringData text(JsonNode node) {
        return node == null ? null : StringData.fromString(node.asText());
    }

    private static TimestampData millis(JsonNode node) {
        return node == null || !node.canConvertToLong()
                ? null
                : TimestampData.fromEpochMillis(node.asLong());
    }

    private static Object sourceProperties(DebeziumEvent event) {
        if (event.source == null || !event.source.isObject()) {
            return null;
        }
        Map<StringData, StringData> properties = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = event.source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            properties.put(
                    StringData.fromString(field.getKey()),
                    value.isNull()
                            ? null
                            : StringData.fromString(
                                    value.isValueNode() ? value.asText() : value.toString()));
        }
        return new GenericMapData(properties);
    }
}
