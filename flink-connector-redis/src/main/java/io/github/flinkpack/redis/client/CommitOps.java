package io.github.flinkpack.redis.client;

import io.github.flinkpack.redis.util.Digits;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Protocol;

/**
 * A batch as plain Redis commands for an exactly-once commit: the pipelined commands as they are,
 * counter deltas as the INCRBY / HINCRBY / DEL / PEXPIRE commands the counter script would run.
 * Each op is the command name followed by its arguments, the key first.
 */
public final class CommitOps {

    /** Marker keys share the replay-guard prefix, so scans and key counts leave them out. */
    static final String MARKER_PREFIX = RedisWriteClient.MARKER_PREFIX + "eo:";

    static final byte[] NX = "NX".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PEXPIRE = Protocol.Command.PEXPIRE.getRaw();
    static final byte[] PEXPIREAT = Protocol.Command.PEXPIREAT.getRaw();

    private CommitOps() {}

    public static List<byte[][]> of(RedisBatch batch) {
        List<byte[][]> ops = new ArrayList<>(batch.size());
        for (KeyedCommand command : batch.commands()) {
            byte[][] op = new byte[command.args.length + 1][];
            op[0] = command.command.getRaw();
            System.arraycopy(command.args, 0, op, 1, command.args.length);
            ops.add(op);
        }
        return counterOps(batch.counters(), ops);
    }

    /** Appends counter deltas as the commands the counter script would run. */
    static List<byte[][]> counterOps(List<CounterDelta> counters, List<byte[][]> ops) {
        for (CounterDelta delta : counters) {
            byte[] name = delta.operation.wireName();
            switch (delta.operation) {
                case DEL:
                    ops.add(new byte[][] {name, delta.key});
                    break;
                case HDEL:
                case ZREM:
                    ops.add(new byte[][] {name, delta.key, delta.field});
                    break;
                case ZINCRBY:
                    ops.add(new byte[][] {name, delta.key, ascii(delta.delta), delta.field});
                    break;
                case HINCRBY:
                case HINCRBYFLOAT:
                    ops.add(new byte[][] {name, delta.key, delta.field, ascii(delta.delta)});
                    break;
                default:
                    ops.add(new byte[][] {name, delta.key, ascii(delta.delta)});
            }
            if (delta.expiry != null) {
                byte[] command = delta.expiry.isAbsolute() ? PEXPIREAT : PEXPIRE;
                byte[] when = Digits.ascii(delta.expiry.millis());
                ops.add(
                        delta.expiryOnlyIfNone
                                ? new byte[][] {command, delta.key, when, NX}
                                : new byte[][] {command, delta.key, when});
            }
        }
        return ops;
    }

    /**
     * The ops as version 1 of the committable form laid them out (op count, then per op its part
     * count and per part its length and bytes, big-endian ints); fails on an array that is not one.
     */
    public static List<byte[][]> decodeVersion1(byte[] encoded) {
        try {
            ByteBuffer in = ByteBuffer.wrap(encoded);
            int count = in.getInt();
            List<byte[][]> ops = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[][] op = new byte[in.getInt()][];
                for (int p = 0; p < op.length; p++) {
                    op[p] = new byte[in.getInt()];
                    in.get(op[p]);
                }
                ops.add(op);
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the last op");
            }
            return ops;
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("Truncated or corrupt exactly-once ops", e);
        }
    }

    /**
     * {@code flinkpack:batch:eo:<lineage>:<subtask>}; in a cluster a slot tag follows the prefix.
     */
    public static String markerBase(String lineage, int subtask) {
        return lineage + ":" + subtask;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
