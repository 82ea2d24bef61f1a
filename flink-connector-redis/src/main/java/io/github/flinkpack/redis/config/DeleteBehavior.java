package io.github.flinkpack.redis.config;

import org.apache.flink.annotation.PublicEvolving;

/**
 * What a DELETE (or UPDATE_BEFORE) row does to a SET/HSET key. Written in lower case in options,
 * e.g. {@code 'delete'}.
 */
@PublicEvolving
public enum DeleteBehavior {
    /** {@code DEL} the key ({@code HDEL} the field with {@code hash.field}). */
    DELETE,

    /** Keep the key; the row is dropped and counted. */
    IGNORE;

    @Override
    public String toString() {
        return OptionText.of(this);
    }
}
