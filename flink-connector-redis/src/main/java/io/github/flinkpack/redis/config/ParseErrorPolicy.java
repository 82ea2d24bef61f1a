package io.github.flinkpack.redis.config;

import org.apache.flink.annotation.PublicEvolving;

/**
 * What a lookup does with a Redis value that cannot be read as its column's type. Written in lower
 * case in options, e.g. {@code 'null'}.
 */
@PublicEvolving
public enum ParseErrorPolicy {
    /** Fail the job, naming the table, key, column and value. */
    FAIL,

    /** Give the column NULL and count it in the numParseErrors metric. */
    NULL;

    @Override
    public String toString() {
        return OptionText.of(this);
    }
}
