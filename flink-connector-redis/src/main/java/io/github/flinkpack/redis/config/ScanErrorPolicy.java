package io.github.flinkpack.redis.config;

import org.apache.flink.annotation.PublicEvolving;

/**
 * What a scan does with a key under the prefix that is not a row of the table: its name does not
 * split into the key columns, its value cannot be read as the columns' types, or it holds another
 * Redis type. Written in lower case in options, e.g. {@code 'skip'}.
 */
@PublicEvolving
public enum ScanErrorPolicy {
    /** Fail the job, naming the table, key and what is wrong with it. */
    FAIL,

    /** Leave the key out and count it in the numKeysSkipped metric. */
    SKIP;

    @Override
    public String toString() {
        return OptionText.of(this);
    }
}
