package io.github.flinkpack.redis.config;

import org.apache.flink.annotation.PublicEvolving;

/** When a TTL is applied to a key. Written in lower case in options, e.g. {@code 'always'}. */
@PublicEvolving
public enum TtlMode {
    /** Every write sets the TTL again (sliding expiry). */
    ALWAYS,

    /**
     * The TTL is set once, when the key has none ({@code PEXPIRE ... NX}); later writes never
     * extend it.
     */
    ON_CREATE;

    @Override
    public String toString() {
        return OptionText.of(this);
    }
}
