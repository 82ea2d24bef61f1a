package io.github.flinkpack.redis.stream;

import io.github.flinkpack.redis.util.StateVersions;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Version 1: stream, position, end (each UTF, with a presence flag for end). */
final class StreamSplitSerializer implements SimpleVersionedSerializer<StreamSplit> {

    static final StreamSplitSerializer INSTANCE = new StreamSplitSerializer();

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(StreamSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public StreamSplit deserialize(int version, byte[] serialized) throws IOException {
        StateVersions.check("Redis stream split", version, VERSION, VERSION);
        return read(new DataInputDeserializer(serialized));
    }

    static void write(StreamSplit split, DataOutputSerializer out) throws IOException {
        out.writeUTF(split.stream());
        out.writeUTF(split.position());
        out.writeBoolean(split.end() != null);
        if (split.end() != null) {
            out.writeUTF(split.end());
        }
    }

    static StreamSplit read(DataInputDeserializer in) throws IOException {
        String stream = in.readUTF();
        String position = in.readUTF();
        String end = in.readBoolean() ? in.readUTF() : null;
        return new StreamSplit(stream, position, end);
    }
}
