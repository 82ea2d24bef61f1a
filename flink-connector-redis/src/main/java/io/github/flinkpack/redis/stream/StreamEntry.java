package io.github.flinkpack.redis.stream;

import java.util.List;

/** One entry read from a stream: its id and its fields and values, alternating. */
final class StreamEntry {

    final String stream;
    final String id;

    /** Null for an entry deleted while pending in a consumer group: acknowledged, not emitted. */
    final List<byte[]> fieldsAndValues;

    StreamEntry(String stream, String id, List<byte[]> fieldsAndValues) {
        this.stream = stream;
        this.id = id;
        this.fieldsAndValues = fieldsAndValues;
    }
}
