package io.github.flinkpack.redis.config;

import org.apache.flink.annotation.PublicEvolving;

/**
 * How value columns become the Redis value. Written in lower case in options, e.g. {@code 'text'}.
 */
@PublicEvolving
public enum ValueFormat {
    /** The single value column rendered as text. */
    TEXT,

    /** All value columns as one JSON object, keyed by column name. */
    JSON;

    @Override
    public String toString() {
        return OptionText.of(this);
    }
}
