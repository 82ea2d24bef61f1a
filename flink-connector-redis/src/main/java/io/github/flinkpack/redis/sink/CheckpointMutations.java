package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.client.KeyedCommand;
import io.github.flinkpack.redis.client.RespBlock;
import io.github.flinkpack.redis.client.RespBuilder;
import io.github.flinkpack.redis.config.TtlMode;
import io.github.flinkpack.redis.serialization.Expiry;
import io.github.flinkpack.redis.serialization.MutationCollector;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The writes of one checkpoint of an exactly-once writer, reduced per key (and hash field) as
 * {@link MutationBuffer} reduces them: the last upsert or delete of a key wins, counter deltas are
 * summed. Unlike that buffer, which holds at most one flush, this one holds a whole checkpoint
 * interval (hundreds of thousands of keys), so it keeps no object per key: entries are appended to
 * one byte log, writes already encoded as the RESP commands they commit as, and an open-addressing
 * table of log offsets finds a key's entry. A key written again has its old entry marked dead; the
 * log is compacted when dead entries outweigh live ones.
 *
 * <p>Entry layout: kind (1 byte), entry length, key hash, key length, key, field length (-1 for
 * none), field (ints big-endian), then for writes and deletes the command count and the commands,
 * for plain SETs the value length and value, for counters: delete-first flag (1 byte), integer sum
 * (8), decimal index (4, -1 for none), expiry kind (1: none, relative, absolute) and expiry millis
 * (8).
 */
final class CheckpointMutations implements MutationCollector {

    private static final byte DEAD = 0;
    private static final byte WRITE = 1;
    private static final byte DELETE = 2;
    private static final byte COUNTER = 3;

    /** A SET without expiry: the payload is just the value, so runs of them commit as MSET. */
    private static final byte VALUE = 4;

    /** An appending row's commands (LPUSH, XADD, PUBLISH, ...): never indexed, never replaced. */
    private static final byte APPEND = 5;

    private static final int KIND = 0;
    private static final int LENGTH = 1;
    private static final int HASH = 5;
    private static final int KEY = 9;

    private static final byte NO_EXPIRY = 0;
    private static final byte RELATIVE = 1;
    private static final byte ABSOLUTE = 2;

    private static final int COUNTER_PAYLOAD = 1 + 8 + 4 + 1 + 8;
    private static final int COMPACT_AT_BYTES = 1 << 20;

    /** Keys per MSET: large enough to save Redis the per-command work, small per reply. */
    private static final int MSET_KEYS = 512;

    private static final byte[] SET = ascii("SET");
    private static final byte[] MSET = ascii("MSET");
    private static final byte[] DEL = ascii("DEL");
    private static final byte[] HSET = ascii("HSET");
    private static final byte[] HDEL = ascii("HDEL");
    private static final byte[] INCRBY = ascii("INCRBY");
    private static final byte[] HINCRBY = ascii("HINCRBY");
    private static final byte[] INCRBYFLOAT = ascii("INCRBYFLOAT");
    private static final byte[] HINCRBYFLOAT = ascii("HINCRBYFLOAT");
    private static final byte[] PEXPIRE = ascii("PEXPIRE");
    private static final byte[] PEXPIREAT = ascii("PEXPIREAT");
    private static final byte[] PX = ascii("PX");
    private static final byte[] PXAT = ascii("PXAT");
    private static final byte[] KEEPTTL = ascii("KEEPTTL");
    private static final byte[] NX = ascii("NX");
    private static final byte[] ZINCRBY = ascii("ZINCRBY");
    private static final byte[] ZREM = ascii("ZREM");

    private final boolean expireOnCreate;
    private final boolean scoreCounters;
    private final RespBuilder scratch = new RespBuilder(256);
    private final List<BigDecimal> decimals = new ArrayList<>();

    private byte[] log = new byte[1 << 16];
    private int logSize;
    private int deadBytes;

    /**
     * Per live entry its key hash (high half) and log offset + 1 (low half), 0 for a free slot; the
     * hash lets a probe pass other keys without reading the log. Capacity a power of two.
     */
    private long[] slots = new long[1 << 10];

    private int live;
    private int appends;

    CheckpointMutations(TtlMode ttlMode) {
        this(ttlMode, false);
    }

