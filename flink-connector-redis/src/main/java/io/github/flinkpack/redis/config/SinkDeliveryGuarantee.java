package io.github.flinkpack.redis.config;

import org.apache.flink.annotation.PublicEvolving;

/**
 * What a checkpoint guarantees about buffered rows. Written in lower case in options, e.g. {@code
 * 'at-least-once'}.
 */
@PublicEvolving
public enum SinkDeliveryGuarantee {
    /** Every checkpoint and the end of input wait until all buffered rows are written. */
    AT_LEAST_ONCE,

    /**
     * The rows of a checkpoint, reduced per key, are applied once, after the checkpoint completes:
     * atomically per Redis node together with a marker that makes a repeated commit a no-op.
     */
    EXACTLY_ONCE,

    /**
     * Rows are written when the buffer is full or the flush interval passes; a failure may lose
     * buffered rows.
     */
    NONE;

    @Override
    public String toString() {
        return OptionText.of(this);
    }
}
