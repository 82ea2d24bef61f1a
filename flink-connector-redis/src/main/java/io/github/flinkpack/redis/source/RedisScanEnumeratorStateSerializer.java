package io.github.flinkpack.redis.source;

import io.github.flinkpack.redis.util.StateVersions;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** The splits not yet assigned, version 1. */
final class RedisScanEnumeratorStateSerializer
        implements SimpleVersionedSerializer<RedisScanEnumeratorState> {

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(RedisScanEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeBoolean(state.discovered());
        out.writeInt(state.unassigned().size());
        for (RedisScanSplit split : state.unassigned()) {
            RedisScanSplitSerializer.write(split, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public RedisScanEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        StateVersions.check("Redis scan enumerator state", version, VERSION);
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        boolean discovered = in.readBoolean();
        int count = in.readInt();
        RedisScanEnumeratorState state = new RedisScanEnumeratorState(discovered);
        for (int i = 0; i < count; i++) {
            state.unassigned().add(RedisScanSplitSerializer.read(in));
        }
        return state;
    }
}
