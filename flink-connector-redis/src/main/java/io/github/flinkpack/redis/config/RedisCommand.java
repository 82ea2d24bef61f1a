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
    SET(Kind.UPSERT),
    /** {@code INCRBY}/{@code INCRBYFLOAT key delta}: retract-aware counter. */
    INCR(Kind.COUNTER),
    /** {@code PEXPIRE}/{@code PEXPIREAT key ttl}: only sets the key's TTL. */
    EXPIRE(Kind.UPSERT),
    /** {@code HSET key field value ...}: upsert of hash fields by key. */
    HSET(Kind.UPSERT),
    /** {@code HINCRBY}/{@code HINCRBYFLOAT key field delta}: retract-aware hash counter. */
    HINCR(Kind.COUNTER),
    /** {@code SADD key member}; a retraction removes the member ({@code SREM}). */
    SADD(Kind.MEMBERSHIP),
    /** {@code ZADD key score member}; a retraction removes the member ({@code ZREM}). */
    ZADD(Kind.MEMBERSHIP),
    /** {@code ZINCRBY key delta member}: retract-aware score counter. */
    ZINCRBY(Kind.COUNTER),
    /** {@code LPUSH key value}, trimmed by {@code list.max-length}: append-only. */
    LPUSH(Kind.APPEND),
    /** {@code RPUSH key value}, trimmed by {@code list.max-length}: append-only. */
    RPUSH(Kind.APPEND),
    /** {@code PFADD key element}: append-only (a HyperLogLog cannot forget an element). */
    PFADD(Kind.APPEND),
    /** {@code XADD key [MAXLEN ~ n] id field value ...}: one stream entry per row, append-only. */
    XADD(Kind.APPEND),
    /** {@code PUBLISH channel message} (the key is the channel): append-only. */
    PUBLISH(Kind.APPEND);

    /** How a command treats the changelog. */
    private enum Kind {
        /** Upsert or delete by key: needs no UPDATE_BEFORE. */
        UPSERT,
        /** Adds deltas: subtracts retractions, so needs UPDATE_BEFORE. */
        COUNTER,
        /** Adds and removes members: removes the retracted one, so needs UPDATE_BEFORE. */
        MEMBERSHIP,
        /** Only appends: cannot take anything back, so takes inserts only. */
        APPEND
    }

    private final Kind kind;

    RedisCommand(Kind kind) {
        this.kind = kind;
    }

    /** Whether the command adds deltas (and so must see retractions to subtract them). */
    public boolean isCounter() {
        return kind == Kind.COUNTER;
    }

    /** Whether a retraction must carry the old row (the delta or member it takes back). */
    public boolean needsRetractions() {
        return kind == Kind.COUNTER || kind == Kind.MEMBERSHIP;
    }

    /** Whether the command only appends, so an updating query cannot feed it. */
    public boolean isAppendOnly() {
        return kind == Kind.APPEND;
    }

    /** SADD, ZADD, ZINCRBY: one write per (key, member), the member from the value column. */
    public boolean hasMembers() {
        return this == SADD || this == ZADD || this == ZINCRBY;
    }

    /** Whether lookup joins and scans read this table back: strings and hashes. */
    public boolean isReadable() {
        return !hasMembers() && !isAppendOnly();
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
