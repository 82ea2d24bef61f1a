package io.github.flinkpack.redis.source;

import io.github.flinkpack.redis.client.RedisReadClient;
import io.github.flinkpack.redis.config.RedisConnectionConfig;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/** One split per node serving keys, handed to readers as they ask. */
final class RedisScanEnumerator
        implements SplitEnumerator<RedisScanSplit, RedisScanEnumeratorState> {

    private final SplitEnumeratorContext<RedisScanSplit> context;
    private final RedisConnectionConfig connection;
    private final String tableName;
    private final Deque<RedisScanSplit> unassigned = new ArrayDeque<>();
    private boolean discovered;

    RedisScanEnumerator(
            SplitEnumeratorContext<RedisScanSplit> context,
            RedisConnectionConfig connection,
            String tableName,
            RedisScanEnumeratorState restored) {
        this.context = context;
        this.connection = connection;
        this.tableName = tableName;
        if (restored != null) {
            this.discovered = restored.discovered();
            this.unassigned.addAll(restored.unassigned());
        }
    }

    @Override
    public void start() {
        if (discovered) {
            return;
        }
        try (RedisReadClient client = RedisReadClient.connect(connection)) {
            for (String node : client.scanNodes()) {
                unassigned.add(new RedisScanSplit(node, RedisScanSplit.START, 0));
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "Redis table '" + tableName + "' (scan): " + e.getMessage(), e);
        }
        discovered = true;
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        RedisScanSplit next = unassigned.poll();
        if (next == null) {
            context.signalNoMoreSplits(subtaskId);
        } else {
            context.assignSplit(next, subtaskId);
        }
    }

    @Override
    public void addSplitsBack(List<RedisScanSplit> splits, int subtaskId) {
        splits.forEach(unassigned::addFirst);
    }

    @Override
    public void addReader(int subtaskId) {
        // Readers ask for splits themselves.
    }

    @Override
    public RedisScanEnumeratorState snapshotState(long checkpointId) {
        RedisScanEnumeratorState state = new RedisScanEnumeratorState(discovered);
        state.unassigned().addAll(unassigned);
        return state;
    }

    @Override
    public void close() {}
}
