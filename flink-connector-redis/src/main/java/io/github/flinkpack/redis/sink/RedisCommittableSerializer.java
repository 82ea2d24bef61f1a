package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.client.CommitOps;
import io.github.flinkpack.redis.client.RespBlock;
import io.github.flinkpack.redis.util.StateVersions;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Version 2: lineage, subtask, sequence, rows, the command count, then the commands as RESP, copied
 * as one block. Version 1 (the first exactly-once release) held the same header and then the ops
 * part by part ({@link CommitOps#decodeVersion1}); it is still read, so its checkpoints restore.
 */
final class RedisCommittableSerializer implements SimpleVersionedSerializer<RedisCommittable> {

    private static final int VERSION = 2;

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
        RespBlock ops = committable.ops();
        header.writeInt(ops.commands());
        byte[] serialized = new byte[header.length() + ops.length()];
        System.arraycopy(header.getSharedBuffer(), 0, serialized, 0, header.length());
        System.arraycopy(ops.bytes(), 0, serialized, header.length(), ops.length());
        return serialized;
    }

    @Override
    public RedisCommittable deserialize(int version, byte[] serialized) throws IOException {
        StateVersions.check("Redis exactly-once commit", version, 1, VERSION);
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        String lineage = in.readUTF();
        int subtask = in.readInt();
        long sequence = in.readLong();
        int rows = in.readInt();
        RespBlock ops;
        try {
            if (version == 1) {
                ops =
                        RespBlock.of(
                                CommitOps.decodeVersion1(
                                        Arrays.copyOfRange(
                                                serialized, in.getPosition(), serialized.length)));
            } else {
                int commands = in.readInt();
                byte[] resp = Arrays.copyOfRange(serialized, in.getPosition(), serialized.length);
                ops = new RespBlock(resp, resp.length, commands).validate();
            }
        } catch (IOException | IllegalArgumentException e) {
            throw damaged(e);
        }
        if (ops.commands() <= 0 || ops.length() == 0) {
            throw damaged(null);
        }
        return new RedisCommittable(lineage, subtask, sequence, rows, ops);
    }

    private static IOException damaged(Exception cause) {
        return new IOException(
                "A truncated Redis exactly-once commit in the restored state: the checkpoint is"
                        + " damaged; restore from an earlier checkpoint or savepoint.",
                cause);
    }
}
