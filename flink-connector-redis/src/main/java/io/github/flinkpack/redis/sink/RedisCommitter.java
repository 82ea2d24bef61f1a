package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.client.RedisCommandException;
import io.github.flinkpack.redis.client.RedisWriteClient;
import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.RedisWriteOptions;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * <p>A commit is applied on a thread of its own so that the task goes on with the next checkpoint's
 * rows meanwhile: the request is handed back with {@code retryLater()}, which keeps it in Flink's
 * committer state, and is only reported done when Flink presents it again (at the next completed
 * checkpoint, Flink's retry timer, or the end of input) and its application has finished; a failed
 * one fails the job then. One thread applies them in the order Flink hands them over, so a later
 * commit of a writer never overtakes an earlier one (its marker would make the earlier a no-op).
 */
final class RedisCommitter implements Committer<RedisCommittable> {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCommitter.class);

    private final String tableName;
    private final RedisConnectionConfig connection;
    private final RedisWriteOptions options;
    private final Counter numCommits;
    private final Counter numCommittedRows;
    private final ExecutorService applier;
    private final Map<String, Future<?>> applying = new HashMap<>();
    private RedisWriteClient client; // used by the applier thread only

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
        this.applier = DaemonExecutors.single("redis-committer (" + tableName + ")");
    }

    @Override
    public void commit(Collection<CommitRequest<RedisCommittable>> requests)
            throws IOException, InterruptedException {
        for (CommitRequest<RedisCommittable> request : requests) {
            RedisCommittable committable = request.getCommittable();
            String id = committable.markerBase() + "#" + committable.sequence();
            Future<?> application = applying.get(id);
            if (application == null) {
                applying.put(
                        id,
                        applier.submit(
                                () -> {
                                    apply(committable);
                                    return null;
                                }));
                request.retryLater();
                continue;
            }
            try {
                application.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof IOException
                        ? (IOException) cause
                        : new IOException(
                                "Table '" + tableName + "': committing " + committable + " failed",
                                cause);
            } finally {
                applying.remove(id);
            }
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
    public void close() throws InterruptedException {
        // What is still being applied stays in Flink's committer state and is applied again.
        applier.shutdownNow();
        applier.awaitTermination(10, TimeUnit.SECONDS);
        closeClient();
    }
}
