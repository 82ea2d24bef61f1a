package io.github.flinkpack.redis.config;

import org.apache.flink.annotation.PublicEvolving;

/** Where a {@code redis-stream} source ends: {@code scan.bounded.mode}. */
@PublicEvolving
public enum StreamBoundedMode {
    /** Never: the source waits for new entries. */
    UNBOUNDED,
    /** At the last entry each stream holds when the job starts. */
    LATEST;

    @Override
    public String toString() {
        return OptionText.of(this);
    }
}