    /** {@code scoreCounters}: the counters' fields are sorted-set members (ZINCRBY, ZREM). */
    CheckpointMutations(TtlMode ttlMode, boolean scoreCounters) {
        this.expireOnCreate = ttlMode == TtlMode.ON_CREATE;
        this.scoreCounters = scoreCounters;
    }

    boolean isEmpty() {
        return live == 0 && appends == 0;
    }

    /** Distinct keys (and hash fields) waiting. */
    int size() {
        return live;
    }

    /** The log's size in bytes, dead entries included. */
    int logBytes() {
        return logSize;
    }

    /** The live entries as RESP commands, in the order of their last write; empties the buffer. */
    RespBlock drain() {
        RespBuilder out = new RespBuilder(logSize - deadBytes + live * 16);
        for (int at = 0; at < logSize; ) {
            byte kind = log[at];
            if (kind == VALUE) {
                at = renderValues(at, out);
                continue;
            }
            if (kind == WRITE || kind == DELETE || kind == APPEND) {
                int commandsAt = payload(at);
                int end = at + intAt(at + LENGTH);
                out.append(log, commandsAt + 4, end - commandsAt - 4, intAt(commandsAt));
            } else if (kind == COUNTER) {
                renderCounter(at, out);
            }
            at += intAt(at + LENGTH);
        }
        logSize = 0;
        deadBytes = 0;
        live = 0;
        appends = 0;
        decimals.clear();
        Arrays.fill(slots, 0);
        return out.toBlock();
    }

    @Override
    public void set(byte[] key, byte[] value, Expiry expiry) {
        scratch.reset();
        if (expiry == null) {
            putValue(key, value);
            return;
        }
        if (expireOnCreate) {
            scratch.command(SET, key, value, KEEPTTL);
            expiryCommand(key, expiry, scratch);
        } else {
            scratch.begin(5).bulk(SET).bulk(key).bulk(value);
            scratch.bulk(expiry.isAbsolute() ? PXAT : PX).bulk(expiry.millis());
        }
        putWrite(WRITE, key, null);
    }

    @Override
    public void delete(byte[] key) {
        scratch.reset().command(DEL, key);
        putWrite(DELETE, key, null);
    }

    @Override
    public void hashSet(
            byte[] key, List<byte[]> fieldsAndValues, List<byte[]> nullFields, Expiry expiry) {
        scratch.reset().begin(2 + fieldsAndValues.size()).bulk(HSET).bulk(key);
        for (byte[] part : fieldsAndValues) {
            scratch.bulk(part);
        }
        if (!nullFields.isEmpty()) {
            scratch.begin(2 + nullFields.size()).bulk(HDEL).bulk(key);
            for (byte[] field : nullFields) {
                scratch.bulk(field);
            }
        }
        expiryCommand(key, expiry, scratch);
        putWrite(WRITE, key, null);
    }

    @Override
    public void hashSetField(byte[] key, byte[] field, byte[] value, Expiry expiry) {
        scratch.reset().command(HSET, key, field, value);
        expiryCommand(key, expiry, scratch);
        putWrite(WRITE, key, field);
    }

    @Override
    public void hashDelete(byte[] key, byte[] field) {
        scratch.reset().command(HDEL, key, field);
        putWrite(DELETE, key, field);
    }

    @Override
    public void expire(byte[] key, Expiry expiry) {
        scratch.reset();
        expiryCommand(key, expiry, scratch);
        putWrite(WRITE, key, null);
    }

    @Override
    public void memberWrite(byte[] member, KeyedCommand write, Expiry expiry) {
        scratch.reset();
        write.writeTo(scratch);
        expiryCommand(write.key(), expiry, scratch);
        putWrite(WRITE, write.key(), member);
    }

    @Override
    public void memberRemove(byte[] member, KeyedCommand removal) {
        scratch.reset();
        removal.writeTo(scratch);
        putWrite(DELETE, removal.key(), member);
    }

    @Override
    public void append(List<KeyedCommand> commands, Expiry expiry) {
        scratch.reset();
        for (KeyedCommand command : commands) {
            command.writeTo(scratch);
        }
        byte[] key = commands.get(0).key();
        expiryCommand(key, expiry, scratch);
        int at = startEntry(APPEND, 0, key, null, 4 + scratch.size());
        int commandsAt = payload(at);
        putInt(commandsAt, scratch.commands());
        System.arraycopy(scratch.buffer(), 0, log, commandsAt + 4, scratch.size());
        appends++;
    }

