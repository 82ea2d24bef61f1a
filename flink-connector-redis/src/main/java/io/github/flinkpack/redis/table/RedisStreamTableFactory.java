package io.github.flinkpack.redis.table;

import static io.github.flinkpack.redis.table.RedisConnectorOptions.*;
import static io.github.flinkpack.redis.table.RedisStreamOptions.*;
import static io.github.flinkpack.redis.table.TableErrors.error;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.StreamBoundedMode;
import io.github.flinkpack.redis.config.StreamStartupMode;
import io.github.flinkpack.redis.serialization.FieldParser;
import io.github.flinkpack.redis.stream.StreamReadSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * {@code 'connector' = 'redis-stream'}: Redis Streams read as an append-only table, see {@link
 * RedisStreamTableSource}. Connects with the same options as {@code 'connector' = 'redis'}.
 */
public final class RedisStreamTableFactory implements DynamicTableSourceFactory {

    public static final String IDENTIFIER = "redis-stream";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(STREAM);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options = new LinkedHashSet<>(CONNECTION);
        options.addAll(
                Arrays.asList(
                        GROUP_NAME,
                        GROUP_CONSUMER,
                        SCAN_STARTUP_MODE,
                        SCAN_STARTUP_TIMESTAMP_MILLIS,
                        SCAN_BOUNDED_MODE,
                        SCAN_READ_COUNT,
                        SCAN_POLL_INTERVAL,
                        RedisStreamOptions.VALUE_FORMAT,
                        VALUE_FIELD,
                        SCAN_ON_PARSE_ERROR));
        return options;
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        DecodingFormat<DeserializationSchema<RowData>> format =
                helper.discoverOptionalDecodingFormat(
                                DeserializationFormatFactory.class, RedisStreamOptions.VALUE_FORMAT)
                        .orElse(null);
        helper.validate();
        ReadableConfig options = helper.getOptions();
        String table = context.getObjectIdentifier().asSummaryString();
        RedisConnectionConfig connection = RedisConnectionSettings.from(table, options);
        ResolvedSchema schema = context.getCatalogTable().getResolvedSchema();
        if (format == null) {
            for (Column column : schema.getColumns()) {
                LogicalType type = column.getDataType().getLogicalType();
                if (column.isPhysical() && !FieldParser.canRead(type)) {
                    throw error(
                            table,
                            "column '"
                                    + column.getName()
                                    + "' is "
                                    + type.asSummaryString()
                                    + ", which an entry field cannot be read as; use another type"
                                    + " or 'value.format'.");
                }
            }
        }
        return new RedisStreamTableSource(
                connection, settings(table, options), schema, format, options.get(VALUE_FIELD));
    }

    private static StreamReadSettings settings(String table, ReadableConfig options) {
        List<String> streams = new ArrayList<>();
        for (String part : options.get(STREAM).split(";")) {
            if (!part.trim().isEmpty()) {
                streams.add(part.trim());
            }
        }
        if (streams.isEmpty()) {
            throw error(table, "'stream' = '" + options.get(STREAM) + "' names no stream.");
        }
        String group = options.getOptional(GROUP_NAME).orElse(null);
        StreamStartupMode startup =
                options.getOptional(SCAN_STARTUP_MODE)
                        .orElse(
                                group != null
                                        ? StreamStartupMode.GROUP_OFFSETS
                                        : StreamStartupMode.EARLIEST);
        if (startup == StreamStartupMode.GROUP_OFFSETS && group == null) {
            throw error(
                    table,
                    "'scan.startup.mode' = 'group-offsets' needs 'group.name': set the consumer"
                            + " group, or start from 'earliest', 'latest' or 'timestamp'.");
        }
        Long timestamp = options.getOptional(SCAN_STARTUP_TIMESTAMP_MILLIS).orElse(null);
        if (startup == StreamStartupMode.TIMESTAMP && timestamp == null) {
            throw error(
                    table,
                    "'scan.startup.mode' = 'timestamp' needs 'scan.startup.timestamp-millis'.");
        }
        StreamBoundedMode bounded = options.get(SCAN_BOUNDED_MODE);
        if (bounded == StreamBoundedMode.LATEST && group != null) {
            throw error(
                    table,
                    "'scan.bounded.mode' = 'latest' reads without a consumer group (a group would"
                            + " be left with entries delivered past the end): remove 'group.name'"
                            + " or read unbounded.");
        }
        if (options.get(SCAN_READ_COUNT) <= 0) {
            throw error(
                    table,
                    "'scan.read.count' = '" + options.get(SCAN_READ_COUNT) + "' must be positive.");
        }
        return new StreamReadSettings(
                table,
                streams,
                group,
                options.get(GROUP_CONSUMER),
                startup,
                timestamp == null ? 0L : timestamp,
                bounded,
                options.get(SCAN_READ_COUNT),
                options.get(SCAN_POLL_INTERVAL).toMillis(),
                options.get(SCAN_ON_PARSE_ERROR));
    }
}
