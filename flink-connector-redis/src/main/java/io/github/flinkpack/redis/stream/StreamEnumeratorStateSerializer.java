package io.github.flinkpack.redis.stream;

import io.github.flinkpack.redis.util.StateVersions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Version 1: the splits no reader holds, as counted {@link StreamSplitSerializer} entries. */
final class StreamEnumeratorStateSerializer
        implements SimpleVersionedSerializer<List<StreamSplit>> {

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(List<StreamSplit> pending) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeInt(pending.size());
        for (StreamSplit split : pending) {
            StreamSplitSerializer.write(split, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public List<StreamSplit> deserialize(int version, byte[] serialized) throws IOException {
        StateVersions.check("Redis stream enumerator", version, VERSION, VERSION);
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int count = in.readInt();
        List<StreamSplit> pending = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pending.add(StreamSplitSerializer.read(in));
        }
        return pending;
    }
}