    @Override
    public void increment(byte[] key, byte[] field, long delta, Expiry expiry) {
        addToCounter(key, field, delta, null, expiry);
    }

    @Override
    public void incrementFloat(byte[] key, byte[] field, BigDecimal delta, Expiry expiry) {
        addToCounter(key, field, 0L, delta, expiry);
    }

    /**
     * Sums into the key's counter entry; after a delete of the key, the counter starts anew. A row
     * without an expiry keeps the one an earlier row set, as it would stay in Redis row by row.
     */
    private void addToCounter(
            byte[] key, byte[] field, long longDelta, BigDecimal decimalDelta, Expiry expiry) {
        int hash = hash(key, field);
        int slot = find(hash, key, field);
        int previous = entryAt(slot);
        if (previous >= 0 && log[previous] == COUNTER && (field == null || expiry == null)) {
            int sums = payload(previous) + 1;
            addToCounterIn(sums, longDelta, decimalDelta);
            if (expiry != null) {
                putExpiry(sums + 12, expiry);
            }
            return;
        }
        int at = startEntry(COUNTER, hash, key, field, COUNTER_PAYLOAD);
        int sums = payload(at) + 1;
        if (previous >= 0 && log[previous] == COUNTER) {
            // A hash field's counter with a new expiry moves behind the key's other fields, so
            // the expiry written last is applied last, as row by row.
            System.arraycopy(log, payload(previous), log, sums - 1, COUNTER_PAYLOAD);
            addToCounterIn(sums, longDelta, decimalDelta);
        } else {
            log[sums - 1] = (byte) (previous >= 0 && log[previous] == DELETE ? 1 : 0);
            putLong(sums, decimalDelta == null ? longDelta : 0L);
            if (decimalDelta == null) {
                putInt(sums + 8, -1);
            } else {
                putInt(sums + 8, decimals.size());
                decimals.add(decimalDelta);
            }
        }
        putExpiry(sums + 12, expiry);
        replace(slot, previous, at);
    }

    /** Adds a delta to the sums of the counter entry whose integer sum is at {@code sums}. */
    private void addToCounterIn(int sums, long longDelta, BigDecimal decimalDelta) {
        if (decimalDelta != null) {
            int index = intAt(sums + 8);
            if (index < 0) {
                putInt(sums + 8, decimals.size());
                decimals.add(decimalDelta);
            } else {
                decimals.set(index, decimals.get(index).add(decimalDelta));
            }
        } else {
            putLong(sums, Math.addExact(longAt(sums), longDelta));
        }
    }

    private void renderCounter(int at, RespBuilder out) {
        boolean hashField = intAt(fieldAt(at)) >= 0;
        int parts = hashField ? 3 : 2;
        int flags = payload(at);
        if (log[flags] == 1) {
            byte[] delete = !hashField ? DEL : scoreCounters ? ZREM : HDEL;
            keyAndField(out.begin(parts).bulk(delete), at);
        }
        int decimal = intAt(flags + 9);
        if (hashField && scoreCounters) {
            int fieldAt = fieldAt(at);
            out.begin(4).bulk(ZINCRBY).bulk(log, at + KEY + 4, intAt(at + KEY));
            if (decimal >= 0) {
                out.bulk(ascii(decimals.get(decimal).toPlainString()));
            } else {
                out.bulk(longAt(flags + 1));
            }
            out.bulk(log, fieldAt + 4, intAt(fieldAt));
        } else if (decimal >= 0) {
            byte[] sum = ascii(decimals.get(decimal).toPlainString());
            keyAndField(out.begin(parts + 1).bulk(hashField ? HINCRBYFLOAT : INCRBYFLOAT), at)
                    .bulk(sum);
        } else {
            keyAndField(out.begin(parts + 1).bulk(hashField ? HINCRBY : INCRBY), at)
                    .bulk(longAt(flags + 1));
        }
        byte expiryKind = log[flags + 13];
        if (expiryKind != NO_EXPIRY) {
            out.begin(expireOnCreate ? 4 : 3).bulk(expiryKind == ABSOLUTE ? PEXPIREAT : PEXPIRE);
            out.bulk(log, at + KEY + 4, intAt(at + KEY)).bulk(longAt(flags + 14));
            if (expireOnCreate) {
                out.bulk(NX);
            }
        }
    }

