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
 * Version 3: lineage, subtask, sequence, rows, the command count, then the {@link PackedWrites},
 * copied as one block. Earlier versions are still read, so their checkpoints restore: version 2
 * held the commands as RESP where version 3 holds the packed writes; version 1 (the first
 * exactly-once release) held the same header and then the ops part by part ({@link
 * CommitOps#decodeVersion1}).
 */
final class RedisCommittableSerializer implements SimpleVersionedSerializer<RedisCommittable> {

    private static final int VERSION = 3;

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
        PackedWrites writes = committable.writes();
        header.writeInt(writes.commands());
        byte[] serialized = new byte[header.length() + writes.length()];
        System.arraycopy(header.getSharedBuffer(), 0, serialized, 0, header.length());
        System.arraycopy(writes.bytes(), 0, serialized, header.length(), writes.length());
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
        PackedWrites writes;
        try {
            if (version == 1) {
                writes =
                        PackedWrites.of(
                                RespBlock.of(
                                        CommitOps.decodeVersion1(
                                                Arrays.copyOfRange(
                                                        serialized,
                                                        in.getPosition(),
                                                        serialized.length))));
            } else {
                int commands = in.readInt();
                byte[] rest = Arrays.copyOfRange(serialized, in.getPosition(), serialized.length);
                writes =
                        version == 2
                                ? PackedWrites.of(
                                        new RespBlock(rest, rest.length, commands).validate())
                                : new PackedWrites(rest, rest.length, commands).validate();
            }
        } catch (IOException | IllegalArgumentException e) {
            throw damaged(e);
        }
        if (writes.commands() <= 0 || writes.length() == 0) {
            throw damaged(null);
        }
        return new RedisCommittable(lineage, subtask, sequence, rows, writes);
    }

    private static IOException damaged(Exception cause) {
        return new IOException(
                "A truncated Redis exactly-once commit in the restored state: the checkpoint is"
                        + " damaged; restore from an earlier checkpoint or savepoint.",
                cause);
    }
}
