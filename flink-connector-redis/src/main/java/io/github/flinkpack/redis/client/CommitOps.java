package io.github.flinkpack.redis.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch as plain Redis commands for an exactly-once commit: the pipelined commands as they are,
 * counter deltas as the INCRBY / HINCRBY / DEL / PEXPIRE commands the counter script would run.
 * Each op is the command name followed by its arguments, the key first.
 */
public final class CommitOps {

    /** Marker keys share the replay-guard prefix, so scans and key counts leave them out. */
    static final String MARKER_PREFIX = RedisWriteClient.MARKER_PREFIX + "eo:";

    private static final byte[] NX = "NX".getBytes(StandardCharsets.US_ASCII);

    private CommitOps() {}

    public static List<byte[][]> of(RedisBatch batch) {
        List<byte[][]> ops = new ArrayList<>(batch.size());
        for (KeyedCommand command : batch.commands()) {
            byte[][] op = new byte[command.args.length + 1][];
            op[0] = command.command.getRaw();
            System.arraycopy(command.args, 0, op, 1, command.args.length);
            ops.add(op);
        }
        for (CounterDelta delta : batch.counters()) {
            byte[] name = delta.operation.wireName();
            switch (delta.operation) {
                case DEL:
                    ops.add(new byte[][] {name, delta.key});
                    break;
                case HDEL:
                    ops.add(new byte[][] {name, delta.key, delta.field});
                    break;
                case HINCRBY:
                case HINCRBYFLOAT:
                    ops.add(new byte[][] {name, delta.key, delta.field, ascii(delta.delta)});
                    break;
                default:
                    ops.add(new byte[][] {name, delta.key, ascii(delta.delta)});
            }
            if (delta.expiry != null) {
                byte[] command = ascii(delta.expiry.isAbsolute() ? "PEXPIREAT" : "PEXPIRE");
                byte[] when = ascii(String.valueOf(delta.expiry.millis()));
                ops.add(
                        delta.expiryOnlyIfNone
                                ? new byte[][] {command, delta.key, when, NX}
                                : new byte[][] {command, delta.key, when});
            }
        }
        return ops;
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
