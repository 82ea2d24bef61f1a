package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.client.KeyedCommand;
import io.github.flinkpack.redis.serialization.Expiry;
import io.github.flinkpack.redis.serialization.MutationCollector;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * Sends each write to the buffer of its key's lane (by the key's hash; the fields of a hash share
 * their key's lane), so all writes to one key stay in one ordered lane.
 */
final class LaneRouter implements MutationCollector {

    private final MutationBuffer[] buffers;
    private int lastLane;

    LaneRouter(MutationBuffer[] buffers) {
        this.buffers = buffers;
    }

    /** The lane of the latest write. */
    int lastLane() {
        return lastLane;
    }

    static int laneOf(byte[] key, int lanes) {
        return lanes == 1 ? 0 : Math.floorMod(Arrays.hashCode(key), lanes);
    }

    private MutationBuffer bufferOf(byte[] key) {
        lastLane = laneOf(key, buffers.length);
        return buffers[lastLane];
    }

    @Override
    public void set(byte[] key, byte[] value, Expiry expiry) {
        bufferOf(key).set(key, value, expiry);
    }

    @Override
    public void delete(byte[] key) {
        bufferOf(key).delete(key);
    }

    @Override
    public void hashSet(
            byte[] key, List<byte[]> fieldsAndValues, List<byte[]> nullFields, Expiry expiry) {
        bufferOf(key).hashSet(key, fieldsAndValues, nullFields, expiry);
    }

    @Override
    public void hashSetField(byte[] key, byte[] field, byte[] value, Expiry expiry) {
        bufferOf(key).hashSetField(key, field, value, expiry);
    }

    @Override
    public void hashDelete(byte[] key, byte[] field) {
        bufferOf(key).hashDelete(key, field);
    }

    @Override
    public void increment(byte[] key, byte[] field, long delta, Expiry expiry) {
        bufferOf(key).increment(key, field, delta, expiry);
    }

    @Override
    public void incrementFloat(byte[] key, byte[] field, BigDecimal delta, Expiry expiry) {
        bufferOf(key).incrementFloat(key, field, delta, expiry);
    }

    @Override
    public void expire(byte[] key, Expiry expiry) {
        bufferOf(key).expire(key, expiry);
    }

    @Override
    public void memberWrite(byte[] member, KeyedCommand write, Expiry expiry) {
        bufferOf(write.key()).memberWrite(member, write, expiry);
    }

    @Override
    public void memberRemove(byte[] member, KeyedCommand removal) {
        bufferOf(removal.key()).memberRemove(member, removal);
    }

    @Override
    public void append(List<KeyedCommand> commands, Expiry expiry) {
        bufferOf(commands.get(0).key()).append(commands, expiry);
    }
}
