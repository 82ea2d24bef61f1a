package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.client.CounterDelta;
import io.github.flinkpack.redis.client.CounterDelta.Operation;
import io.github.flinkpack.redis.client.KeyedCommand;
import io.github.flinkpack.redis.client.RedisBatch;
import io.github.flinkpack.redis.config.TtlMode;
import io.github.flinkpack.redis.serialization.Expiry;
import io.github.flinkpack.redis.serialization.MutationCollector;
import io.github.flinkpack.redis.util.Digits;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Protocol.Command;

/**
 * The writes of rows not yet sent, reduced per key (and hash field): an upsert or delete replaces
 * the earlier write to the same key, counter deltas are summed. The order of writes to one key is
 * kept; writes to different keys commute. A hash field written again moves behind the key's other
 * fields, so the key's expiry applied last is the one written last.
 */
final class MutationBuffer implements MutationCollector {

    private static final byte[] PX = ascii("PX");
    private static final byte[] PXAT = ascii("PXAT");
    private static final byte[] KEEPTTL = ascii("KEEPTTL");
    private static final byte[] NX = ascii("NX");

    private final TtlMode ttlMode;
    private final boolean counterTable;
    private final boolean scoreCounters;
    private final Map<BufferKey, PendingWrite> pending = new LinkedHashMap<>();

    MutationBuffer(TtlMode ttlMode, boolean counterTable) {
        this(ttlMode, counterTable, false);
    }

