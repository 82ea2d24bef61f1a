package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.client.RedisCommandException;
import io.github.flinkpack.redis.client.RedisWriteClient;
import io.github.flinkpack.redis.client.RespBlock;
import io.github.flinkpack.redis.client.RespBuilder;
import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.RedisWriteOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * <p>Commits run on a thread of the committer's, one at a time in order. When the committer is
 * chained to the committable's writer, the task thread does not wait: the writer keeps a running
 * commit in the next checkpoint ({@link InFlightCommits}), so the task processes the next
 * checkpoint's rows while Redis applies the last one's. ({@code retryLater()} cannot do this: Flink
 * calls the committer again at once, up to its retry limit.)
 */
final class RedisCommitter implements Committer<RedisCommittable> {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCommitter.class);

    private final String tableName;
    private final RedisConnectionConfig connection;
    private final RedisWriteOptions options;
    private final Counter numCommits;
    private final Counter numCommittedRows;
    private static final long CLOSE_TIMEOUT_SECONDS = 30;

    /** Applies the commits, one at a time in order; its client is used by no other thread. */
    private final ExecutorService executor;

    private RedisWriteClient client;

    /** The RESP of the commit being applied, rendered by the commit thread; reused. */
    private final RespBuilder rendered = new RespBuilder(1 << 16);

    /** The first failure of a commit applied in the background, for the task thread to throw. */
    private volatile IOException failure;

    /**
     * The highest sequence this committer applied per marker (writer subtask), read and written by
     * its thread only: copies of a commit need no round trip, and the metrics count each once.
     */
    private final Map<String, Long> appliedHere = new HashMap<>();

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
        this.executor =
                Executors.newSingleThreadExecutor(
                        runnable -> {
                            Thread thread =
                                    new Thread(runnable, "redis-commit (" + tableName + ")");
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    @Override
    public void commit(Collection<CommitRequest<RedisCommittable>> requests)
            throws IOException, InterruptedException {
        throwIfFailedInBackground();
        for (CommitRequest<RedisCommittable> request : requests) {
            RedisCommittable committable = request.getCommittable();
            Future<?> synchronous =
                    InFlightCommits.submit(committable, executor, () -> applyOnThread(committable));
            if (synchronous != null) {
                InFlightCommits.await(synchronous);
            }
        }
    }

    private void applyOnThread(RedisCommittable committable) {
        try {
            apply(committable);
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "Table '" + tableName + "': interrupted while committing " + committable, e);
        }
    }

    private void apply(RedisCommittable committable) throws IOException, InterruptedException {
        Long appliedUpTo = appliedHere.get(committable.markerBase());
        if (appliedUpTo != null && appliedUpTo >= committable.sequence()) {
            return; // a copy handed on by the writer while this thread applied the original
        }
        RespBlock ops = committable.writes().toResp(rendered);
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
                        ops);
                appliedHere.merge(committable.markerBase(), committable.sequence(), Math::max);
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
        // Nothing is thrown here: Flink also closes a committer while its task fails, and an
        // exception from that cleanup takes the whole TaskManager down.
        executor.submit(this::closeClient);
        executor.shutdown();
        if (!executor.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            executor.shutdownNow();
            LOG.error(
                    "Table '{}': a commit was still running {} s after the committer closed; it"
                            + " stays in the last checkpoint and is applied when the job restores"
                            + " from it",
                    tableName,
                    CLOSE_TIMEOUT_SECONDS);
        } else if (failure != null) {
            LOG.error(
                    "Table '{}': a commit failed after the last checkpoint barrier; it stays in"
                            + " that checkpoint (or savepoint) and is applied when the job"
                            + " restores from it",
                    tableName,
                    failure);
        }
    }

    private void throwIfFailedInBackground() throws IOException {
        IOException failed = failure;
        if (failed != null) {
            throw new IOException(failed.getMessage(), failed);
        }
    }
}
