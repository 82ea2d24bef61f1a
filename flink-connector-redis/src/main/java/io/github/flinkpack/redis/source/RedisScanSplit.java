package io.github.flinkpack.redis.source;

import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * The keys of one node (a Cluster master, or the one server): where its {@code SCAN} stands, and
 * how many rows of the page at that cursor were already emitted before a checkpoint.
 */
public final class RedisScanSplit implements SourceSplit {

    static final String START = "0";

    /** The cursor of a split whose last row was emitted. */
    static final String DONE = "done";

    private final String node;
    private final String cursor;
    private final int emittedOfPage;

    RedisScanSplit(String node, String cursor, int emittedOfPage) {
        this.node = node;
        this.cursor = cursor;
        this.emittedOfPage = emittedOfPage;
    }

    @Override
    public String splitId() {
        return node;
    }

    String node() {
        return node;
    }

    String cursor() {
        return cursor;
    }

    int emittedOfPage() {
        return emittedOfPage;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RedisScanSplit)) {
            return false;
        }
        RedisScanSplit other = (RedisScanSplit) o;
        return node.equals(other.node)
                && cursor.equals(other.cursor)
                && emittedOfPage == other.emittedOfPage;
    }

    @Override
    public int hashCode() {
        return Objects.hash(node, cursor, emittedOfPage);
    }

    @Override
    public String toString() {
        return "RedisScanSplit{" + node + ", cursor=" + cursor + ", emitted=" + emittedOfPage + "}";
    }
}
