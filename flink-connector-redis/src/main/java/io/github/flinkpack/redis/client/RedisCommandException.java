package io.github.flinkpack.redis.client;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import java.nio.charset.StandardCharsets;

/**
 * A batch of writes or reads that Redis did not fully serve; {@link #isRetryable()} says whether to
 * try again.
 */
public final class RedisCommandException extends Exception {

    private static final long serialVersionUID = 1L;

    private static final String[] TRANSIENT_ERRORS = {
        "TRYAGAIN",
        "CLUSTERDOWN",
        "LOADING",
        "BUSY",
        "READONLY",
        "MASTERDOWN",
        "NOREPLICAS",
        "MOVED",
        "ASK"
    };

    private final boolean retryable;

    public RedisCommandException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean isRetryable() {
        return retryable;
    }

    /** Whether a Redis error reply (e.g. "LOADING ...") can go away by itself. */
    static boolean isTransientReply(String error) {
        for (String prefix : TRANSIENT_ERRORS) {
            if (error.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** A key for messages: UTF-8 text, shortened to 200 characters. */
    static String printable(byte[] key) {
        String text = new String(key, StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /** Redis answered {@code error} to {@code what}; retryable when the error can go away. */
    static RedisCommandException rejected(RedisConnectionConfig config, String what, String error) {
        return new RedisCommandException(
                "Redis at " + config.describe() + " rejected " + what + ": " + error,
                isTransientReply(error),
                null);
    }

    /** A reply as text for messages: bulk strings as UTF-8. */
    static String text(Object reply) {
        return reply instanceof byte[]
                ? new String((byte[]) reply, StandardCharsets.UTF_8)
                : String.valueOf(reply);
    }

    /**
     * Redis could not be reached (or the connection broke) while doing {@code what}, e.g. "Writing
     * a batch of 10 to": retryable.
     */
    static RedisCommandException unreachable(
            RedisConnectionConfig config, String what, RuntimeException cause) {
        return new RedisCommandException(
                what + " " + config.describe() + " failed: " + cause.getMessage(), true, cause);
    }
}
