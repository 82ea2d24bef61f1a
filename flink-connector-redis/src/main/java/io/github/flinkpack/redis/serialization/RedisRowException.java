package io.github.flinkpack.redis.serialization;

/** A row the sink cannot write under its configured policies. */
public final class RedisRowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RedisRowException(String message) {
        super(message);
    }
}
