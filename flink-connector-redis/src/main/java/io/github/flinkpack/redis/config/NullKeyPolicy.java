package io.github.flinkpack.redis.config;

import org.apache.flink.annotation.PublicEvolving;

/**
 * What a row whose key column is NULL does. Written in lower case in options, e.g. {@code 'fail'}.
 */
@PublicEvolving
public enum NullKeyPolicy {
    /** Fail the job, naming the column. */
    FAIL,

    /** Drop the row and count it in the numNullKeyRowsSkipped metric. */
    SKIP;

    @Override
    public String toString() {
        return OptionText.of(this);
    }
}
