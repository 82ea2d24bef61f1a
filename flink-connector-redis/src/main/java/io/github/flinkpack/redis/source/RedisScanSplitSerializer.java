package io.github.flinkpack.redis.source;

import io.github.flinkpack.redis.util.StateVersions;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Node, cursor and rows emitted of the page, version 1. */
final class RedisScanSplitSerializer implements SimpleVersionedSerializer<RedisScanSplit> {

    static final RedisScanSplitSerializer INSTANCE = new RedisScanSplitSerializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(RedisScanSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public RedisScanSplit deserialize(int version, byte[] serialized) throws IOException {
        StateVersions.check("Redis scan split", version, VERSION);
        return read(new DataInputDeserializer(serialized));
    }

    static void write(RedisScanSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.node());
        out.writeUTF(split.cursor());
        out.writeInt(split.emittedOfPage());
    }

    static RedisScanSplit read(DataInputView in) throws IOException {
        return new RedisScanSplit(in.readUTF(), in.readUTF(), in.readInt());
    }
}
