package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.client.RedisCommandException;
import io.github.flinkpack.redis.client.RedisWriteClient;
import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.RedisWriteOptions;
import java.io.IOException;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkCommitterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the writers' committables once their checkpoint is complete, and again, harmlessly, after
 * a restore (the commit markers make a repeat a no-op). A commit that still fails after {@code
 * sink.max-retries} fails the job; it stays in the checkpoint and is committed after the restore.
 *
 * <p>The commit runs on the task thread. Applying it on a thread of its own (handing the request
 * back with {@code retryLater()}) was measured: no faster on loopback, and every commit then stays
 * in the committer's state for one more checkpoint, doubling what the checkpoints carry.
 */
final class RedisCommitter implements Committer<RedisCommittable> {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCommitter.class);

    private final String tableName;
    private final RedisConnectionConfig connection;
    private final RedisWriteOptions options;
    private final Counter numCommits;
    private final Counter numCommittedRows;
    private RedisWriteClient client;

    RedisCommitter(
            String tableName,
            RedisConnectionConfig connection,
            RedisWriteOptions options,
            SinkCommitterMetricGroup metrics) {
        this.tableName = tableName;
        this.connection = connection;
        this.options = options;
        this.numCommits = metrics.counter("numCommits");
        this.numCommittedRows = metrics.counter("numCommittedRows");
    }

    @Override
    public void commit(Collection<CommitRequest<RedisCommittable>> requests)
            throws IOException, InterruptedException {
        for (CommitRequest<RedisCommittable> request : requests) {
            apply(request.getCommittable());
        }
    }

    private void apply(RedisCommittable committable) throws IOException, InterruptedException {
        long backoff = options.retryBackoff().toMillis();
        for (int attempt = 0; ; attempt++) {
            try {
                if (client == null) {
                    client = RedisWriteClient.connect(connection);
                }
                client.commit(
                        committable.markerBase(),
                        committable.sequence(),
                        options.markerRetention().toMillis(),
                        committable.ops());
                numCommits.inc();
                numCommittedRows.inc(committable.rows());
                return;
            } catch (RedisCommandException | IllegalStateException e) {
                boolean retryable =
                        !(e instanceof RedisCommandException)
                                || ((RedisCommandException) e).isRetryable();
                if (!retryable || attempt >= options.maxRetries()) {
                    throw new IOException(
                            String.format(
                                    "Table '%s': committing %s failed after %d attempt(s): %s",
                                    tableName, committable, attempt + 1, e.getMessage()),
                            e);
                }
                LOG.warn(
                        "Table '{}': commit {} failed (attempt {} of {}), retrying in {} ms: {}",
                        tableName,
                        committable,
                        attempt + 1,
                        options.maxRetries() + 1,
                        backoff,
                        e.getMessage());
                closeClient();
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 60_000L);
            }
        }
    }

    private void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    public void close() {
        closeClient();
    }
}
