package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.util.BigEndian;
import java.util.Arrays;

/**
 * Entries keyed by (key, field) in one growing byte array, with an open-addressing table of their
 * offsets: no object per key, for the hundreds of thousands of keys of a checkpoint interval. An
 * entry replaced by a newer one of the same (key, field) is marked dead; the log is compacted when
 * dead entries outweigh live ones. Appended entries are kept in order and never indexed.
 *
 * <p>Entry layout: kind (1 byte, {@link #DEAD} once replaced), entry length, key hash, key length,
 * key, field length (-1 for none), field (ints big-endian), then the payload, which the caller lays
 * out.
 */
final class EntryLog {

    static final byte DEAD = 0;

    /** The kind of entries that are never indexed nor replaced (appends). */
    static final byte UNINDEXED = -1;

    private static final int LENGTH = 1;
    private static final int HASH = 5;
    private static final int KEY = 9;
    private static final int COMPACT_AT_BYTES = 1 << 20;

    private byte[] log = new byte[1 << 16];
    private int end;
    private int deadBytes;

    /**
     * Per live entry its key hash (high half) and log offset + 1 (low half), 0 for a free slot; the
     * hash lets a probe pass other keys without reading the log. Capacity a power of two.
     */
    private long[] slots = new long[1 << 10];

    private int live;
    private int unindexed;

    /** The array the entries live in: valid until the next {@link #add}. */
    byte[] array() {
        return log;
    }

    boolean isEmpty() {
        return live == 0 && unindexed == 0;
    }

    /** Live indexed entries: distinct (key, field)s. */
    int size() {
        return live;
    }

    /** Live bytes, and room for each live entry's framing when rendered. */
    int liveBytes() {
        return end - deadBytes;
    }

    /** Bytes in use, dead entries included. */
    int bytes() {
        return end;
    }

    /** Where the entries end: iterate with {@code for (at = 0; at < end(); at = next(at))}. */
    int end() {
        return end;
    }

    int next(int at) {
        return at + intAt(at + LENGTH);
    }

    byte kind(int at) {
        return log[at];
    }

    /** Where the entry's key bytes start; {@link #keyLength} of them. */
    int keyAt(int at) {
        return at + KEY + 4;
    }

    int keyLength(int at) {
        return intAt(at + KEY);
    }

    /** Where the entry's field length (-1 for none) is; its bytes follow. */
    int fieldAt(int at) {
        return at + KEY + 4 + intAt(at + KEY);
    }

    /** Where the entry's payload starts: after its key and field. */
    int payload(int at) {
        int fieldAt = fieldAt(at);
        return fieldAt + 4 + Math.max(0, intAt(fieldAt));
    }

    /** The slot holding (key, field), or the free slot where it would go. */
    int find(int hash, byte[] key, byte[] field) {
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
    int entryAt(int slot) {
        return (int) slots[slot] - 1;
    }

    /** Appends an entry's header and room for {@code payloadLength} payload bytes. */
    int add(byte kind, int hash, byte[] key, byte[] field, int payloadLength) {
        int fieldLength = field == null ? 0 : field.length;
        int length = KEY + 4 + key.length + 4 + fieldLength + payloadLength;
        if (end + length > log.length) {
            log = Arrays.copyOf(log, Math.max(log.length * 2, end + length));
        }
        int at = end;
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
        end += length;
        if (kind == UNINDEXED) {
            unindexed++;
        }
        return at;
    }

    /** Points {@code slot} at the new entry {@code at}, marking {@code previous} (if any) dead. */
    void replace(int slot, int previous, int at) {
        slots[slot] = slotOf(intAt(at + HASH), at);
        if (previous >= 0) {
            log[previous] = DEAD;
            deadBytes += intAt(previous + LENGTH);
            if (deadBytes > COMPACT_AT_BYTES && deadBytes > end - deadBytes) {
                compact();
            }
        } else if (++live * 2 > slots.length) {
            rehash(slots.length * 2);
        }
    }

    /** Forgets every entry; keeps the arrays for the next interval. */
    void clear() {
        end = 0;
        deadBytes = 0;
        live = 0;
        unindexed = 0;
        Arrays.fill(slots, 0);
    }

    int intAt(int at) {
        return BigEndian.getInt(log, at);
    }

    void putInt(int at, int value) {
        BigEndian.putInt(log, at, value);
    }

    long longAt(int at) {
        return (long) intAt(at) << 32 | (intAt(at + 4) & 0xffffffffL);
    }

    void putLong(int at, long value) {
        putInt(at, (int) (value >>> 32));
        putInt(at + 4, (int) value);
    }

    static int hash(byte[] key, byte[] field) {
        int h = 31 * Arrays.hashCode(key) + (field == null ? 0 : Arrays.hashCode(field));
        return h ^ (h >>> 16);
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
        byte[] compacted = new byte[Math.max(1 << 16, (end - deadBytes) * 2)];
        int size = 0;
        for (int at = 0; at < end; at = next(at)) {
            if (log[at] != DEAD) {
                int length = intAt(at + LENGTH);
                System.arraycopy(log, at, compacted, size, length);
                size += length;
            }
        }
        log = compacted;
        end = size;
        deadBytes = 0;
        rehash(slots.length);
    }

    private void rehash(int capacity) {
        slots = new long[capacity];
        int mask = capacity - 1;
        for (int at = 0; at < end; at = next(at)) {
            if (log[at] != DEAD && log[at] != UNINDEXED) {
                int hash = intAt(at + HASH);
                int slot = hash & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = slotOf(hash, at);
            }
        }
    }
}
