package io.github.flinkpack.debezium.decode;

import io.github.flinkpack.debezium.format.DebeziumExtOptions.Envelope;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Finds the change event in a parsed record: a Debezium envelope with or without the schema/payload
 * wrapper (told apart per record), or a flattened ExtractNewRecordState record.
 */
final class EnvelopeReader {

    private static final String FLATTENED_PREFIX = "__";
    private static final String FLATTENED_SOURCE_PREFIX = "__source_";

    private EnvelopeReader() {}

    static DebeziumEvent read(JsonNode root, Envelope envelope) throws CorruptRecordException {
        if (!root.isObject()) {
            throw new CorruptRecordException("the record is JSON but not an object");
        }
        JsonNode schema = null;
        JsonNode payload = root;
        JsonNode wrapped = root.get("payload");
        if (wrapped != null && wrapped.isObject() && !root.has("op") && !root.has("__op")) {
            schema = DebeziumEvent.present(root.get("schema"));
            payload = wrapped;
        }
        return envelope == Envelope.FLATTENED
                ? flattened(payload, schema)
                : change(payload, schema);
    }

    private static DebeziumEvent change(JsonNode payload, JsonNode schema)
            throws CorruptRecordException {
        JsonNode op = DebeziumEvent.present(payload.get("op"));
        JsonNode before = DebeziumEvent.present(payload.get("before"));
        JsonNode after = DebeziumEvent.present(payload.get("after"));
        if (op == null && before == null && after == null && !payload.has("after")) {
            throw new CorruptRecordException(
                    "no 'op', 'before' or 'after' field: not a Debezium change event (records of"
                            + " ExtractNewRecordState need 'debezium-json-ext.envelope' ="
                            + " 'flattened')");
        }
        if (op != null && !op.isTextual()) {
            throw new CorruptRecordException("'op' is not a string: " + op);
        }
        return new DebeziumEvent(
                op == null ? null : op.asText(),
                before,
                after,
                DebeziumEvent.present(payload.get("source")),
                DebeziumEvent.present(payload.get("ts_ms")),
                DebeziumEvent.present(payload.get("transaction")),
                schema,
                DebeziumEvent.present(payload.get("patch")) != null
                        || DebeziumEvent.present(payload.get("updateDescription")) != null);
    }

    private static DebeziumEvent flattened(JsonNode row, JsonNode schema) {
        JsonNode deleted = DebeziumEvent.present(row.get("__deleted"));
        boolean isDelete =
                deleted != null && (deleted.asBoolean(false) || "true".equals(deleted.asText()));
        JsonNode opNode = DebeziumEvent.present(row.get("__op"));
        String op = isDelete ? "d" : opNode == null ? "c" : opNode.asText();
        ObjectNode source = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (name.startsWith(FLATTENED_SOURCE_PREFIX)) {
                source.set(name.substring(FLATTENED_SOURCE_PREFIX.length()), field.getValue());
            } else if (name.equals("__table")
                    || name.equals("__db")
                    || name.equals("__schema")
                    || name.equals("__collection")) {
                source.set(name.substring(FLATTENED_PREFIX.length()), field.getValue());
            }
        }
        return new DebeziumEvent(
                op,
                "d".equals(op) ? row : null,
                "d".equals(op) ? null : row,
                source.isEmpty() ? null : source,
                DebeziumEvent.present(row.get("__ts_ms")),
                null,
                schema,
                false);
    }
}
