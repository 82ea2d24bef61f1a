package io.github.flinkpack.redis.serialization;

import io.github.flinkpack.redis.client.KeyedCommand;
import java.math.BigDecimal;
import java.util.List;

/** Receives the Redis writes a row turns into. {@code expiry} may be null (no TTL). */
public interface MutationCollector {

    void set(byte[] key, byte[] value, Expiry expiry);

    void delete(byte[] key);

    /** HSET of a row that owns the whole hash; {@code nullFields} are removed from it (HDEL). */
    void hashSet(byte[] key, List<byte[]> fieldsAndValues, List<byte[]> nullFields, Expiry expiry);

    /** HSET of one field (the {@code hash.field} mapping): fields of a key are independent. */
    void hashSetField(byte[] key, byte[] field, byte[] value, Expiry expiry);

    void hashDelete(byte[] key, byte[] field);

    /** Adds an integer delta; {@code field} is null for INCRBY, a hash field for HINCRBY. */
    void increment(byte[] key, byte[] field, long delta, Expiry expiry);

    /** Adds a decimal delta (INCRBYFLOAT / HINCRBYFLOAT). */
    void incrementFloat(byte[] key, byte[] field, BigDecimal delta, Expiry expiry);

    void expire(byte[] key, Expiry expiry);

    /**
     * SADD, ZADD or PFADD of one member: of the writes and removals of one (key, member), the last
     * wins. {@code expiry} applies to the whole key.
     */
    void memberWrite(byte[] member, KeyedCommand write, Expiry expiry);

    /** SREM or ZREM of one member. */
    void memberRemove(byte[] member, KeyedCommand removal);

    /**
     * The commands of one appending row (LPUSH + LTRIM, XADD, PUBLISH), never merged with others:
     * the appends to one key keep their order. {@code expiry} applies to the whole key after them.
     */
    void append(List<KeyedCommand> commands, Expiry expiry);
}
