package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.util.StateVersions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Version 1: lineage, subtask, sequence, rows, then each op as its parts' lengths and bytes. */
final class RedisCommittableSerializer implements SimpleVersionedSerializer<RedisCommittable> {

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(RedisCommittable committable) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256 + committable.ops().size() * 32);
        out.writeUTF(committable.lineage());
        out.writeInt(committable.subtask());
        out.writeLong(committable.sequence());
        out.writeInt(committable.rows());
        out.writeInt(committable.ops().size());
        for (byte[][] op : committable.ops()) {
            out.writeInt(op.length);
            for (byte[] part : op) {
                out.writeInt(part.length);
                out.write(part);
            }
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public RedisCommittable deserialize(int version, byte[] serialized) throws IOException {
        StateVersions.check("Redis exactly-once commit", version, VERSION);
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        String lineage = in.readUTF();
        int subtask = in.readInt();
        long sequence = in.readLong();
        int rows = in.readInt();
        int count = in.readInt();
        List<byte[][]> ops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[][] op = new byte[in.readInt()][];
            for (int p = 0; p < op.length; p++) {
                op[p] = new byte[in.readInt()];
                in.readFully(op[p]);
            }
            ops.add(op);
        }
        return new RedisCommittable(lineage, subtask, sequence, rows, ops);
    }
}
