package io.github.flinkpack.redis.table;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.stream.RedisStreamSource;
import io.github.flinkpack.redis.stream.StreamReadSettings;
import io.github.flinkpack.redis.stream.StreamRowDecoder;
import io.github.flinkpack.redis.stream.StreamRowDecoder.Metadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * Redis Streams as an append-only table: a row per entry, columns from the entry's fields, and the
 * metadata {@code stream}, {@code id} and {@code timestamp} (the entry id's time; declare a
 * WATERMARK on it for event time).
 */
final class RedisStreamTableSource implements ScanTableSource, SupportsReadingMetadata {

    private final RedisConnectionConfig connection;
    private final StreamReadSettings settings;
    private final ResolvedSchema schema;
    private final DecodingFormat<DeserializationSchema<RowData>> format;
    private final String formatField;
    private List<Metadata> metadata = List.of();
    private DataType producedType;

    RedisStreamTableSource(
            RedisConnectionConfig connection,
            StreamReadSettings settings,
            ResolvedSchema schema,
            DecodingFormat<DeserializationSchema<RowData>> format,
            String formatField) {
        this.connection = connection;
        this.settings = settings;
        this.schema = schema;
        this.format = format;
        this.formatField = formatField;
        this.producedType = schema.toPhysicalRowDataType();
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        List<String> names = new ArrayList<>();
        List<LogicalType> types = new ArrayList<>();
        for (Column column : schema.getColumns()) {
            if (column.isPhysical()) {
                names.add(column.getName());
                types.add(column.getDataType().getLogicalType());
            }
        }
        DeserializationSchema<RowData> decoder =
                format == null
                        ? null
                        : format.createRuntimeDecoder(context, schema.toPhysicalRowDataType());
        StreamRowDecoder rows =
                new StreamRowDecoder(
                        settings.tableName(),
                        names.toArray(new String[0]),
                        types.toArray(new LogicalType[0]),
                        decoder,
                        format == null ? null : formatField,
                        metadata,
                        settings.onParseError());
        return SourceProvider.of(new RedisStreamSource(connection, settings, rows));
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        Map<String, DataType> readable = new LinkedHashMap<>();
        readable.put("stream", DataTypes.STRING().notNull());
        readable.put("id", DataTypes.STRING().notNull());
        readable.put("timestamp", DataTypes.TIMESTAMP_LTZ(3).notNull());
        return readable;
    }

    @Override
    public void applyReadableMetadata(List<String> keys, DataType producedDataType) {
        List<Metadata> applied = new ArrayList<>(keys.size());
        for (String key : keys) {
            applied.add(Metadata.valueOf(key.toUpperCase(Locale.ROOT)));
        }
        this.metadata = applied;
        this.producedType = producedDataType;
    }

    @Override
    public DynamicTableSource copy() {
        RedisStreamTableSource copy =
                new RedisStreamTableSource(connection, settings, schema, format, formatField);
        copy.metadata = metadata;
        copy.producedType = producedType;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "RedisStream(" + settings.streams() + " from " + connection.describe() + ")";
    }
}
