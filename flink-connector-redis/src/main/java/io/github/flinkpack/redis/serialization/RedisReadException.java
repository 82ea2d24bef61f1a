package io.github.flinkpack.redis.serialization;

/** A Redis key or value that does not read back as the table's columns. */
public final class RedisReadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RedisReadException(String message) {
        super(message);
    }
}
