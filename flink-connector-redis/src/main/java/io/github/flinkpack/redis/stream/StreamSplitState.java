package io.github.flinkpack.redis.stream;

/** A split being read: the id of the last entry emitted, which a checkpoint records. */
final class StreamSplitState {

    private final StreamSplit split;
    private String position;

    StreamSplitState(StreamSplit split) {
        this.split = split;
        this.position = split.position();
    }

    void emitted(String id) {
        position = id;
    }

    StreamSplit toSplit() {
        return split.at(position);
    }
}
