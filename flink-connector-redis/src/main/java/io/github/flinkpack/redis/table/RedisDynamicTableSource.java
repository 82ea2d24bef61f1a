package io.github.flinkpack.redis.table;

import static io.github.flinkpack.redis.table.TableErrors.error;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.lookup.LookupKeys;
import io.github.flinkpack.redis.lookup.RedisAsyncLookupFunction;
import io.github.flinkpack.redis.lookup.RedisLookupFunction;
import io.github.flinkpack.redis.lookup.RedisLookupRunner;
import io.github.flinkpack.redis.serialization.RedisRowMapping;
import io.github.flinkpack.redis.serialization.RedisRowReader;
import io.github.flinkpack.redis.source.RedisScanSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.LookupTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.lookup.AsyncLookupFunctionProvider;
import org.apache.flink.table.connector.source.lookup.LookupFunctionProvider;
import org.apache.flink.table.connector.source.lookup.PartialCachingAsyncLookupProvider;
import org.apache.flink.table.connector.source.lookup.PartialCachingLookupProvider;
import org.apache.flink.table.connector.source.lookup.cache.LookupCache;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * The planner's view of a Redis table read back: a lookup (dimension) table keyed by its PRIMARY
 * KEY, and a bounded scan of every key under {@code key.prefix}. Both read what the sink with the
 * same options writes.
 */
final class RedisDynamicTableSource implements LookupTableSource, ScanTableSource {

    private final String tableName;
    private final RedisConnectionConfig connection;
    private final RedisRowReader reader;
    private final boolean hasPrimaryKey;
    private final RowType physicalRow;
    private final RedisReadSettings settings;
    private final LookupCache cache;

    RedisDynamicTableSource(
            String tableName,
            RedisConnectionConfig connection,
            RedisRowReader reader,
            boolean hasPrimaryKey,
            RowType physicalRow,
            RedisReadSettings settings,
            LookupCache cache) {
        this.tableName = tableName;
        this.connection = connection;
        this.reader = reader;
        this.hasPrimaryKey = hasPrimaryKey;
        this.physicalRow = physicalRow;
        this.settings = settings;
        this.cache = cache;
    }

    @Override
    public LookupRuntimeProvider getLookupRuntimeProvider(LookupContext context) {
        RedisRowReader.Shape shape = reader.shape();
        RedisRowMapping mapping = reader.mapping();
        if (!hasPrimaryKey) {
            throw error(
                    tableName,
                    "a lookup join reads by the Redis key, which is the table's PRIMARY KEY: declare"
                            + " PRIMARY KEY ("
                            + String.join(", ", mapping.keyNames())
                            + ") NOT ENFORCED instead of 'key.fields'.");
        }
        List<Integer> joined = new ArrayList<>();
        for (int[] path : context.getKeys()) {
            if (path.length != 1) {
                throw error(tableName, "a lookup join on a nested field is not supported.");
            }
            joined.add(path[0]);
        }
        List<Integer> required = new ArrayList<>();
        for (int position : mapping.keyPositions()) {
            required.add(position);
        }
        if (shape == RedisRowReader.Shape.HASH_FIELD) {
            required.add(mapping.hashFieldPosition());
        }
        if (!joined.containsAll(required)) {
            throw error(
                    tableName,
                    "a lookup join must give every column of the Redis key "
                            + names(required)
                            + " in its equality condition (ON dim.col = probe.col), but it gives "
                            + names(joined)
                            + (shape == RedisRowReader.Shape.HASH_FIELD
                                    ? "; with 'hash.field' the field column '"
                                            + mapping.hashFieldName()
                                            + "' is part of the key"
                                    : "")
                            + ". Join on the key columns.");
        }
        int[] keyIndexes = new int[mapping.keyPositions().length];
        LogicalType[] keyTypes = new LogicalType[keyIndexes.length];
        for (int i = 0; i < keyIndexes.length; i++) {
            keyIndexes[i] = joined.indexOf(mapping.keyPositions()[i]);
            keyTypes[i] = physicalRow.getTypeAt(mapping.keyPositions()[i]);
        }
        int fieldIndex = -1;
        LogicalType fieldType = null;
        if (shape == RedisRowReader.Shape.HASH_FIELD) {
            fieldIndex = joined.indexOf(mapping.hashFieldPosition());
            fieldType = physicalRow.getTypeAt(mapping.hashFieldPosition());
        }
        List<Integer> filters = new ArrayList<>();
        for (int i = 0; i < joined.size(); i++) {
            if (!required.contains(joined.get(i))) {
                filters.add(i);
            }
        }
        int[] filterIndexes = filters.stream().mapToInt(Integer::intValue).toArray();
        int[] filterPositions = Arrays.stream(filterIndexes).map(joined::get).toArray();
        LogicalType[] filterTypes =
                Arrays.stream(filterPositions)
                        .mapToObj(physicalRow::getTypeAt)
                        .toArray(LogicalType[]::new);

        RedisLookupRunner runner =
                new RedisLookupRunner(
                        tableName,
                        connection,
                        reader,
                        new LookupKeys(
                                keyIndexes,
                                keyTypes,
                                fieldIndex,
                                fieldType,
                                filterIndexes,
                                filterTypes,
                                filterPositions),
                        settings.onParseError,
                        settings.maxRetries,
                        settings.retryBackoff);
        if (settings.async) {
            RedisAsyncLookupFunction function = new RedisAsyncLookupFunction(runner);
            return cache == null
                    ? AsyncLookupFunctionProvider.of(function)
                    : PartialCachingAsyncLookupProvider.of(function, cache);
        }
        RedisLookupFunction function = new RedisLookupFunction(runner);
        return cache == null
                ? LookupFunctionProvider.of(function)
                : PartialCachingLookupProvider.of(function, cache);
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        return SourceProvider.of(
                new RedisScanSource(
                        tableName, connection, reader, settings.scanCount, settings.scanOnError));
    }

    @Override
    public DynamicTableSource copy() {
        return new RedisDynamicTableSource(
                tableName, connection, reader, hasPrimaryKey, physicalRow, settings, cache);
    }

    @Override
    public String asSummaryString() {
        return "Redis(" + reader.mapping().command() + " from " + connection.describe() + ")";
    }

    private List<String> names(List<Integer> positions) {
        List<String> names = new ArrayList<>();
        for (int position : positions) {
            names.add(physicalRow.getFieldNames().get(position));
        }
        return names;
    }
}
