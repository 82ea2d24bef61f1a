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
 * commands they commit as. It drains into {@link PackedWrites} ({@link EntryPacker}).
 *
 * <p>Payloads: for writes, deletes and appends the command count and the commands; for plain SETs
 * the value length and value; for counters see {@link #COUNTER_SUM} and its neighbours.
 */
final class CheckpointMutations implements MutationCollector {

    static final byte DEAD = EntryLog.DEAD;
    static final byte WRITE = 1;
    static final byte DELETE = 2;
    static final byte COUNTER = 3;

    /** A SET without expiry: the payload is just the value, so runs of them commit as MSET. */
    static final byte VALUE = 4;

    /** An appending row's commands (LPUSH, XADD, PUBLISH, ...): never indexed, never replaced. */
    static final byte APPEND = EntryLog.UNINDEXED;

    static final byte NO_EXPIRY = 0;
    private static final byte RELATIVE = 1;
    static final byte ABSOLUTE = 2;

    // A counter's payload: delete-first flag (1 byte), integer sum (8), decimal index (4, -1 for
    // none), expiry kind (1) and expiry millis (8); offsets within it.
    static final int COUNTER_DELETE_FIRST = 0;
    static final int COUNTER_SUM = 1;
    static final int COUNTER_DECIMAL = 9;
    static final int COUNTER_EXPIRY_KIND = 13;
    static final int COUNTER_EXPIRY_MILLIS = 14;
    private static final int COUNTER_PAYLOAD = 1 + 8 + 4 + 1 + 8;

    private static final byte[] SET = ascii("SET");
    static final byte[] DEL = ascii("DEL");
    private static final byte[] HSET = ascii("HSET");
    static final byte[] HDEL = ascii("HDEL");
    static final byte[] PEXPIRE = ascii("PEXPIRE");
    static final byte[] PEXPIREAT = ascii("PEXPIREAT");
    private static final byte[] PX = ascii("PX");
    private static final byte[] PXAT = ascii("PXAT");
    private static final byte[] KEEPTTL = ascii("KEEPTTL");
    static final byte[] NX = ascii("NX");

    private final boolean expireOnCreate;
    private final RespBuilder scratch = new RespBuilder(256);
    private final List<BigDecimal> decimals = new ArrayList<>();

    private final EntryLog entries = new EntryLog();
    private final EntryPacker packer;

    CheckpointMutations(TtlMode ttlMode) {
        this(ttlMode, false);
    }

    /** {@code scoreCounters}: the counters' fields are sorted-set members (ZINCRBY, ZREM). */
    CheckpointMutations(TtlMode ttlMode, boolean scoreCounters) {
        this.expireOnCreate = ttlMode == TtlMode.ON_CREATE;
        this.packer = new EntryPacker(entries, decimals, expireOnCreate, scoreCounters);
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
     * The live entries in the order of their last write, packed ({@link EntryPacker}); empties the
     * buffer.
     */
    PackedWrites drain() {
        PackedWrites packed = packer.pack();
        entries.clear();
        decimals.clear();
        return packed;
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
            int counter = entries.payload(previous);
            addToCounterIn(counter, longDelta, decimalDelta);
            if (expiry != null) {
                putExpiry(counter + COUNTER_EXPIRY_KIND, expiry);
            }
            return;
        }
        int at = entries.add(COUNTER, hash, key, field, COUNTER_PAYLOAD);
        int counter = entries.payload(at);
        if (previous >= 0 && log()[previous] == COUNTER) {
            // A hash field's counter with a new expiry moves behind the key's other fields, so
            // the expiry written last is applied last, as row by row.
            System.arraycopy(log(), entries.payload(previous), log(), counter, COUNTER_PAYLOAD);
            addToCounterIn(counter, longDelta, decimalDelta);
        } else {
            log()[counter + COUNTER_DELETE_FIRST] =
                    (byte) (previous >= 0 && log()[previous] == DELETE ? 1 : 0);
            putLong(counter + COUNTER_SUM, decimalDelta == null ? longDelta : 0L);
            if (decimalDelta == null) {
                putInt(counter + COUNTER_DECIMAL, -1);
            } else {
                putInt(counter + COUNTER_DECIMAL, decimals.size());
                decimals.add(decimalDelta);
            }
        }
        putExpiry(counter + COUNTER_EXPIRY_KIND, expiry);
        entries.replace(slot, previous, at);
    }

    /** Adds a delta to the sums of the counter entry whose payload is at {@code counter}. */
    private void addToCounterIn(int counter, long longDelta, BigDecimal decimalDelta) {
        if (decimalDelta != null) {
            int index = intAt(counter + COUNTER_DECIMAL);
            if (index < 0) {
                putInt(counter + COUNTER_DECIMAL, decimals.size());
                decimals.add(decimalDelta);
            } else {
                decimals.set(index, decimals.get(index).add(decimalDelta));
            }
        } else {
            int sum = counter + COUNTER_SUM;
            putLong(sum, Math.addExact(longAt(sum), longDelta));
        }
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
