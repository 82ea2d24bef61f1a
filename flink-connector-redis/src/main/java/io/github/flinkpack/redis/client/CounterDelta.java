package io.github.flinkpack.redis.client;

import io.github.flinkpack.redis.serialization.Expiry;

/**
 * A net change to one counter within a batch: INCRBY, INCRBYFLOAT, HINCRBY, HINCRBYFLOAT or ZINCRBY
 * by {@code delta}, or DEL, HDEL, ZREM; then optionally an expiry.
 */
public final class CounterDelta {

    /** The Redis operation a counter delta becomes. */
    public enum Operation {
        INCRBY,
        INCRBYFLOAT,
        HINCRBY,
        HINCRBYFLOAT,
        DEL,
        HDEL,
        /** A sorted-set member's score; {@code field} is the member. */
        ZINCRBY,
        ZREM;

        private final byte[] wireName = name().getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        byte[] wireName() {
            return wireName;
        }
    }

    final byte[] key;
    final byte[] field;
    final Operation operation;
    final String delta;
    final Expiry expiry;
    final boolean expiryOnlyIfNone;

    public CounterDelta(
            byte[] key,
            byte[] field,
            Operation operation,
            String delta,
            Expiry expiry,
            boolean expiryOnlyIfNone) {
        this.key = key;
        this.field = field;
        this.operation = operation;
        this.delta = delta;
        this.expiry = expiry;
        this.expiryOnlyIfNone = expiryOnlyIfNone;
    }

    @Override
    public String toString() {
        return operation + " " + RedisCommandException.printable(key) + " " + delta;
    }
}
