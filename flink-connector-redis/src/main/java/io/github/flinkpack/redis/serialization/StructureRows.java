package io.github.flinkpack.redis.serialization;

import io.github.flinkpack.redis.client.KeyedCommand;
import io.github.flinkpack.redis.config.DeleteBehavior;
import io.github.flinkpack.redis.config.RedisCommand;
import io.github.flinkpack.redis.config.ValueFormat;
import io.github.flinkpack.redis.serialization.RedisRowConverter.Outcome;
import io.github.flinkpack.redis.util.Digits;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import redis.clients.jedis.Protocol.Command;

/**
 * Rows of the set, sorted set, HyperLogLog, list, stream and pub/sub commands. SADD and ZADD follow
 * the changelog: an insert adds the member, a retraction removes it, so the set ends equal to the
 * query's current result. ZINCRBY adds the score column (or 1) and subtracts it on a retraction.
 * LPUSH, RPUSH, PFADD, XADD and PUBLISH only append (the planner feeds them inserts only).
 */
final class StructureRows implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final byte[] MAXLEN = ascii("MAXLEN");
    private static final byte[] APPROXIMATELY = ascii("~");
    private static final byte[] AUTO_ID = ascii("*");
    private static final byte[] JSON_FIELD = ascii("value");

    private final RedisRowMapping mapping;
    private final RedisRowConverter rows;
    private final RowData.FieldGetter scoreGetter;
    private final RowData.FieldGetter streamIdGetter;
    private final FieldRenderer[] fieldRenderers;
    private final RowData.FieldGetter[] fieldGetters;
    private final byte[][] fieldNames;
    private final byte[] listTrimStart;
    private final byte[] listTrimEnd;
    private final byte[] streamMaxLength;

    StructureRows(RedisRowMapping mapping, RedisRowConverter rows) {
        this.mapping = mapping;
        this.rows = rows;
        this.scoreGetter =
                mapping.scorePosition < 0
                        ? null
                        : RowData.createFieldGetter(mapping.scoreType, mapping.scorePosition);
        this.streamIdGetter =
                mapping.streamIdPosition < 0
                        ? null
                        : RowData.createFieldGetter(mapping.streamIdType, mapping.streamIdPosition);
        int fields = mapping.valueNames.length;
        this.fieldRenderers = new FieldRenderer[fields];
        this.fieldGetters = new RowData.FieldGetter[fields];
        this.fieldNames = new byte[fields][];
        for (int i = 0; i < fields; i++) {
            fieldRenderers[i] = new FieldRenderer(mapping.valueTypes[i]);
            fieldGetters[i] =
                    RowData.createFieldGetter(mapping.valueTypes[i], mapping.valuePositions[i]);
            fieldNames[i] = mapping.valueNames[i].getBytes(StandardCharsets.UTF_8);
        }
        // LPUSH adds at the head, so the newest N are 0..N-1; RPUSH adds at the tail: -N..-1.
        int max = mapping.listMaxLength;
        boolean head = mapping.command == RedisCommand.LPUSH;
        this.listTrimStart = max == 0 ? null : Digits.ascii(head ? 0 : -max);
        this.listTrimEnd = max == 0 ? null : Digits.ascii(head ? max - 1 : -1);
        this.streamMaxLength =
                mapping.streamMaxLength == 0 ? null : Digits.ascii(mapping.streamMaxLength);
    }

    Outcome convert(RowData row, byte[] key, boolean retraction, MutationCollector out) {
        if (mapping.command == RedisCommand.XADD) {
            return streamEntry(row, key, out);
        }
        byte[] value = rows.renderValue(row);
        if (value == null) {
            return rows.nullValue(mapping.valueNames[0], key, out);
        }
        if (retraction
                && mapping.command != RedisCommand.ZINCRBY
                && mapping.deleteBehavior == DeleteBehavior.IGNORE) {
            return Outcome.DELETE_IGNORED;
        }
        switch (mapping.command) {
            case SADD:
                if (retraction) {
                    out.memberRemove(value, new KeyedCommand(key, Command.SREM, key, value));
                } else {
                    out.memberWrite(
                            value,
                            new KeyedCommand(key, Command.SADD, key, value),
                            rows.expiry(row));
                }
                return Outcome.WRITTEN;
            case ZADD:
                if (retraction) {
                    out.memberRemove(value, new KeyedCommand(key, Command.ZREM, key, value));
                    return Outcome.WRITTEN;
                }
                Object score = scoreGetter.getFieldOrNull(row);
                if (score == null) {
                    return rows.nullValue(mapping.scoreName, key, out);
                }
                out.memberWrite(
                        value,
                        new KeyedCommand(key, Command.ZADD, key, scoreText(score, key), value),
                        rows.expiry(row));
                return Outcome.WRITTEN;
            case ZINCRBY:
                return scoreIncrement(row, key, value, retraction, out);
            case PFADD:
                out.memberWrite(
                        value, new KeyedCommand(key, Command.PFADD, key, value), rows.expiry(row));
                return Outcome.WRITTEN;
            case LPUSH:
            case RPUSH:
                List<KeyedCommand> push = new ArrayList<>(2);
                Command command =
                        mapping.command == RedisCommand.LPUSH ? Command.LPUSH : Command.RPUSH;
                push.add(new KeyedCommand(key, command, key, value));
                if (listTrimStart != null) {
                    push.add(new KeyedCommand(key, Command.LTRIM, key, listTrimStart, listTrimEnd));
                }
                out.append(push, rows.expiry(row));
                return Outcome.WRITTEN;
            case PUBLISH:
                out.append(List.of(new KeyedCommand(key, Command.PUBLISH, key, value)), null);
                return Outcome.WRITTEN;
            default:
                throw new IllegalStateException("Not a structure command: " + mapping.command);
        }
    }

    private Outcome scoreIncrement(
            RowData row, byte[] key, byte[] member, boolean retraction, MutationCollector out) {
        Expiry expiry = rows.expiry(row);
        if (scoreGetter == null) {
            out.increment(key, member, retraction ? -1L : 1L, expiry);
            return Outcome.WRITTEN;
        }
        Object delta = scoreGetter.getFieldOrNull(row);
        if (delta == null) {
            return rows.nullValue(mapping.scoreName, key, out);
        }
        if (mapping.scoreType.is(LogicalTypeFamily.INTEGER_NUMERIC)) {
            long amount = ((Number) delta).longValue();
            out.increment(key, member, retraction ? -amount : amount, expiry);
        } else {
            BigDecimal decimal = rows.toDecimal(delta, key, mapping.scoreName);
            out.incrementFloat(key, member, retraction ? decimal.negate() : decimal, expiry);
        }
        return Outcome.WRITTEN;
    }

    private byte[] scoreText(Object score, byte[] key) {
        if (mapping.scoreType.is(LogicalTypeFamily.INTEGER_NUMERIC)) {
            return Digits.ascii(((Number) score).longValue());
        }
        return ascii(rows.toDecimal(score, key, mapping.scoreName).toPlainString());
    }

    /** XADD key [MAXLEN ~ n] id field value ...; NULL fields are left out of the entry. */
    private Outcome streamEntry(RowData row, byte[] key, MutationCollector out) {
        List<byte[]> args = new ArrayList<>(6 + 2 * fieldGetters.length);
        args.add(key);
        if (streamMaxLength != null) {
            args.add(MAXLEN);
            args.add(APPROXIMATELY);
            args.add(streamMaxLength);
        }
        byte[] id = streamId(row);
        if (id == null) {
            return rows.nullValue(mapping.streamIdName, key, out);
        }
        args.add(id);
        int fieldsAt = args.size();
        if (mapping.valueFormat == ValueFormat.JSON) {
            args.add(JSON_FIELD);
            args.add(rows.renderValue(row));
        } else {
            for (int i = 0; i < fieldGetters.length; i++) {
                Object value = fieldGetters[i].getFieldOrNull(row);
                if (value != null) {
                    args.add(fieldNames[i]);
                    args.add(fieldRenderers[i].toBytes(value));
                }
            }
        }
        if (args.size() == fieldsAt) {
            return rows.nullValue(String.join(", ", mapping.valueNames), key, out);
        }
        KeyedCommand entry = new KeyedCommand(key, Command.XADD, args.toArray(new byte[0][]));
        out.append(List.of(entry), rows.expiry(row));
        return Outcome.WRITTEN;
    }

    /** The entry id: '*' without a column, a STRING as it is, a time as '{@code <ms>-*}'. */
    private byte[] streamId(RowData row) {
        if (streamIdGetter == null) {
            return AUTO_ID;
        }
        Object id = streamIdGetter.getFieldOrNull(row);
        if (id == null) {
            return null;
        }
        if (id instanceof StringData) {
            return ((StringData) id).toBytes();
        }
        long millis =
                id instanceof TimestampData
                        ? ((TimestampData) id).getMillisecond()
                        : ((Number) id).longValue();
        return ascii(millis + "-*");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