    /** {@code scoreCounters}: the counters' fields are sorted-set members (ZINCRBY, ZREM). */
    MutationBuffer(TtlMode ttlMode, boolean counterTable, boolean scoreCounters) {
        this.ttlMode = ttlMode;
        this.counterTable = counterTable;
        this.scoreCounters = scoreCounters;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Distinct keys (and hash fields) waiting. */
    int size() {
        return pending.size();
    }

    /** Encodes everything buffered as one batch and empties the buffer. */
    RedisBatch drain(long batchId) {
        return drain(batchId, 0);
    }

    /** The same, as a batch of the writer's lane {@code lane}. */
    RedisBatch drain(long batchId, int lane) {
        List<KeyedCommand> commands = new ArrayList<>();
        List<CounterDelta> counters = new ArrayList<>();
        for (Map.Entry<BufferKey, PendingWrite> entry : pending.entrySet()) {
            entry.getValue().encode(entry.getKey(), commands, counters);
        }
        pending.clear();
        return new RedisBatch(batchId, lane, commands, counters);
    }

    @Override
    public void set(byte[] key, byte[] value, Expiry expiry) {
        pending.put(new BufferKey(key, null), new SetWrite(value, expiry));
    }

    @Override
    public void delete(byte[] key) {
        pending.put(new BufferKey(key, null), new DeleteWrite());
    }

    @Override
    public void hashSet(
            byte[] key, List<byte[]> fieldsAndValues, List<byte[]> nullFields, Expiry expiry) {
        pending.put(
                new BufferKey(key, null), new HashSetWrite(fieldsAndValues, nullFields, expiry));
    }

    @Override
    public void hashSetField(byte[] key, byte[] field, byte[] value, Expiry expiry) {
        List<byte[]> fieldAndValue = new ArrayList<>(2);
        fieldAndValue.add(field);
        fieldAndValue.add(value);
        putLast(new BufferKey(key, field), new HashSetWrite(fieldAndValue, List.of(), expiry));
    }

    @Override
    public void hashDelete(byte[] key, byte[] field) {
        putLast(new BufferKey(key, field), new DeleteWrite());
    }

    @Override
    public void increment(byte[] key, byte[] field, long delta, Expiry expiry) {
        addToCounter(new BufferKey(key, field), delta, null, expiry);
    }

    @Override
    public void incrementFloat(byte[] key, byte[] field, BigDecimal delta, Expiry expiry) {
        addToCounter(new BufferKey(key, field), 0L, delta, expiry);
    }

    /** Sums into a pending counter write; after a pending delete, the counter starts anew. */
    private void addToCounter(
            BufferKey bufferKey, long longDelta, BigDecimal decimalDelta, Expiry expiry) {
        PendingWrite previous = pending.get(bufferKey);
        if (previous instanceof CounterWrite) {
            ((CounterWrite) previous).add(longDelta, decimalDelta, expiry);
            if (bufferKey.field != null && expiry != null) {
                putLast(bufferKey, previous);
            }
        } else {
            putLast(
                    bufferKey,
                    new CounterWrite(
                            previous instanceof DeleteWrite, longDelta, decimalDelta, expiry));
        }
    }

    /**
     * A hash field's write goes behind the key's other fields, so the key's expiry (which any field
     * may set) is applied in the order the rows wrote it.
     */
    private void putLast(BufferKey bufferKey, PendingWrite write) {
        if (bufferKey.field != null) {
            pending.remove(bufferKey);
        }
        pending.put(bufferKey, write);
    }

    @Override
    public void expire(byte[] key, Expiry expiry) {
        pending.put(new BufferKey(key, null), new ExpireWrite(expiry));
    }

    @Override
    public void memberWrite(byte[] member, KeyedCommand write, Expiry expiry) {
        putLast(new BufferKey(write.key(), member), new CommandsWrite(List.of(write), expiry));
    }

    @Override
    public void memberRemove(byte[] member, KeyedCommand removal) {
        putLast(new BufferKey(removal.key(), member), new CommandsWrite(List.of(removal), null));
    }

    @Override
    public void append(List<KeyedCommand> commands, Expiry expiry) {
        BufferKey key = new BufferKey(commands.get(0).key(), null);
        PendingWrite appends = pending.get(key);
        if (appends == null) {
            appends = new AppendWrites();
            pending.put(key, appends);
        }
        ((AppendWrites) appends).rows.add(new CommandsWrite(commands, expiry));
    }

    private void addExpiry(byte[] key, Expiry expiry, List<KeyedCommand> commands) {
        if (expiry == null) {
            return;
        }
        Command command = expiry.isAbsolute() ? Command.PEXPIREAT : Command.PEXPIRE;
        byte[] when = Digits.ascii(expiry.millis());
        commands.add(
                ttlMode == TtlMode.ON_CREATE
                        ? new KeyedCommand(key, command, key, when, NX)
                        : new KeyedCommand(key, command, key, when));
    }

    private abstract static class PendingWrite {
        abstract void encode(
                BufferKey key, List<KeyedCommand> commands, List<CounterDelta> counters);
    }

    private final class SetWrite extends PendingWrite {
        private final byte[] value;
        private final Expiry expiry;

        SetWrite(byte[] value, Expiry expiry) {
            this.value = value;
            this.expiry = expiry;
        }

        @Override
        void encode(BufferKey k, List<KeyedCommand> commands, List<CounterDelta> counters) {
            if (expiry == null) {
                commands.add(new KeyedCommand(k.key, Command.SET, k.key, value));
            } else if (ttlMode == TtlMode.ON_CREATE) {
                commands.add(new KeyedCommand(k.key, Command.SET, k.key, value, KEEPTTL));
                addExpiry(k.key, expiry, commands);
            } else {
                byte[] option = expiry.isAbsolute() ? PXAT : PX;
                byte[] when = Digits.ascii(expiry.millis());
                commands.add(new KeyedCommand(k.key, Command.SET, k.key, value, option, when));
            }
        }
    }

    private final class DeleteWrite extends PendingWrite {
        @Override
        void encode(BufferKey k, List<KeyedCommand> commands, List<CounterDelta> counters) {
            if (counterTable) {
                Operation operation =
                        k.field == null
                                ? Operation.DEL
                                : scoreCounters ? Operation.ZREM : Operation.HDEL;
                counters.add(new CounterDelta(k.key, k.field, operation, "0", null, false));
            } else if (k.field == null) {
                commands.add(new KeyedCommand(k.key, Command.DEL, k.key));
            } else {
                commands.add(new KeyedCommand(k.key, Command.HDEL, k.key, k.field));
            }
        }
    }

    private final class HashSetWrite extends PendingWrite {
        private final List<byte[]> fieldsAndValues;
        private final List<byte[]> nullFields;
        private final Expiry expiry;

        HashSetWrite(List<byte[]> fieldsAndValues, List<byte[]> nullFields, Expiry expiry) {
            this.fieldsAndValues = fieldsAndValues;
            this.nullFields = nullFields;
            this.expiry = expiry;
        }

        @Override
        void encode(BufferKey k, List<KeyedCommand> commands, List<CounterDelta> counters) {
            byte[][] args = new byte[1 + fieldsAndValues.size()][];
            args[0] = k.key;
            for (int i = 0; i < fieldsAndValues.size(); i++) {
                args[i + 1] = fieldsAndValues.get(i);
            }
            commands.add(new KeyedCommand(k.key, Command.HSET, args));
            if (!nullFields.isEmpty()) {
                byte[][] fields = new byte[1 + nullFields.size()][];
                fields[0] = k.key;
                for (int i = 0; i < nullFields.size(); i++) {
                    fields[i + 1] = nullFields.get(i);
                }
                commands.add(new KeyedCommand(k.key, Command.HDEL, fields));
            }
            addExpiry(k.key, expiry, commands);
        }
    }

    /** Commands sent as they are, then the key's expiry. */
    private final class CommandsWrite extends PendingWrite {
        private final List<KeyedCommand> commands;
        private final Expiry expiry;

        CommandsWrite(List<KeyedCommand> commands, Expiry expiry) {
            this.commands = commands;
            this.expiry = expiry;
        }

        @Override
        void encode(BufferKey k, List<KeyedCommand> out, List<CounterDelta> counters) {
            out.addAll(commands);
            addExpiry(k.key, expiry, out);
        }
    }

    /** The appending rows of one key, in order. */
    private static final class AppendWrites extends PendingWrite {
        private final List<CommandsWrite> rows = new ArrayList<>();

        @Override
        void encode(BufferKey k, List<KeyedCommand> out, List<CounterDelta> counters) {
            for (CommandsWrite row : rows) {
                row.encode(k, out, counters);
            }
        }
    }

    private final class ExpireWrite extends PendingWrite {
        private final Expiry expiry;

        ExpireWrite(Expiry expiry) {
            this.expiry = expiry;
        }

        @Override
        void encode(BufferKey k, List<KeyedCommand> commands, List<CounterDelta> counters) {
            addExpiry(k.key, expiry, commands);
        }
    }

    private final class CounterWrite extends PendingWrite {
        private final boolean deleteFirst;
        private long longSum;
        private BigDecimal decimalSum;
        private Expiry expiry;

        CounterWrite(boolean deleteFirst, long longSum, BigDecimal decimalSum, Expiry expiry) {
            this.deleteFirst = deleteFirst;
            this.longSum = longSum;
            this.decimalSum = decimalSum;
            this.expiry = expiry;
        }

        void add(long longDelta, BigDecimal decimalDelta, Expiry latest) {
            if (decimalDelta != null) {
                decimalSum = decimalSum == null ? decimalDelta : decimalSum.add(decimalDelta);
            } else {
                longSum = Math.addExact(longSum, longDelta);
            }
            if (latest != null) {
                expiry = latest; // a row without one leaves the expiry an earlier row set
            }
        }

        @Override
        void encode(BufferKey k, List<KeyedCommand> commands, List<CounterDelta> counters) {
            boolean hash = k.field != null;
            if (deleteFirst) {
                counters.add(
                        new CounterDelta(
                                k.key,
                                k.field,
                                !hash
                                        ? Operation.DEL
                                        : scoreCounters ? Operation.ZREM : Operation.HDEL,
                                "0",
                                null,
                                false));
            }
            boolean onCreate = ttlMode == TtlMode.ON_CREATE;
            if (scoreCounters) {
                String sum =
                        decimalSum != null ? decimalSum.toPlainString() : Long.toString(longSum);
                counters.add(
                        new CounterDelta(k.key, k.field, Operation.ZINCRBY, sum, expiry, onCreate));
            } else if (decimalSum != null) {
                Operation operation = hash ? Operation.HINCRBYFLOAT : Operation.INCRBYFLOAT;
                counters.add(
                        new CounterDelta(
                                k.key,
                                k.field,
                                operation,
                                decimalSum.toPlainString(),
                                expiry,
                                onCreate));
            } else {
                Operation operation = hash ? Operation.HINCRBY : Operation.INCRBY;
                counters.add(
                        new CounterDelta(
                                k.key,
                                k.field,
                                operation,
                                Long.toString(longSum),
                                expiry,
                                onCreate));
            }
        }
    }

    /** A Redis key and, for per-field hash writes, the field. */
    private static final class BufferKey {
        final byte[] key;
        final byte[] field;
        private final int hash;

        BufferKey(byte[] key, byte[] field) {
            this.key = key;
            this.field = field;
            this.hash = 31 * Arrays.hashCode(key) + Arrays.hashCode(field);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof BufferKey)) {
                return false;
            }
            BufferKey other = (BufferKey) o;
            return Arrays.equals(key, other.key) && Arrays.equals(field, other.field);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
