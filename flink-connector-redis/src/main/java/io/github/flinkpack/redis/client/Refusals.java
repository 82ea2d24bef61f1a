package io.github.flinkpack.redis.client;

import io.github.flinkpack.redis.config.RedisConnectionConfig;

/**
 * The writes Redis refused within a step that applied the rest (and its marker): reported by key,
 * the first ten in full, as one error that is not retried (a retry would change nothing).
 */
final class Refusals {

    private static final int MAX_REPORTED = 10;

    private final StringBuilder reported = new StringBuilder();
    private int count;

    void add(byte[] key, String error) {
        if (count < MAX_REPORTED) {
            reported.append(reported.length() == 0 ? "" : "; ")
                    .append("key '")
                    .append(RedisCommandException.printable(key))
                    .append("': ")
                    .append(error);
        }
        count++;
    }

    /** Throws when anything was refused; {@code of} names the step, e.g. "a counter batch". */
    void throwIfAny(RedisConnectionConfig config, String of) throws RedisCommandException {
        if (count > 0) {
            throw new RedisCommandException(
                    "Redis at "
                            + config.describe()
                            + " refused "
                            + count
                            + " write(s) of "
                            + of
                            + ": "
                            + reported,
                    false,
                    null);
        }
    }
}
