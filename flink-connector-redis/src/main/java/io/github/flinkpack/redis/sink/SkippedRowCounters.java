package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.serialization.RedisRowConverter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/** The sink's counted policies for rows that produce no Redis write, shared by both writers. */
final class SkippedRowCounters {

    private final Counter numNullKeyRowsSkipped;
    private final Counter numNullValueRowsSkipped;
    private final Counter numDeletesIgnored;

    SkippedRowCounters(SinkWriterMetricGroup metrics) {
        this.numNullKeyRowsSkipped = metrics.counter("numNullKeyRowsSkipped");
        this.numNullValueRowsSkipped = metrics.counter("numNullValueRowsSkipped");
        this.numDeletesIgnored = metrics.counter("numDeletesIgnored");
    }

    /** Counts a row that was not buffered; returns whether it was. */
    boolean buffered(RedisRowConverter.Outcome outcome) {
        switch (outcome) {
            case WRITTEN:
                return true;
            case NULL_KEY_SKIPPED:
                numNullKeyRowsSkipped.inc();
                return false;
            case NULL_VALUE_SKIPPED:
                numNullValueRowsSkipped.inc();
                return false;
            case DELETE_IGNORED:
                numDeletesIgnored.inc();
                return false;
            default:
                throw new IllegalStateException("Unhandled outcome " + outcome);
        }
    }
}
