package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.client.CommitOps;

/**
 * One checkpoint's writes of one writer, reduced per key, waiting to be applied: the writes in
 * order ({@link PackedWrites}), and the marker under which their application is recorded. {@code
 * lineage} names the writer instance (new at every start, so markers of earlier runs never block
 * it) and {@code sequence} counts its commits, so a marker at or past the sequence means: already
 * applied.
 */
public final class RedisCommittable {

    private final String lineage;
    private final int subtask;
    private final long sequence;
    private final int rows;
    private final PackedWrites writes;

    RedisCommittable(String lineage, int subtask, long sequence, int rows, PackedWrites writes) {
        this.lineage = lineage;
        this.subtask = subtask;
        this.sequence = sequence;
        this.rows = rows;
        this.writes = writes;
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

    /** The writes, in the form they are checkpointed in. */
    PackedWrites writes() {
        return writes;
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
                + writes.commands()
                + " writes}";
    }
}
