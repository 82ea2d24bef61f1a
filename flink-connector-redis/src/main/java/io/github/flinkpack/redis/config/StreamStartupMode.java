package io.github.flinkpack.redis.config;

import org.apache.flink.annotation.PublicEvolving;

/** Where a {@code redis-stream} source starts without a checkpoint: {@code scan.startup.mode}. */
@PublicEvolving
public enum StreamStartupMode {
    /** From the first entry of the stream (a new consumer group is created at {@code 0}). */
    EARLIEST,
    /** From the entries added after the job starts (a new group is created at {@code $}). */
    LATEST,
    /**
     * Where the consumer group stands, its own unacknowledged entries first (a new group is created
     * at {@code 0}); needs {@code group.name}.
     */
    GROUP_OFFSETS,
    /** From the first entry at or after {@code scan.startup.timestamp-millis}. */
    TIMESTAMP;

    @Override
    public String toString() {
        return OptionText.of(this);
    }
}
