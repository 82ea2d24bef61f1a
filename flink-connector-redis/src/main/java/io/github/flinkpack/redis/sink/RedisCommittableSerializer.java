package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.client.CommitOps;
import io.github.flinkpack.redis.util.StateVersions;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Version 1: lineage, subtask, sequence, rows, then the ops as {@link CommitOps#encode} lays them
 * out (op count; per op its part count, per part its length and bytes), copied as one block.
 */
final class RedisCommittableSerializer implements SimpleVersionedSerializer<RedisCommittable> {

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(RedisCommittable committable) throws IOException {
        DataOutputSerializer header = new DataOutputSerializer(64);
        header.writeUTF(committable.lineage());
        header.writeInt(committable.subtask());
        header.writeLong(committable.sequence());
        header.writeInt(committable.rows());
        byte[] ops = committable.encodedOps();
        byte[] serialized = new byte[header.length() + ops.length];
        System.arraycopy(header.getSharedBuffer(), 0, serialized, 0, header.length());
        System.arraycopy(ops, 0, serialized, header.length(), ops.length);
        return serialized;
    }

    @Override
    public RedisCommittable deserialize(int version, byte[] serialized) throws IOException {
        StateVersions.check("Redis exactly-once commit", version, VERSION);
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        String lineage = in.readUTF();
        int subtask = in.readInt();
        long sequence = in.readLong();
        int rows = in.readInt();
        // Decoded only when applied, on the committer's own thread.
        byte[] ops = Arrays.copyOfRange(serialized, in.getPosition(), serialized.length);
        if (ops.length < Integer.BYTES) {
            throw new IOException(
                    "A truncated Redis exactly-once commit in the restored state: the checkpoint is"
                            + " damaged; restore from an earlier checkpoint or savepoint.");
        }
        return new RedisCommittable(lineage, subtask, sequence, rows, ops);
    }
}
