package io.github.flinkpack.debezium.decode;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;

/** One change event, whatever envelope it came in: the parts that rows and metadata come from. */
final class DebeziumEvent {

    /** The op code as written (c, r, u, d, t, m, ...); null when the event has none. */
    final String op;

    /** The row images; null when absent or JSON null. Textual for MongoDB events. */
    final JsonNode before;

    final JsonNode after;

    /** The {@code source} block (for flattened records, built from the __source_* fields). */
    final JsonNode source;

    final JsonNode tsMs;
    final JsonNode transaction;

    /** The schema of a schema/payload envelope; null without one. */
    final JsonNode schema;

    /** A MongoDB update that carries only the changed fields (patch or updateDescription). */
    final boolean partialUpdate;

    DebeziumEvent(
            String op,
            JsonNode before,
            JsonNode after,
            JsonNode source,
            JsonNode tsMs,
            JsonNode transaction,
            JsonNode schema,
            boolean partialUpdate) {
        this.op = op;
        this.before = before;
        this.after = after;
        this.source = source;
        this.tsMs = tsMs;
        this.transaction = transaction;
        this.schema = schema;
        this.partialUpdate = partialUpdate;
    }

    /** A field of the source block, or null. */
    JsonNode sourceField(String name) {
        return source == null ? null : present(source.get(name));
    }

    static JsonNode present(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }
}
