package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.client.KeyedCommand;
import io.github.flinkpack.redis.client.RespBuilder;
import io.github.flinkpack.redis.config.TtlMode;
import io.github.flinkpack.redis.serialization.Expiry;
import io.github.flinkpack.redis.serialization.MutationCollector;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes of one checkpoint of an exactly-once writer, reduced per key (and hash field) as
 * {@link MutationBuffer} reduces them: the last upsert or delete of a key wins, counter deltas are
 * summed. Unlike that buffer, which holds at most one flush, this one holds a whole checkpoint
 * interval (hundreds of thousands of keys), so it keeps its entries in an {@link EntryLog}: plain
 * SETs and integer counters as bare values and sums, the other writes already encoded as the RESP
 * commands they commit as. It drains into {@link PackedWrites}.
 *
 * <p>Payloads: for writes, deletes and appends the command count and the commands; for plain SETs
 * the value length and value; for counters: delete-first flag (1 byte), integer sum (8), decimal
 * index (4, -1 for none), expiry kind (1: none, relative, absolute) and expiry millis (8).
 */
final class CheckpointMutations implements MutationCollector {

    private static final byte DEAD = EntryLog.DEAD;
    private static final byte WRITE = 1;
    private static final byte DELETE = 2;
    private static final byte COUNTER = 3;

    /** A SET without expiry: the payload is just the value, so runs of them commit as MSET. */
    private static final byte VALUE = 4;

    /** An appending row's commands (LPUSH, XADD, PUBLISH, ...): never indexed, never replaced. */
    private static final byte APPEND = EntryLog.UNINDEXED;

    private static final byte NO_EXPIRY = 0;
    private static final byte RELATIVE = 1;
    private static final byte ABSOLUTE = 2;

    private static final int COUNTER_PAYLOAD = 1 + 8 + 4 + 1 + 8;

    /** Keys per MSET: large enough to save Redis the per-command work, small per reply. */
    private static final int MSET_KEYS = 512;

    private static final byte[] SET = ascii("SET");
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

    private final EntryLog entries = new EntryLog();

    CheckpointMutations(TtlMode ttlMode) {
        this(ttlMode, false);
    }

