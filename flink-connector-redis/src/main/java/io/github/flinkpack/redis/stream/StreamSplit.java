package io.github.flinkpack.redis.stream;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One stream, read by one reader. {@code position}: the last entry id read, reading goes on after
 * it; in a consumer group the split first re-reads its own pending entries after it (delivered but
 * not acknowledged at a checkpoint), then takes new ones. {@code end}: the last id to read in
 * bounded mode, null when unbounded.
 */
final class StreamSplit implements SourceSplit {

    private final String stream;
    private final String position;
    private final String end;

    StreamSplit(String stream, String position, String end) {
        this.stream = stream;
        this.position = position;
        this.end = end;
    }

    @Override
    public String splitId() {
        return stream;
    }

    String stream() {
        return stream;
    }

    String position() {
        return position;
    }

    String end() {
        return end;
    }

    StreamSplit at(String newPosition) {
        return new StreamSplit(stream, newPosition, end);
    }

    @Override
    public String toString() {
        return "StreamSplit{"
                + stream
                + " after "
                + position
                + (end == null ? "" : " to " + end)
                + "}";
    }
}
