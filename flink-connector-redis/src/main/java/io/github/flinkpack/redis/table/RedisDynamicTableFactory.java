package io.github.flinkpack.redis.table;

import static io.github.flinkpack.redis.table.RedisConnectorOptions.*;
import static io.github.flinkpack.redis.table.TableErrors.error;

import io.github.flinkpack.redis.config.RedisCommand;
import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.RedisWriteOptions;
import io.github.flinkpack.redis.config.SinkDeliveryGuarantee;
import io.github.flinkpack.redis.serialization.FieldParser;
import io.github.flinkpack.redis.serialization.RedisRowConverter;
import io.github.flinkpack.redis.serialization.RedisRowMapping;
import io.github.flinkpack.redis.serialization.RedisRowReader;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.lookup.LookupOptions;
import org.apache.flink.table.connector.source.lookup.cache.DefaultLookupCache;
import org.apache.flink.table.connector.source.lookup.cache.LookupCache;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Creates {@code 'connector' = 'redis'} sinks, lookup tables and bounded scans, and checks their
 * options against the schema. Reading and writing share one mapping, so one table definition reads
 * back what it writes.
 */
@PublicEvolving
public final class RedisDynamicTableFactory
        implements DynamicTableSinkFactory, DynamicTableSourceFactory {

    public static final String IDENTIFIER = "redis";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options = new LinkedHashSet<>(CONNECTION);
        options.addAll(
                Arrays.asList(
                        COMMAND,
                        KEY_FIELDS,
                        KEY_PREFIX,
                        KEY_SEPARATOR,
                        VALUE_FORMAT,
                        HASH_FIELD,
                        ZSET_SCORE,
                        LIST_MAX_LENGTH,
                        STREAM_MAX_LENGTH,
                        STREAM_ID,
                        TTL,
                        TTL_COLUMN,
                        TTL_MODE,
                        SINK_DELETE_BEHAVIOR,
                        SINK_NULL_KEY,
                        SINK_NULL_VALUE,
                        SINK_BUFFER_FLUSH_MAX_ROWS,
                        SINK_BUFFER_FLUSH_INTERVAL,
                        SINK_MAX_IN_FLIGHT_BATCHES,
                        SINK_DELIVERY_GUARANTEE,
                        SINK_EXACTLY_ONCE_MARKER_RETENTION,
                        SINK_MAX_RETRIES,
                        SINK_RETRY_BACKOFF,
                        FactoryUtil.SINK_PARALLELISM,
                        LOOKUP_ASYNC,
                        LOOKUP_ON_PARSE_ERROR,
                        LOOKUP_RETRY_BACKOFF,
                        LookupOptions.MAX_RETRIES,
                        LookupOptions.CACHE_TYPE,
                        LookupOptions.PARTIAL_CACHE_MAX_ROWS,
                        LookupOptions.PARTIAL_CACHE_EXPIRE_AFTER_WRITE,
                        LookupOptions.PARTIAL_CACHE_EXPIRE_AFTER_ACCESS,
                        LookupOptions.PARTIAL_CACHE_CACHE_MISSING_KEY,
                        SCAN_COUNT,
                        SCAN_ON_ERROR));
        return options;
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        Checked t = new Checked(this, context);
        checkDeliveryGuarantee(t.table, t.options, context.getConfiguration());
        return new RedisDynamicTableSink(
                t.connection,
                writeOptions(t.table, t.options),
                new RedisRowConverter(t.mapping),
                t.schema.getPrimaryKey().isPresent(),
                t.options.getOptional(FactoryUtil.SINK_PARALLELISM).orElse(null));
    }

    /** What reading and writing share: the validated options, connection and row mapping. */
    private static final class Checked {
        final ReadableConfig options;
        final String table;
        final ResolvedSchema schema;
        final RedisConnectionConfig connection;
        final RedisRowMapping mapping;

        Checked(RedisDynamicTableFactory factory, Context context) {
            FactoryUtil.TableFactoryHelper helper =
                    FactoryUtil.createTableFactoryHelper(factory, context);
            helper.validate();
            options = helper.getOptions();
            table = context.getObjectIdentifier().asSummaryString();
            schema = context.getCatalogTable().getResolvedSchema();
            connection = RedisConnectionSettings.from(table, options);
            mapping = RedisRowMappings.from(table, options, schema);
        }
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        Checked checked = new Checked(this, context);
        String table = checked.table;
        ReadableConfig options = checked.options;
        ResolvedSchema schema = checked.schema;
        RedisConnectionConfig connection = checked.connection;
        RedisRowMapping mapping = checked.mapping;
        if (mapping.command() == RedisCommand.EXPIRE) {
            throw error(
                    table,
                    "'command' = 'EXPIRE' only sets TTLs, so there is no value to read. Read the"
                            + " keys with the table that writes them.");
        }
        if (!mapping.command().isReadable()) {
            throw error(
                    table,
                    "'command' = '"
                            + mapping.command()
                            + "' tables are written only: lookup joins and scans read"
                            + " strings and hashes. Declare the table you read with 'command'"
                            + " = 'SET', 'INCR', 'HSET' or 'HINCR'.");
        }
        List<Column> physical =
                schema.getColumns().stream()
                        .filter(Column::isPhysical)
                        .collect(Collectors.toList());
        for (Column column : physical) {
            LogicalType type = column.getDataType().getLogicalType();
            if (!FieldParser.canRead(type)) {
                throw error(
                        table,
                        "column '"
                                + column.getName()
                                + "' is "
                                + type.asSummaryString()
                                + ", which cannot be read back from Redis. Use text, numbers,"
                                + " BOOLEAN, DECIMAL, dates and times, BYTES, or ARRAY / MAP / ROW of"
                                + " those.");
            }
        }
        return new RedisDynamicTableSource(
                table,
                connection,
                new RedisRowReader(mapping),
                schema.getPrimaryKey().isPresent(),
                (RowType) schema.toPhysicalRowDataType().getLogicalType(),
                readSettings(table, options),
                lookupCache(table, options));
    }

    private static RedisReadSettings readSettings(String table, ReadableConfig options) {
        int retries = options.get(LookupOptions.MAX_RETRIES);
        if (retries < 0) {
            throw error(table, "'lookup.max-retries' = " + retries + " must be 0 or more.");
        }
        int count = options.get(SCAN_COUNT);
        if (count < 1) {
            throw error(table, "'scan.count' = " + count + " must be at least 1.");
        }
        return new RedisReadSettings(
                options.get(LOOKUP_ASYNC),
                options.get(LOOKUP_ON_PARSE_ERROR),
                retries,
                options.get(LOOKUP_RETRY_BACKOFF),
                count,
                options.get(SCAN_ON_ERROR));
    }

    private static LookupCache lookupCache(String table, ReadableConfig options) {
        switch (options.get(LookupOptions.CACHE_TYPE)) {
            case PARTIAL:
                if (!options.getOptional(LookupOptions.PARTIAL_CACHE_MAX_ROWS).isPresent()
                        && !options.getOptional(LookupOptions.PARTIAL_CACHE_EXPIRE_AFTER_WRITE)
                                .isPresent()
                        && !options.getOptional(LookupOptions.PARTIAL_CACHE_EXPIRE_AFTER_ACCESS)
                                .isPresent()) {
                    throw error(
                            table,
                            "'lookup.cache' = 'PARTIAL' needs a bound: set"
                                    + " 'lookup.partial-cache.max-rows' and/or"
                                    + " 'lookup.partial-cache.expire-after-write' /"
                                    + " '.expire-after-access'.");
                }
                return DefaultLookupCache.fromConfig(options);
            case FULL:
                throw error(
                        table,
                        "'lookup.cache' = 'FULL' is not supported by the Redis connector. Use"
                                + " 'PARTIAL' with 'lookup.partial-cache.max-rows' at least the"
                                + " number of keys to hold every key.");
            default:
                return null;
        }
    }

    private static RedisWriteOptions writeOptions(String table, ReadableConfig options) {
        int maxRows = options.get(SINK_BUFFER_FLUSH_MAX_ROWS);
        if (maxRows < 1) {
            throw error(
                    table,
                    "'sink.buffer-flush.max-rows' = " + maxRows + " must be at" + " least 1.");
        }
        int retries = options.get(SINK_MAX_RETRIES);
        if (retries < 0) {
            throw error(table, "'sink.max-retries' = " + retries + " must be 0 or more.");
        }
        int inFlight = options.get(SINK_MAX_IN_FLIGHT_BATCHES);
        if (inFlight < 1 || inFlight > RedisWriteOptions.MAX_IN_FLIGHT_BATCHES) {
            throw error(
                    table,
                    "'sink.max-in-flight-batches' = "
                            + inFlight
                            + " must be between 1 and "
                            + RedisWriteOptions.MAX_IN_FLIGHT_BATCHES
                            + " (each batch in flight holds one connection per Redis node).");
        }
        return new RedisWriteOptions(
                maxRows,
                inFlight,
                options.get(SINK_BUFFER_FLUSH_INTERVAL),
                options.get(SINK_DELIVERY_GUARANTEE),
                retries,
                options.get(SINK_RETRY_BACKOFF),
                options.get(TTL_MODE),
                options.get(SINK_EXACTLY_ONCE_MARKER_RETENTION));
    }

    private static final ConfigOption<Duration> CHECKPOINTING_INTERVAL =
            ConfigOptions.key("execution.checkpointing.interval").durationType().noDefaultValue();

    /** Exactly-once commits happen on completed checkpoints: a streaming job needs them. */
    private static void checkDeliveryGuarantee(
            String table, ReadableConfig options, ReadableConfig job) {
        if (options.get(SINK_DELIVERY_GUARANTEE) != SinkDeliveryGuarantee.EXACTLY_ONCE) {
            return;
        }
        Duration retention = options.get(SINK_EXACTLY_ONCE_MARKER_RETENTION);
        if (retention.toMillis() < 1000) {
            throw error(
                    table,
                    "'sink.exactly-once.marker-retention' = '"
                            + retention
                            + "' is too short: a restore older than it may apply its last commit"
                            + " again. Keep it longer than the oldest checkpoint or savepoint you"
                            + " may restore (default 7 d).");
        }
        boolean batch = job.get(ExecutionOptions.RUNTIME_MODE) == RuntimeExecutionMode.BATCH;
        Optional<Duration> interval = job.getOptional(CHECKPOINTING_INTERVAL);
        if (!batch && (!interval.isPresent() || interval.get().isZero())) {
            throw error(
                    table,
                    "'sink.delivery-guarantee' = 'exactly-once' applies rows when a checkpoint"
                            + " completes, and this streaming job has no checkpoints. Set"
                            + " 'execution.checkpointing.interval' (e.g. SET"
                            + " 'execution.checkpointing.interval' = '10 s'), or use"
                            + " 'at-least-once'.");
        }
    }
}
