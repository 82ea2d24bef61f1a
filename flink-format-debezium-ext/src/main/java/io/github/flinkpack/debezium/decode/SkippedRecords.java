package io.github.flinkpack.debezium.decode;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records the format drops on purpose, each kind counted in a metric, with a log line at most
 * every 10 seconds per kind that says how many were dropped since the last line.
 */
final class SkippedRecords {

    private static final Logger LOG = LoggerFactory.getLogger(SkippedRecords.class);
    private static final long LOG_INTERVAL_MILLIS = 10_000;

    private final String table;
    private final Kind[] kinds = new Kind[Reason.values().length];

    enum Reason {
        CORRUPT("debeziumCorruptRecordsSkipped", "undecodable record"),
        UNKNOWN_OP("debeziumUnknownOpsSkipped", "record with an op that is not c, r, u or d"),
        FILTERED_OP("debeziumOpsFilteredOut", "record whose op is not in 'ops'"),
        TOMBSTONE("debeziumTombstonesSkipped", "tombstone (empty record)");

        final String metric;
        final String what;

        Reason(String metric, String what) {
            this.metric = metric;
            this.what = what;
        }
    }

    private static final class Kind {
        Counter counter;
        long lastLog;
        long sinceLastLog;
    }

    SkippedRecords(String table, MetricGroup metrics) {
        this.table = table;
        for (Reason reason : Reason.values()) {
            Kind kind = new Kind();
            kind.counter = metrics.counter(reason.metric);
            kinds[reason.ordinal()] = kind;
        }
    }

    long count(Reason reason) {
        return kinds[reason.ordinal()].counter.getCount();
    }

    void skip(Reason reason, String detail) {
        Kind kind = kinds[reason.ordinal()];
        kind.counter.inc();
        kind.sinceLastLog++;
        boolean quiet = reason == Reason.FILTERED_OP || reason == Reason.TOMBSTONE;
        long now = System.currentTimeMillis();
        if (!quiet && now - kind.lastLog >= LOG_INTERVAL_MILLIS) {
            LOG.warn(
                    "debezium-json-ext in table {}: skipped {} {} since the last report ({} in"
                            + " total, metric {}); the latest: {}",
                    table,
                    kind.sinceLastLog,
                    reason.what + (kind.sinceLastLog == 1 ? "" : "s"),
                    kind.counter.getCount(),
                    reason.metric,
                    detail);
            kind.lastLog = now;
            kind.sinceLastLog = 0;
        }
    }
}