    /** Appends the key of the entry at {@code at}, and its hash field if it has one. */
    private RespBuilder keyAndField(RespBuilder out, int at) {
        out.bulk(log, at + KEY + 4, intAt(at + KEY));
        int fieldAt = fieldAt(at);
        int fieldLength = intAt(fieldAt);
        return fieldLength < 0 ? out : out.bulk(log, fieldAt + 4, fieldLength);
    }

    private void expiryCommand(byte[] key, Expiry expiry, RespBuilder out) {
        if (expiry == null) {
            return;
        }
        out.begin(expireOnCreate ? 4 : 3)
                .bulk(expiry.isAbsolute() ? PEXPIREAT : PEXPIRE)
                .bulk(key)
                .bulk(expiry.millis());
        if (expireOnCreate) {
            out.bulk(NX);
        }
    }

    private void putValue(byte[] key, byte[] value) {
        int hash = hash(key, null);
        int slot = find(hash, key, null);
        int previous = entryAt(slot);
        int at = startEntry(VALUE, hash, key, null, 4 + value.length);
        int valueAt = payload(at);
        putInt(valueAt, value.length);
        System.arraycopy(value, 0, log, valueAt + 4, value.length);
        replace(slot, previous, at);
    }

    /**
     * Renders the run of live {@link #VALUE} entries starting at {@code at} (dead entries between
     * them skipped) as MSETs of up to {@link #MSET_KEYS} keys, or one SET; returns where the run
     * ends. One MSET costs Redis much less than as many SETs, and sets the same keys in order.
     */
    private int renderValues(int at, RespBuilder out) {
        int end = at;
        int keys = 0;
        while (end < logSize && keys < MSET_KEYS && (log[end] == VALUE || log[end] == DEAD)) {
            keys += log[end] == VALUE ? 1 : 0;
            end += intAt(end + LENGTH);
        }
        out.begin(1 + 2 * keys).bulk(keys == 1 ? SET : MSET);
        for (int entry = at; entry < end; entry += intAt(entry + LENGTH)) {
            if (log[entry] == VALUE) {
                int keyAt = entry + KEY + 4;
                out.bulk(log, keyAt, intAt(entry + KEY));
                int valueAt = payload(entry);
                out.bulk(log, valueAt + 4, intAt(valueAt));
            }
        }
        return end;
    }

    /** Appends the commands in {@link #scratch} as the entry of (key, field), replacing any. */
    private void putWrite(byte kind, byte[] key, byte[] field) {
        int hash = hash(key, field);
        int slot = find(hash, key, field);
        int previous = entryAt(slot);
        int at = startEntry(kind, hash, key, field, 4 + scratch.size());
        int commandsAt = payload(at);
        putInt(commandsAt, scratch.commands());
        System.arraycopy(scratch.buffer(), 0, log, commandsAt + 4, scratch.size());
        replace(slot, previous, at);
    }

    /** Points {@code slot} at the new entry {@code at}, marking {@code previous} (if any) dead. */
    private void replace(int slot, int previous, int at) {
        slots[slot] = slotOf(intAt(at + HASH), at);
        if (previous >= 0) {
            log[previous] = DEAD;
            deadBytes += intAt(previous + LENGTH);
            if (deadBytes > COMPACT_AT_BYTES && deadBytes > logSize - deadBytes) {
                compact();
            }
        } else if (++live * 2 > slots.length) {
            rehash(slots.length * 2);
        }
    }

    /** Appends an entry's header (kind, length, hash, key, field) and room for its payload. */
    private int startEntry(byte kind, int hash, byte[] key, byte[] field, int payloadLength) {
        int fieldLength = field == null ? 0 : field.length;
        int length = KEY + 4 + key.length + 4 + fieldLength + payloadLength;
        ensure(length);
        int at = logSize;
        log[at] = kind;
        putInt(at + LENGTH, length);
        putInt(at + HASH, hash);
        putInt(at + KEY, key.length);
        System.arraycopy(key, 0, log, at + KEY + 4, key.length);
        int fieldAt = at + KEY + 4 + key.length;
        putInt(fieldAt, field == null ? -1 : field.length);
        if (field != null) {
            System.arraycopy(field, 0, log, fieldAt + 4, field.length);
        }
        logSize += length;
        return at;
    }

