package io.github.flinkpack.debezium.decode;

import io.github.flinkpack.debezium.format.DebeziumExtOptions.ChangelogMode;
import io.github.flinkpack.debezium.format.DebeziumExtOptions.Envelope;
import io.github.flinkpack.debezium.format.DebeziumExtOptions.OnError;
import io.github.flinkpack.debezium.format.DebeziumExtOptions.UnknownOp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.json.JsonToRowDataConverters;
import org.apache.flink.formats.json.JsonToRowDataConverters.JsonToRowDataConverter;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.DeserializationFeature;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;

/**
 * Debezium change events to rows: the physical columns from {@code before}/{@code after} (read with
 * the same conversions as debezium-json, after MongoDB extended JSON is made plain), then the
 * requested metadata columns.
 */
public final class DebeziumExtDeserializationSchema implements DeserializationSchema<RowData> {

    private static final long serialVersionUID = 1L;
    private static final int QUOTED_BYTES = 200;

    /** What the decoder does; everything the factory validated. */
    public static final class Settings implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        final String table;
        final Set<String> ops;
        final UnknownOp unknownOp;
        final ChangelogMode changelogMode;
        final Envelope envelope;
        final OnError onError;
        final TimestampFormat timestampFormat;

        public Settings(
                String table,
                Set<String> ops,
                UnknownOp unknownOp,
                ChangelogMode changelogMode,
                Envelope envelope,
                OnError onError,
                TimestampFormat timestampFormat) {
            this.table = table;
            this.ops = ops;
            this.unknownOp = unknownOp;
            this.changelogMode = changelogMode;
            this.envelope = envelope;
            this.onError = onError;
            this.timestampFormat = timestampFormat;
        }

        /** The ops that become rows; null for all. */
        public Set<String> ops() {
            return ops;
        }

