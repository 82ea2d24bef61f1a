package io.github.flinkpack.redis.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.flink.annotation.PublicEvolving;

/** The write a row becomes: the {@code command} option, case-insensitive. */
@PublicEvolving
public enum RedisCommand {
    /** {@code SET key value [PX ttl]}: upsert by key. */
    SET(false),
    /** {@code INCRBY}/{@code INCRBYFLOAT key delta}: retract-aware counter. */
    INCR(true),
    /** {@code PEXPIRE}/{@code PEXPIREAT key ttl}: only sets the key's TTL. */
    EXPIRE(false),
    /** {@code HSET key field value ...}: upsert of hash fields by key. */
    HSET(false),
    /** {@code HINCRBY}/{@code HINCRBYFLOAT key field delta}: retract-aware hash counter. */
    HINCR(true);

    private final boolean counter;

    RedisCommand(boolean counter) {
        this.counter = counter;
    }

    /** Whether the command adds deltas (and so must see retractions to subtract them). */
    public boolean isCounter() {
        return counter;
    }

    public boolean isHash() {
        return this == HSET || this == HINCR;
    }

    public static Optional<RedisCommand> parse(String text) {
        String normalized = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.name().equals(normalized)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
