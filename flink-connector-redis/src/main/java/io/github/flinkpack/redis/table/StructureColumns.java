package io.github.flinkpack.redis.table;

import static io.github.flinkpack.redis.table.RedisConnectorOptions.LIST_MAX_LENGTH;
import static io.github.flinkpack.redis.table.RedisConnectorOptions.SINK_NULL_VALUE;
import static io.github.flinkpack.redis.table.RedisConnectorOptions.STREAM_ID;
import static io.github.flinkpack.redis.table.RedisConnectorOptions.STREAM_MAX_LENGTH;
import static io.github.flinkpack.redis.table.RedisConnectorOptions.TTL;
import static io.github.flinkpack.redis.table.RedisConnectorOptions.TTL_COLUMN;
import static io.github.flinkpack.redis.table.RedisConnectorOptions.ZSET_SCORE;
import static io.github.flinkpack.redis.table.TableErrors.error;

import io.github.flinkpack.redis.config.NullValuePolicy;
import io.github.flinkpack.redis.config.RedisCommand;
import io.github.flinkpack.redis.serialization.RedisRowMapping;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * The options of the set, sorted set, list and stream commands ({@code zset.score}, {@code
 * list.max-length}, {@code stream.max-length}, {@code stream.id}): each checked against the command
 * and the schema, its column claimed so it is not also a value column.
 */
final class StructureColumns {

    private final String score;
    private final String streamId;
    private final int listMaxLength;
    private final long streamMaxLength;

    private StructureColumns(String score, String streamId, int listMax, long streamMax) {
        this.score = score;
        this.streamId = streamId;
        this.listMaxLength = listMax;
        this.streamMaxLength = streamMax;
    }

    /** Checks the options and adds their columns to {@code used}. */
    static StructureColumns claim(
            String table,
            RedisCommand command,
            ReadableConfig options,
            List<String> names,
            List<Column> physical,
            Set<String> used) {
        String score = options.getOptional(ZSET_SCORE).orElse(null);
        onlyFor(table, ZSET_SCORE, score, command, RedisCommand.ZADD, RedisCommand.ZINCRBY);
        if (command == RedisCommand.ZADD && score == null) {
            throw error(
                    table,
                    "'command' = 'ZADD' needs 'zset.score' = '<column>' naming the numeric"
                            + " column that holds each member's score.");
        }
        if (score != null) {
            claimColumn(table, ZSET_SCORE, score, names, used);
            LogicalType type = physical.get(names.indexOf(score)).getDataType().getLogicalType();
            if (!type.is(LogicalTypeFamily.NUMERIC)) {
                throw error(
                        table,
                        "'zset.score' = '"
                                + score
                                + "' is "
                                + type.asSummaryString()
                                + "; a score must be numeric (CAST it in the query).");
            }
        }

        Integer listMax = options.getOptional(LIST_MAX_LENGTH).orElse(null);
        onlyFor(table, LIST_MAX_LENGTH, listMax, command, RedisCommand.LPUSH, RedisCommand.RPUSH);
        positive(table, LIST_MAX_LENGTH, listMax);
        Long streamMax = options.getOptional(STREAM_MAX_LENGTH).orElse(null);
        onlyFor(table, STREAM_MAX_LENGTH, streamMax, command, RedisCommand.XADD);
        positive(table, STREAM_MAX_LENGTH, streamMax);

        String streamId = options.getOptional(STREAM_ID).orElse(null);
        onlyFor(table, STREAM_ID, streamId, command, RedisCommand.XADD);
        if (streamId != null) {
            claimColumn(table, STREAM_ID, streamId, names, used);
            LogicalType type = physical.get(names.indexOf(streamId)).getDataType().getLogicalType();
            LogicalTypeRoot root = type.getTypeRoot();
            if (!type.is(LogicalTypeFamily.CHARACTER_STRING)
                    && root != LogicalTypeRoot.BIGINT
                    && root != LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE
                    && root != LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE) {
                throw error(
                        table,
                        "'stream.id' = '"
                                + streamId
                                + "' is "
                                + type.asSummaryString()
                                + "; use STRING ('<ms>-<seq>'), BIGINT milliseconds or"
                                + " TIMESTAMP_LTZ.");
            }
        }
        if ((command.hasMembers() || command.isAppendOnly())
                && options.get(SINK_NULL_VALUE) == NullValuePolicy.DELETE) {
            throw error(
                    table,
                    "'sink.null-value' = 'delete' would delete the whole key for one row's NULL"
                            + " member, score or value with 'command' = '"
                            + command
                            + "': use 'skip' (counted) or 'fail'.");
        }
        if (command == RedisCommand.PUBLISH
                && (options.getOptional(TTL).isPresent()
                        || options.getOptional(TTL_COLUMN).isPresent())) {
            throw error(
                    table,
                    "'command' = 'PUBLISH' sends messages to a channel, which has no TTL:"
                            + " remove 'ttl' / 'ttl.column'.");
        }
        return new StructureColumns(
                score, streamId, listMax == null ? 0 : listMax, streamMax == null ? 0L : streamMax);
    }

    void applyTo(RedisRowMapping.Builder builder, List<String> names, List<Column> physical) {
        if (score != null) {
            builder.score(score, names.indexOf(score), typeOf(score, names, physical));
        }
        if (streamId != null) {
            builder.streamId(streamId, names.indexOf(streamId), typeOf(streamId, names, physical));
        }
        builder.maxLengths(listMaxLength, streamMaxLength);
    }

    private static LogicalType typeOf(String column, List<String> names, List<Column> physical) {
        return physical.get(names.indexOf(column)).getDataType().getLogicalType();
    }

    private static void onlyFor(
            String table,
            ConfigOption<?> option,
            Object value,
            RedisCommand command,
            RedisCommand... commands) {
        if (value == null) {
            return;
        }
        for (RedisCommand allowed : commands) {
            if (allowed == command) {
                return;
            }
        }
        throw error(
                table,
                "'"
                        + option.key()
                        + "' only applies to "
                        + List.of(commands)
                        + ", not "
                        + command
                        + ". Remove it or change 'command'.");
    }

    private static void positive(String table, ConfigOption<?> option, Number value) {
        if (value != null && value.longValue() <= 0) {
            throw error(
                    table, "'" + option.key() + "' = '" + value + "' must be a positive number.");
        }
    }

    private static void claimColumn(
            String table,
            ConfigOption<String> option,
            String column,
            List<String> names,
            Set<String> used) {
        RedisRowMappings.requireColumn(table, option, column, names);
        if (!used.add(column)) {
            throw error(
                    table,
                    "'"
                            + option.key()
                            + "' = '"
                            + column
                            + "' is already used as key, hash field or TTL column.");
        }
    }
}