        public ChangelogMode changelogMode() {
            return changelogMode;
        }
    }

    private final RowType physicalType;
    private final List<ReadableMetadata> metadata;
    private final TypeInformation<RowData> producedType;
    private final Settings settings;

    private transient ObjectMapper mapper;
    private transient JsonToRowDataConverter rowConverter;
    private transient MongoDocuments mongo;
    private transient SkippedRecords skipped;

    public DebeziumExtDeserializationSchema(
            RowType physicalType,
            List<ReadableMetadata> metadata,
            TypeInformation<RowData> producedType,
            Settings settings) {
        this.physicalType = physicalType;
        this.metadata = metadata;
        this.producedType = producedType;
        this.settings = settings;
    }

    @Override
    public void open(InitializationContext context) {
        mapper =
                new ObjectMapper()
                        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        rowConverter =
                new JsonToRowDataConverters(false, false, settings.timestampFormat)
                        .createRowConverter(physicalType);
        mongo = new MongoDocuments(settings.timestampFormat);
        skipped = new SkippedRecords(settings.table, context.getMetricGroup());
    }

    @Override
    public RowData deserialize(byte[] message) {
        throw new UnsupportedOperationException(
                "A Debezium update becomes two rows: use deserialize(byte[], Collector)");
    }

    @Override
    public void deserialize(byte[] message, Collector<RowData> out) throws IOException {
        if (message == null || message.length == 0) {
            skipped.skip(SkippedRecords.Reason.TOMBSTONE, "");
            return;
        }
        List<RowData> rows = new ArrayList<>(2);
        try {
            decode(message, rows);
        } catch (CorruptRecordException | IOException | RuntimeException e) {
            if (e instanceof UnknownOpFailure) {
                throw (UnknownOpFailure) e;
            }
            if (settings.onError == OnError.SKIP) {
                skipped.skip(
                        SkippedRecords.Reason.CORRUPT, reason(e) + "; record: " + quote(message));
                return;
            }
            throw new IOException(
                    String.format(
                            "debezium-json-ext in table %s cannot decode a record: %s. The record"
                                    + " (first %d bytes): %s. To skip such records, counted in"
                                    + " metric debeziumCorruptRecordsSkipped, set"
                                    + " '[value.]debezium-json-ext.on-error' = 'skip'.",
                            settings.table, reason(e), QUOTED_BYTES, quote(message)),
                    e);
        }
        // Outside the try: a failure downstream is not this record's fault.
        for (RowData row : rows) {
            out.collect(row);
        }
    }

    private void decode(byte[] message, List<RowData> rows)
            throws IOException, CorruptRecordException {
        DebeziumEvent event = EnvelopeReader.read(mapper.readTree(message), settings.envelope);
        String op = event.op;
        if (!isRowChange(op)) {
            if (settings.unknownOp == UnknownOp.FAIL) {
                throw new UnknownOpFailure(
                        String.format(
                                "debezium-json-ext in table %s: op %s is not c, r, u or d. To skip"
                                        + " such records (counted in metric"
                                        + " debeziumUnknownOpsSkipped), set"
                                        + " '[value.]debezium-json-ext.unknown-op' = 'skip'.",
                                settings.table, op == null ? "(missing)" : "'" + op + "'"));
            }
            skipped.skip(SkippedRecords.Reason.UNKNOWN_OP, "op " + op + ": " + quote(message));
            return;
        }
        if (settings.ops != null && !settings.ops.contains(op)) {
            skipped.skip(SkippedRecords.Reason.FILTERED_OP, op);
            return;
        }
        if (settings.changelogMode == ChangelogMode.APPEND) {
            JsonNode image = op.equals("d") ? event.before : required(event.after, "after", op);
            rows.add(row(RowKind.INSERT, image, event));
            return;
        }
        boolean upsert = settings.changelogMode == ChangelogMode.UPSERT;
        switch (op) {
            case "c":
            case "r":
                rows.add(row(RowKind.INSERT, required(event.after, "after", op), event));
                break;
            case "u":
                if (event.after == null && event.partialUpdate) {
                    throw new CorruptRecordException(
                            "a MongoDB update event with only 'patch'/'updateDescription' and no"
                                    + " full document: a partial update cannot become a row."
                                    + " Configure the Debezium MongoDB connector with"
                                    + " 'capture.mode' = 'change_streams_update_full'");
                }
                if (!upsert) {
                    JsonNode before =
                            Objects.requireNonNullElseGet(event.before, () -> missingBefore("u"));
                    rows.add(row(RowKind.UPDATE_BEFORE, before, event));
                }
                rows.add(row(RowKind.UPDATE_AFTER, required(event.after, "after", op), event));
                break;
            default: // "d"
                if (event.before == null && !upsert) {
                    missingBefore("d");
                }
                rows.add(row(RowKind.DELETE, event.before, event));
        }
    }

    /** unknown-op = 'fail': fails the job whatever on-error says. */
    private static final class UnknownOpFailure extends IOException {
        private static final long serialVersionUID = 1L;

        UnknownOpFailure(String message) {
            super(message);
        }
    }

    private static boolean isRowChange(String op) {
        return "c".equals(op) || "r".equals(op) || "u".equals(op) || "d".equals(op);
    }

    private static JsonNode required(JsonNode image, String field, String op)
            throws CorruptRecordException {
        if (image == null) {
            throw new CorruptRecordException(
                    "'" + field + "' is missing or null in an event with op '" + op + "'");
        }
        return image;
    }

    private JsonNode missingBefore(String op) {
        throw new IllegalStateException(
                String.format(
                        "'before' is null in an event with op '%s': the source does not send the"
                                + " old row (Postgres without REPLICA IDENTITY FULL, MongoDB"
                                + " without pre-images). Set '[value.]debezium-json-ext"
                                + ".changelog-mode' = 'upsert' and declare a PRIMARY KEY",
                        op));
    }

    private RowData row(RowKind kind, JsonNode image, DebeziumEvent event)
            throws IOException, CorruptRecordException {
        GenericRowData row =
                new GenericRowData(kind, physicalType.getFieldCount() + metadata.size());
        if (image != null) {
            JsonNode plain = image;
            if (image.isTextual()) {
                // MongoDB: the document is a string of extended JSON.
                plain = mongo.normalize(mapper.readTree(image.asText()), physicalType);
            }
            if (!plain.isObject()) {
                throw new CorruptRecordException("the row image is not an object: " + plain);
            }
            GenericRowData physical = (GenericRowData) rowConverter.convert(plain);
            for (int i = 0; i < physicalType.getFieldCount(); i++) {
                row.setField(i, physical.getField(i));
            }
        }
        for (int i = 0; i < metadata.size(); i++) {
            row.setField(physicalType.getFieldCount() + i, metadata.get(i).read(event));
        }
        return row;
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.split("\n", 2)[0];
    }

    private static String quote(byte[] message) {
        int length = Math.min(message.length, QUOTED_BYTES);
        String text = new String(message, 0, length, StandardCharsets.UTF_8);
        return "'" + text + "'" + (message.length > length ? "..." : "");
    }

    @Override
    public boolean isEndOfStream(RowData nextElement) {
        return false;
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }
}