    /** {@code scoreCounters}: the counters' fields are sorted-set members (ZINCRBY, ZREM). */
    CheckpointMutations(TtlMode ttlMode, boolean scoreCounters) {
        this.expireOnCreate = ttlMode == TtlMode.ON_CREATE;
        this.scoreCounters = scoreCounters;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Distinct keys (and hash fields) waiting. */
    int size() {
        return entries.size();
    }

    /** The log's size in bytes, dead entries included. */
    int logBytes() {
        return entries.bytes();
    }

    /**
     * The live entries in the order of their last write, packed ({@link PackedWrites}); empties the
     * buffer.
     */
    PackedWrites drain() {
        PackedWrites.Builder out = new PackedWrites.Builder(entries.liveBytes());
        for (int at = 0; at < entries.end(); ) {
            byte kind = entries.kind(at);
            if (kind == VALUE) {
                at = packValues(at, out);
                continue;
            }
            if (kind == WRITE || kind == DELETE || kind == APPEND) {
                int commandsAt = entries.payload(at);
                int end = entries.next(at);
                out.resp(log(), commandsAt + 4, end - commandsAt - 4, intAt(commandsAt));
            } else if (kind == COUNTER) {
                packCounter(at, out);
            }
            at = entries.next(at);
        }
        entries.clear();
        decimals.clear();
        return out.build();
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
        int at = entries.add(APPEND, 0, key, null, 4 + scratch.size());
        writeCommands(at);
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
        int hash = EntryLog.hash(key, field);
        int slot = entries.find(hash, key, field);
        int previous = entries.entryAt(slot);
        if (previous >= 0 && log()[previous] == COUNTER && (field == null || expiry == null)) {
            int sums = entries.payload(previous) + 1;
            addToCounterIn(sums, longDelta, decimalDelta);
            if (expiry != null) {
                putExpiry(sums + 12, expiry);
            }
            return;
        }
        int at = entries.add(COUNTER, hash, key, field, COUNTER_PAYLOAD);
        int sums = entries.payload(at) + 1;
        if (previous >= 0 && log()[previous] == COUNTER) {
            // A hash field's counter with a new expiry moves behind the key's other fields, so
            // the expiry written last is applied last, as row by row.
            System.arraycopy(log(), entries.payload(previous), log(), sums - 1, COUNTER_PAYLOAD);
            addToCounterIn(sums, longDelta, decimalDelta);
        } else {
            log()[sums - 1] = (byte) (previous >= 0 && log()[previous] == DELETE ? 1 : 0);
            putLong(sums, decimalDelta == null ? longDelta : 0L);
            if (decimalDelta == null) {
                putInt(sums + 8, -1);
            } else {
                putInt(sums + 8, decimals.size());
                decimals.add(decimalDelta);
            }
        }
        putExpiry(sums + 12, expiry);
        entries.replace(slot, previous, at);
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

    /**
     * Packs an integer counter with no delete before it and no expiry as its key (and field) and
     * delta; renders any other as RESP.
     */
    private void packCounter(int at, PackedWrites.Builder out) {
        int flags = entries.payload(at);
        int fieldAt = entries.fieldAt(at);
        int fieldLength = intAt(fieldAt);
        boolean plain =
                log()[flags] == 0
                        && intAt(flags + 9) < 0
                        && log()[flags + 13] == NO_EXPIRY
                        && !(fieldLength >= 0 && scoreCounters);
        if (!plain) {
            renderCounter(at, scratch.reset());
            out.resp(scratch.buffer(), 0, scratch.size(), scratch.commands());
            return;
        }
        out.begin(fieldLength < 0 ? PackedWrites.COUNTERS : PackedWrites.FIELD_COUNTERS)
                .part(log(), entries.keyAt(at), entries.keyLength(at));
        if (fieldLength >= 0) {
            out.part(log(), fieldAt + 4, fieldLength);
        }
        out.delta(longAt(flags + 1));
    }

    private void renderCounter(int at, RespBuilder out) {
        boolean hashField = intAt(entries.fieldAt(at)) >= 0;
        int parts = hashField ? 3 : 2;
        int flags = entries.payload(at);
        if (log()[flags] == 1) {
            byte[] delete = !hashField ? DEL : scoreCounters ? ZREM : HDEL;
            keyAndField(out.begin(parts).bulk(delete), at);
        }
        int decimal = intAt(flags + 9);
        if (hashField && scoreCounters) {
            int fieldAt = entries.fieldAt(at);
            out.begin(4).bulk(ZINCRBY).bulk(log(), entries.keyAt(at), entries.keyLength(at));
            if (decimal >= 0) {
                out.bulk(ascii(decimals.get(decimal).toPlainString()));
            } else {
                out.bulk(longAt(flags + 1));
            }
            out.bulk(log(), fieldAt + 4, intAt(fieldAt));
        } else if (decimal >= 0) {
            byte[] sum = ascii(decimals.get(decimal).toPlainString());
            keyAndField(out.begin(parts + 1).bulk(hashField ? HINCRBYFLOAT : INCRBYFLOAT), at)
                    .bulk(sum);
        } else {
            keyAndField(out.begin(parts + 1).bulk(hashField ? HINCRBY : INCRBY), at)
                    .bulk(longAt(flags + 1));
        }
        byte expiryKind = log()[flags + 13];
        if (expiryKind != NO_EXPIRY) {
            out.begin(expireOnCreate ? 4 : 3).bulk(expiryKind == ABSOLUTE ? PEXPIREAT : PEXPIRE);
            out.bulk(log(), entries.keyAt(at), entries.keyLength(at)).bulk(longAt(flags + 14));
            if (expireOnCreate) {
                out.bulk(NX);
            }
        }
    }

    /** Appends the key of the entry at {@code at}, and its hash field if it has one. */
    private RespBuilder keyAndField(RespBuilder out, int at) {
        out.bulk(log(), entries.keyAt(at), entries.keyLength(at));
        int fieldAt = entries.fieldAt(at);
        int fieldLength = intAt(fieldAt);
        return fieldLength < 0 ? out : out.bulk(log(), fieldAt + 4, fieldLength);
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
        int hash = EntryLog.hash(key, null);
        int slot = entries.find(hash, key, null);
        int previous = entries.entryAt(slot);
        int at = entries.add(VALUE, hash, key, null, 4 + value.length);
        int valueAt = entries.payload(at);
        putInt(valueAt, value.length);
        System.arraycopy(value, 0, log(), valueAt + 4, value.length);
        entries.replace(slot, previous, at);
    }

    /**
     * Packs the run of live {@link #VALUE} entries starting at {@code at} (dead entries between
     * them skipped) as one record of up to {@link #MSET_KEYS} keys, sent as one MSET (or SET);
     * returns where the run ends. One MSET costs Redis much less than as many SETs, and sets the
     * same keys in order.
     */
    private int packValues(int at, PackedWrites.Builder out) {
        int end = at;
        int keys = 0;
        while (end < entries.end()
                && keys < MSET_KEYS
                && (entries.kind(end) == VALUE || entries.kind(end) == DEAD)) {
            if (entries.kind(end) == VALUE) {
                keys++;
                out.begin(PackedWrites.VALUES)
                        .part(log(), entries.keyAt(end), entries.keyLength(end));
                int valueAt = entries.payload(end);
                out.part(log(), valueAt + 4, intAt(valueAt));
            }
            end = entries.next(end);
        }
        out.close();
        return end;
    }

    /** Copies the commands in {@link #scratch} into the payload of the entry at {@code at}. */
    private void writeCommands(int at) {
        int commandsAt = entries.payload(at);
        putInt(commandsAt, scratch.commands());
        System.arraycopy(scratch.buffer(), 0, log(), commandsAt + 4, scratch.size());
    }

    /** Appends the commands in {@link #scratch} as the entry of (key, field), replacing any. */
    private void putWrite(byte kind, byte[] key, byte[] field) {
        int hash = EntryLog.hash(key, field);
        int slot = entries.find(hash, key, field);
        int previous = entries.entryAt(slot);
        int at = entries.add(kind, hash, key, field, 4 + scratch.size());
        writeCommands(at);
        entries.replace(slot, previous, at);
    }

    private void putExpiry(int at, Expiry expiry) {
        log()[at] = expiry == null ? NO_EXPIRY : expiry.isAbsolute() ? ABSOLUTE : RELATIVE;
        putLong(at + 1, expiry == null ? 0L : expiry.millis());
    }

    private byte[] log() {
        return entries.array();
    }

    private int intAt(int at) {
        return entries.intAt(at);
    }

    private void putInt(int at, int value) {
        entries.putInt(at, value);
    }

    private long longAt(int at) {
        return entries.longAt(at);
    }

    private void putLong(int at, long value) {
        entries.putLong(at, value);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
