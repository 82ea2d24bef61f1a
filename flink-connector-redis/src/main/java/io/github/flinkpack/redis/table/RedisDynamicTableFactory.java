package io.github.flinkpack.redis.table;

import static io.github.flinkpack.redis.table.RedisConnectorOptions.*;
import static io.github.flinkpack.redis.table.TableErrors.error;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.RedisWriteOptions;
import io.github.flinkpack.redis.serialization.RedisRowConverter;
import io.github.flinkpack.redis.serialization.RedisRowMapping;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.FactoryUtil;

/** Creates {@code 'connector' = 'redis'} sinks and checks their options against the schema. */
@PublicEvolving
public final class RedisDynamicTableFactory implements DynamicTableSinkFactory {

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
        return new LinkedHashSet<>(
                Arrays.asList(
                        URL,
                        MODE,
                        CLUSTER_NODES,
                        SENTINEL_MASTER,
                        SENTINEL_NODES,
                        USERNAME,
                        PASSWORD,
                        CONNECT_TIMEOUT,
                        SOCKET_TIMEOUT,
                        TLS_ENABLED,
                        TLS_TRUSTSTORE_PATH,
                        TLS_TRUSTSTORE_PASSWORD,
                        TLS_VERIFY_HOSTNAME,
                        COMMAND,
                        KEY_FIELDS,
                        KEY_PREFIX,
                        KEY_SEPARATOR,
                        VALUE_FORMAT,
                        HASH_FIELD,
                        TTL,
                        TTL_COLUMN,
                        TTL_MODE,
                        SINK_DELETE_BEHAVIOR,
                        SINK_NULL_KEY,
                        SINK_NULL_VALUE,
                        SINK_BUFFER_FLUSH_MAX_ROWS,
                        SINK_BUFFER_FLUSH_INTERVAL,
                        SINK_DELIVERY_GUARANTEE,
                        SINK_MAX_RETRIES,
                        SINK_RETRY_BACKOFF,
                        FactoryUtil.SINK_PARALLELISM));
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        helper.validate();
        ReadableConfig options = helper.getOptions();
        String table = context.getObjectIdentifier().asSummaryString();
        ResolvedSchema schema = context.getCatalogTable().getResolvedSchema();

        RedisConnectionConfig connection = RedisConnectionSettings.from(table, options);
        RedisRowMapping mapping = RedisRowMappings.from(table, options, schema);
        RedisWriteOptions writeOptions = writeOptions(table, options);
        return new RedisDynamicTableSink(
                connection,
                writeOptions,
                new RedisRowConverter(mapping),
                schema.getPrimaryKey().isPresent(),
                options.getOptional(FactoryUtil.SINK_PARALLELISM).orElse(null));
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
        return new RedisWriteOptions(
                maxRows,
                options.get(SINK_BUFFER_FLUSH_INTERVAL),
                options.get(SINK_DELIVERY_GUARANTEE),
                retries,
                options.get(SINK_RETRY_BACKOFF),
                options.get(TTL_MODE));
    }
}
