package io.github.flinkpack.redis.config;

import org.apache.flink.annotation.PublicEvolving;

/**
 * What a row whose single value column is NULL does. Written in lower case in options, e.g. {@code
 * 'fail'}.
 */
@PublicEvolving
public enum NullValuePolicy {
    /** Fail the job, naming the column. */
    FAIL,

    /** Drop the row and count it in the numNullValueRowsSkipped metric. */
    SKIP,

    /** Treat the row as a delete of its key. */
    DELETE;

    @Override
    public String toString() {
        return OptionText.of(this);
    }
}
