package io.github.flinkpack.redis.table;

import io.github.flinkpack.redis.config.RedisCommand;
import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.RedisWriteOptions;
import io.github.flinkpack.redis.config.SinkDeliveryGuarantee;
import io.github.flinkpack.redis.serialization.RedisRowConverter;
import io.github.flinkpack.redis.sink.ExactlyOnceRedisSink;
import io.github.flinkpack.redis.sink.RedisSink;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.types.RowKind;

/**
 * The planner's view of a Redis table. Counters (INCR, HINCR, ZINCRBY) and members (SADD, ZADD)
 * consume every change kind, since they subtract or remove what a retraction takes back; SET, HSET
 * and EXPIRE are upserts by PRIMARY KEY, and without one accept only inserts, so the planner
 * rejects an updating query with its own message. Appending commands (LPUSH, RPUSH, PFADD, XADD,
 * PUBLISH) refuse an updating query with the reason.
 */
final class RedisDynamicTableSink implements DynamicTableSink {

    private final RedisConnectionConfig connection;
    private final RedisWriteOptions options;
    private final RedisRowConverter converter;
    private final boolean hasPrimaryKey;
    private final Integer parallelism;

    RedisDynamicTableSink(
            RedisConnectionConfig connection,
            RedisWriteOptions options,
            RedisRowConverter converter,
            boolean hasPrimaryKey,
            Integer parallelism) {
        this.connection = connection;
        this.options = options;
        this.converter = converter;
        this.hasPrimaryKey = hasPrimaryKey;
        this.parallelism = parallelism;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        if (requestedMode.containsOnly(RowKind.INSERT)) {
            return ChangelogMode.insertOnly();
        }
        RedisCommand command = converter.mapping().command();
        if (command.isAppendOnly()) {
            throw TableErrors.error(
                    converter.mapping().tableName(),
                    "'command' = '"
                            + command
                            + "' only appends (a "
                            + (command == RedisCommand.PUBLISH
                                    ? "published message"
                                    : "pushed element")
                            + " cannot be taken back), but the query produces updates or deletes"
                            + " ("
                            + requestedMode
                            + "). Write an append-only query (no GROUP BY / JOIN"
                            + " results that change), or use SADD / ZADD / ZINCRBY, which follow"
                            + " retractions.");
        }
        if (command.needsRetractions()) {
            // Retractions carry the amount to subtract or the member to remove.
            return ChangelogMode.all();
        }
        if (!hasPrimaryKey) {
            return ChangelogMode.insertOnly();
        }
        ChangelogMode.Builder upsert = ChangelogMode.newBuilder();
        for (RowKind kind : requestedMode.getContainedKinds()) {
            if (kind != RowKind.UPDATE_BEFORE) {
                upsert.addContainedKind(kind);
            }
        }
        return upsert.build();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        if (options.deliveryGuarantee() == SinkDeliveryGuarantee.EXACTLY_ONCE) {
            return SinkV2Provider.of(
                    new ExactlyOnceRedisSink(connection, options, converter), parallelism);
        }
        return SinkV2Provider.of(new RedisSink(connection, options, converter), parallelism);
    }

    @Override
    public DynamicTableSink copy() {
        return new RedisDynamicTableSink(
                connection, options, converter, hasPrimaryKey, parallelism);
    }

    @Override
    public String asSummaryString() {
        return "Redis("
                + converter.mapping().command()
                + " to "
                + connection.describe()
                + ", "
                + options.deliveryGuarantee()
                + ")";
    }
}