    /** The slot holding (key, field), or the free slot where it would go. */
    private int find(int hash, byte[] key, byte[] field) {
        int mask = slots.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            long taken = slots[slot];
            if (taken == 0
                    || ((int) (taken >>> 32) == hash && sameKey(entryAt(slot), key, field))) {
                return slot;
            }
        }
    }

    /** The log offset of the entry in {@code slot}, -1 for a free slot. */
    private int entryAt(int slot) {
        return (int) slots[slot] - 1;
    }

    private static long slotOf(int hash, int at) {
        return (long) hash << 32 | (at + 1);
    }

    private boolean sameKey(int at, byte[] key, byte[] field) {
        int keyAt = at + KEY + 4;
        if (intAt(at + KEY) != key.length
                || !Arrays.equals(log, keyAt, keyAt + key.length, key, 0, key.length)) {
            return false;
        }
        int fieldAt = keyAt + key.length;
        int fieldLength = intAt(fieldAt);
        if (field == null || fieldLength < 0) {
            return field == null && fieldLength < 0;
        }
        return fieldLength == field.length
                && Arrays.equals(
                        log, fieldAt + 4, fieldAt + 4 + fieldLength, field, 0, field.length);
    }

    /** Copies the live entries to the front of the log and points the table at them anew. */
    private void compact() {
        byte[] compacted = new byte[Math.max(1 << 16, (logSize - deadBytes) * 2)];
        int size = 0;
        for (int at = 0; at < logSize; at += intAt(at + LENGTH)) {
            if (log[at] != DEAD) {
                int length = intAt(at + LENGTH);
                System.arraycopy(log, at, compacted, size, length);
                size += length;
            }
        }
        log = compacted;
        logSize = size;
        deadBytes = 0;
        rehash(slots.length);
    }

    private void rehash(int capacity) {
        slots = new long[capacity];
        int mask = capacity - 1;
        for (int at = 0; at < logSize; at += intAt(at + LENGTH)) {
            if (log[at] != DEAD && log[at] != APPEND) {
                int hash = intAt(at + HASH);
                int slot = hash & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = slotOf(hash, at);
            }
        }
    }

    /** Where an entry's payload starts: after its key and field. */
    private int payload(int at) {
        int fieldAt = fieldAt(at);
        return fieldAt + 4 + Math.max(0, intAt(fieldAt));
    }

    /** Where an entry's field length (-1 for none) is. */
    private int fieldAt(int at) {
        return at + KEY + 4 + intAt(at + KEY);
    }

    private void putExpiry(int at, Expiry expiry) {
        log[at] = expiry == null ? NO_EXPIRY : expiry.isAbsolute() ? ABSOLUTE : RELATIVE;
        putLong(at + 1, expiry == null ? 0L : expiry.millis());
    }

    private void ensure(int more) {
        if (logSize + more > log.length) {
            log = Arrays.copyOf(log, Math.max(log.length * 2, logSize + more));
        }
    }

    private int intAt(int at) {
        return (log[at] & 0xff) << 24
                | (log[at + 1] & 0xff) << 16
                | (log[at + 2] & 0xff) << 8
                | (log[at + 3] & 0xff);
    }

    private void putInt(int at, int value) {
        log[at] = (byte) (value >>> 24);
        log[at + 1] = (byte) (value >>> 16);
        log[at + 2] = (byte) (value >>> 8);
        log[at + 3] = (byte) value;
    }

    private long longAt(int at) {
        return (long) intAt(at) << 32 | (intAt(at + 4) & 0xffffffffL);
    }

    private void putLong(int at, long value) {
        putInt(at, (int) (value >>> 32));
        putInt(at + 4, (int) value);
    }

    private static int hash(byte[] key, byte[] field) {
        int h = 31 * Arrays.hashCode(key) + (field == null ? 0 : Arrays.hashCode(field));
        return h ^ (h >>> 16);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
