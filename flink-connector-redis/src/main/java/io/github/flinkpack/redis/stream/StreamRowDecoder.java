package io.github.flinkpack.redis.stream;

import io.github.flinkpack.redis.config.ParseErrorPolicy;
import io.github.flinkpack.redis.serialization.FieldParser;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.utils.JoinedRowData;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * An entry as a row: each physical column from the entry field of its name, parsed from the text
 * the sink writes (a missing field is NULL), or, with {@code value.format}, the whole physical row
 * from one field by that format; then the metadata columns the table declares.
 */
public final class StreamRowDecoder implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The metadata a table may declare: {@code stream}, {@code id}, {@code timestamp}. */
    public enum Metadata {
        STREAM,
        ID,
        TIMESTAMP
    }

    private final String tableName;
    private final String[] names;
    private final byte[][] nameBytes;
    private final LogicalType[] types;
    private final FieldParser[] parsers;
    private final DeserializationSchema<RowData> format;
    private final byte[] formatField;
    private final List<Metadata> metadata;
    private final ParseErrorPolicy onParseError;
    private transient Counter parseErrors;

    public StreamRowDecoder(
            String tableName,
            String[] names,
            LogicalType[] types,
            DeserializationSchema<RowData> format,
            String formatField,
            List<Metadata> metadata,
            ParseErrorPolicy onParseError) {
        this.tableName = tableName;
        this.names = names;
        this.types = types;
        this.nameBytes = new byte[names.length][];
        this.parsers = new FieldParser[names.length];
        for (int i = 0; i < names.length; i++) {
            nameBytes[i] = names[i].getBytes(StandardCharsets.UTF_8);
            parsers[i] = new FieldParser(types[i]);
        }
        this.format = format;
        this.formatField =
                formatField == null ? null : formatField.getBytes(StandardCharsets.UTF_8);
        this.metadata = List.copyOf(metadata);
        this.onParseError = onParseError;
    }

    void open(DeserializationSchema.InitializationContext context, Counter parseErrors)
            throws Exception {
        this.parseErrors = parseErrors;
        if (format != null) {
            format.open(context);
        }
    }

    /** The row, or null when the format drops the entry (e.g. its ignore-parse-errors). */
    RowData decode(StreamEntry entry) throws IOException {
        RowData physical = format == null ? fields(entry) : formatted(entry);
        if (physical == null) {
            return null;
        }
        if (metadata.isEmpty()) {
            return physical;
        }
        GenericRowData extra = new GenericRowData(metadata.size());
        for (int i = 0; i < metadata.size(); i++) {
            switch (metadata.get(i)) {
                case STREAM:
                    extra.setField(i, StringData.fromString(entry.stream));
                    break;
                case ID:
                    extra.setField(i, StringData.fromString(entry.id));
                    break;
                default:
                    extra.setField(i, TimestampData.fromEpochMillis(StreamIds.millis(entry.id)));
            }
        }
        return new JoinedRowData(physical.getRowKind(), physical, extra);
    }

    private RowData fields(StreamEntry entry) {
        GenericRowData row = new GenericRowData(names.length);
        List<byte[]> parts = entry.fieldsAndValues;
        for (int p = 0; p + 1 < parts.size(); p += 2) {
            for (int c = 0; c < names.length; c++) {
                if (Arrays.equals(parts.get(p), nameBytes[c])) {
                    row.setField(c, parse(c, parts.get(p + 1), entry));
                    break;
                }
            }
        }
        return row;
    }

    private Object parse(int column, byte[] value, StreamEntry entry) {
        try {
            return parsers[column].fromValue(value);
        } catch (RuntimeException e) {
            if (onParseError == ParseErrorPolicy.NULL) {
                parseErrors.inc();
                return null;
            }
            throw new IllegalArgumentException(
                    String.format(
                            "Redis table '%s': field '%s' of entry %s in stream '%s' is '%s',"
                                    + " which does not read as the column's type (%s). Fix the"
                                    + " producer, declare the column as STRING, or set"
                                    + " 'scan.on-parse-error' = 'null' to read it as NULL (counted"
                                    + " in numParseErrors).",
                            tableName,
                            names[column],
                            entry.id,
                            entry.stream,
                            new String(value, StandardCharsets.UTF_8),
                            e.getMessage()),
                    e);
        }
    }

    private RowData formatted(StreamEntry entry) throws IOException {
        List<byte[]> parts = entry.fieldsAndValues;
        for (int p = 0; p + 1 < parts.size(); p += 2) {
            if (Arrays.equals(parts.get(p), formatField)) {
                try {
                    return format.deserialize(parts.get(p + 1));
                } catch (IOException | RuntimeException e) {
                    if (onParseError == ParseErrorPolicy.NULL) {
                        parseErrors.inc();
                        return null;
                    }
                    throw new IOException(
                            String.format(
                                    "Redis table '%s': field '%s' of entry %s in stream '%s' does"
                                            + " not read with 'value.format': %s. Set"
                                            + " 'scan.on-parse-error' = 'null' to skip such"
                                            + " entries (counted in numParseErrors).",
                                    tableName,
                                    formatFieldName(),
                                    entry.id,
                                    entry.stream,
                                    e.getMessage()),
                            e);
                }
            }
        }
        throw new IOException(
                String.format(
                        "Redis table '%s': entry %s in stream '%s' has no field '%s' to read with"
                                + " 'value.format'. Set 'value.field' to the field that holds the"
                                + " encoded row.",
                        tableName, entry.id, entry.stream, formatFieldName()));
    }

    private String formatFieldName() {
        return formatField == null ? null : new String(formatField, StandardCharsets.UTF_8);
    }
}
