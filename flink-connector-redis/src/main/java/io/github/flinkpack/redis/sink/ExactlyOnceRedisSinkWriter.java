package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.client.CommitOps;
import io.github.flinkpack.redis.config.RedisWriteOptions;
import io.github.flinkpack.redis.serialization.RedisRowConverter;
import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.UUID;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.table.data.RowData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sink.delivery-guarantee = 'exactly-once'}: writes nothing itself. It reduces the rows of a
 * checkpoint per key (last write per key, counter deltas summed) and hands them to the committer at
 * the checkpoint barrier, which applies them once the checkpoint is complete.
 */
final class ExactlyOnceRedisSinkWriter implements CommittingSinkWriter<RowData, RedisCommittable> {

    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceRedisSinkWriter.class);

    private final RedisRowConverter converter;
    private final CheckpointMutations buffer;
    private final String lineage;
    private final int subtask;
    private final SkippedRowCounters skipped;
    private final InFlightCommits inFlight;
    private long sequence;
    private int bufferedRows;

    ExactlyOnceRedisSinkWriter(
            RedisWriteOptions options, RedisRowConverter converter, WriterInitContext context) {
        this.converter = converter;
        this.buffer = new CheckpointMutations(options.ttlMode());
        // New at every start: the markers of earlier runs (and of restored commits) never match.
        this.lineage = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        this.subtask = context.getTaskInfo().getIndexOfThisSubtask();
        SinkWriterMetricGroup metrics = context.metricGroup();
        this.skipped = new SkippedRowCounters(metrics);
        this.inFlight = InFlightCommits.register(lineage);
        LOG.info(
                "Redis sink for table '{}' (exactly-once), subtask {}, commit markers {}",
                converter.mapping().tableName(),
                subtask,
                CommitOps.markerBase(lineage, subtask));
    }

    @Override
    public void write(RowData row, Context context) {
        if (skipped.buffered(converter.convert(row, buffer))) {
            bufferedRows++;
        }
    }

    @Override
    public void flush(boolean endOfInput) {
        // Nothing is written before its checkpoint completes; prepareCommit follows.
        if (endOfInput) {
            inFlight.end(); // the last commits are made before the job may finish
        }
    }

    @Override
    public Collection<RedisCommittable> prepareCommit() throws IOException, InterruptedException {
        // The earlier checkpoints' commits are in Redis before this checkpoint's snapshot drops
        // them from the committer's state; a failed one fails this checkpoint and the job.
        inFlight.awaitAll();
        if (buffer.isEmpty()) {
            bufferedRows = 0;
            return Collections.emptyList();
        }
        sequence++;
        RedisCommittable committable =
                new RedisCommittable(lineage, subtask, sequence, bufferedRows, buffer.drain());
        bufferedRows = 0;
        return Collections.singletonList(committable);
    }

    @Override
    public void close() {
        InFlightCommits.unregister(lineage);
    }
}
