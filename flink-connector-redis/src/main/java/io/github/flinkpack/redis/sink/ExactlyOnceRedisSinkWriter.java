package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.client.CommitOps;
import io.github.flinkpack.redis.config.RedisCommand;
import io.github.flinkpack.redis.config.RedisWriteOptions;
import io.github.flinkpack.redis.serialization.RedisRowConverter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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

    /**
     * Commits still running at a barrier: one lets Redis apply a checkpoint while the task
     * processes the next; more would only grow the checkpoints while Redis is the bottleneck.
     */
    private static final int MAX_RUNNING_COMMITS = 1;

    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceRedisSinkWriter.class);

    private final RedisRowConverter converter;
    private final CheckpointMutations buffer;
    private final String lineage;
    private final int subtask;
    private final SkippedRowCounters skipped;
    private final InFlightCommits inFlight;
    private boolean ended;
    private long sequence;
    private int bufferedRows;

    ExactlyOnceRedisSinkWriter(
            RedisWriteOptions options, RedisRowConverter converter, WriterInitContext context) {
        this.converter = converter;
        this.buffer =
                new CheckpointMutations(
                        options.ttlMode(), converter.mapping().command() == RedisCommand.ZINCRBY);
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
            ended = true;
            inFlight.end(); // the last commits are made before the job may finish
        }
    }

    @Override
    public Collection<RedisCommittable> prepareCommit() throws IOException, InterruptedException {
        // Commits of earlier checkpoints still running go into this checkpoint again.
        List<RedisCommittable> committables =
                new ArrayList<>(inFlight.stillRunning(ended ? 0 : MAX_RUNNING_COMMITS));
        if (!buffer.isEmpty()) {
            sequence++;
            committables.add(
                    new RedisCommittable(lineage, subtask, sequence, bufferedRows, buffer.drain()));
        }
        bufferedRows = 0;
        return committables;
    }

    @Override
    public void close() {
        InFlightCommits.unregister(lineage);
    }
}
