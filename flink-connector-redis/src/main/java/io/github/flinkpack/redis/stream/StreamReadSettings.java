package io.github.flinkpack.redis.stream;

import io.github.flinkpack.redis.config.ParseErrorPolicy;
import io.github.flinkpack.redis.config.StreamBoundedMode;
import io.github.flinkpack.redis.config.StreamStartupMode;
import java.io.Serializable;
import java.util.List;

/** How a {@code redis-stream} table reads: which streams, as which group, from where to where. */
public final class StreamReadSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    final String tableName;
    final List<String> streams;
    final String group;
    final String consumer;
    final StreamStartupMode startup;
    final long startupMillis;
    final StreamBoundedMode bounded;
    final int count;
    final long pollMillis;
    final ParseErrorPolicy onParseError;

    public StreamReadSettings(
            String tableName,
            List<String> streams,
            String group,
            String consumer,
            StreamStartupMode startup,
            long startupMillis,
            StreamBoundedMode bounded,
            int count,
            long pollMillis,
            ParseErrorPolicy onParseError) {
        this.tableName = tableName;
        this.streams = List.copyOf(streams);
        this.group = group;
        this.consumer = consumer;
        this.startup = startup;
        this.startupMillis = startupMillis;
        this.bounded = bounded;
        this.count = count;
        this.pollMillis = pollMillis;
        this.onParseError = onParseError;
    }

    public String tableName() {
        return tableName;
    }

    public List<String> streams() {
        return streams;
    }

    public ParseErrorPolicy onParseError() {
        return onParseError;
    }

    boolean inGroup() {
        return group != null;
    }

    /** One consumer per stream split, so a restored split finds its own pending entries. */
    String consumerOf(String stream) {
        return consumer + "-" + stream;
    }
}
