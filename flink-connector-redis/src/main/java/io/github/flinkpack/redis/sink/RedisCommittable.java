package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.client.CommitOps;
import java.util.List;

/**
 * One checkpoint's writes of one writer, reduced per key, waiting to be applied: the Redis commands
 * in order, and the marker under which their application is recorded. {@code lineage} names the
 * writer instance (new at every start, so markers of earlier runs never block it) and {@code
 * sequence} counts its commits, so a marker at or past the sequence means: already applied.
 */
public final class RedisCommittable {

    private final String lineage;
    private final int subtask;
    private final long sequence;
    private final int rows;
    private final byte[] encodedOps;

    RedisCommittable(String lineage, int subtask, long sequence, int rows, List<byte[][]> ops) {
        this(lineage, subtask, sequence, rows, CommitOps.encode(ops));
    }

    /** {@code encodedOps} as {@link CommitOps#encode} makes them. */
    RedisCommittable(String lineage, int subtask, long sequence, int rows, byte[] encodedOps) {
        this.lineage = lineage;
        this.subtask = subtask;
        this.sequence = sequence;
        this.rows = rows;
        this.encodedOps = encodedOps;
    }

    String lineage() {
        return lineage;
    }

    int subtask() {
        return subtask;
    }

    long sequence() {
        return sequence;
    }

    /** Input rows the writes stand for, for the metrics. */
    int rows() {
        return rows;
    }

    /**
     * Each op: the command name, then its arguments, the key first. Decoded at each call, by the
     * committer's thread.
     */
    List<byte[][]> ops() {
        return CommitOps.decode(encodedOps);
    }

    /** The ops in their checkpointed form; not to be modified. */
    byte[] encodedOps() {
        return encodedOps;
    }

    /** The marker keys' common part: one marker per node (per slot in a cluster). */
    String markerBase() {
        return CommitOps.markerBase(lineage, subtask);
    }

    @Override
    public String toString() {
        return "RedisCommittable{"
                + markerBase()
                + " #"
                + sequence
                + ", "
                + CommitOps.count(encodedOps)
                + " writes}";
    }
}
