package io.github.flinkpack.debezium.encode;

import io.github.flinkpack.debezium.format.DebeziumExtOptions.UpdateBefore;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.formats.json.RowDataToJsonConverters.RowDataToJsonConverter;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

/**
 * Rows to Debezium change events that Debezium consumers read: INSERT as {@code c} (after),
 * UPDATE_AFTER as {@code u} (after, no before: an upsert by key), DELETE as {@code d} (before).
 * With {@code encode.update-before = 'as-delete'}, UPDATE_BEFORE is a {@code d} and the
 * UPDATE_AFTER after it a {@code c}. Each event carries {@code ts_ms}, the time it was written.
 */
public final class DebeziumExtSerializationSchema implements SerializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    private final RowType rowType;
    private final EncodingSettings settings;

    private transient ObjectMapper mapper;
    private transient RowDataToJsonConverter converter;

    public DebeziumExtSerializationSchema(RowType rowType, EncodingSettings settings) {
        this.rowType = rowType;
        this.settings = settings;
    }

    @Override
    public void open(InitializationContext context) {
        mapper = new ObjectMapper();
        converter =
                JsonConverters.create(
                        rowType,
                        mapper,
                        settings.timestampFormat,
                        settings.mapNullKeyMode,
                        settings.mapNullKeyLiteral,
                        settings.decimalAsPlainNumber);
    }

    @Override
    public byte[] serialize(RowData row) {
        if (mapper == null) {
            open(null);
        }
        ObjectNode event = mapper.createObjectNode();
        JsonNode image = converter.convert(mapper, null, row);
        RowKind kind = row.getRowKind();
        boolean removal =
                kind == RowKind.DELETE
                        || (kind == RowKind.UPDATE_BEFORE
                                && settings.updateBefore == UpdateBefore.AS_DELETE);
        if (kind == RowKind.UPDATE_BEFORE && !removal) {
            // The format declares no UPDATE_BEFORE, so the planner never sends one.
            throw new IllegalStateException(
                    "debezium-json-ext got an UPDATE_BEFORE row with encode.update-before = 'skip'");
        }
        event.set("before", removal ? image : mapper.nullNode());
        event.set("after", removal ? mapper.nullNode() : image);
        // With UPDATE_BEFORE written as a delete, the UPDATE_AFTER that follows is a create:
        // a retract stream of d/c pairs that every Debezium consumer reads.
        boolean create =
                kind == RowKind.INSERT
                        || (kind == RowKind.UPDATE_AFTER
                                && settings.updateBefore == UpdateBefore.AS_DELETE);
        event.put("op", removal ? "d" : create ? "c" : "u");
        event.put("ts_ms", System.currentTimeMillis());
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a Debezium event for " + row, e);
        }
    }
}
