package io.github.flinkpack.benchmarks;

import io.github.flinkpack.testing.redis.RedisServer;
import redis.clients.jedis.Jedis;

/**
 * Samples {@code DBSIZE} of a Redis server on its own connection while a job writes distinct keys,
 * for the rate at which rows become visible in Redis once the job is running: the keys added
 * between the samples that first reach two key counts, over the time between those samples. Unlike
 * a whole job's rate, it leaves out the job's start and its end of input, where an exactly-once
 * sink waits for the final checkpoint to complete and then commits the rows of its last interval,
 * which for a job of a few seconds is a large share of its runtime.
 *
 * <p>An exactly-once sink makes keys visible in steps, one commit per checkpoint. {@code DBSIZE}
 * waits behind a commit's {@code EXEC}, so a sample that crosses a fraction is taken just after a
 * step, and the interval between the two crossings spans whole commits.
 */
final class KeyCountSampler implements AutoCloseable {

    /**
     * How long a reply may take: the EXEC of a large commit, or the FLUSHALL or KEYS of ten million
     * keys, keeps Redis busy for seconds.
     */
    static final int PATIENCE_MILLIS = 120_000;

    private final Jedis redis;
    private final long fromKeys;
    private final long toKeys;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile RuntimeException failure;

    // Written by the sampling thread only; read after close() joined it.
    private long fromNanos;
    private long fromCount;
    private long toNanos;
    private long toCount;

    /** Samples until {@code toKeys} keys are in Redis, noting when {@code fromKeys} were. */
    KeyCountSampler(RedisServer server, long fromKeys, long toKeys) {
        this.redis = server.newClient(PATIENCE_MILLIS);
        this.fromKeys = fromKeys;
        this.toKeys = toKeys;
        this.thread = new Thread(this::sample, "dbsize-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (!stopped) {
            long count;
            try {
                count = redis.dbSize();
            } catch (RuntimeException e) {
                failure = e;
                return;
            }
            long now = System.nanoTime();
            if (fromNanos == 0 && count >= fromKeys) {
                fromNanos = now;
                fromCount = count;
            }
            if (count >= toKeys) {
                toNanos = now;
                toCount = count;
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Keys per second between the first samples at or above {@code fromKeys} and {@code toKeys};
     * NaN when the samples did not reach both, or reached both at once. Call after {@link #close}.
     */
    double keysPerSecond() {
        if (failure != null) {
            throw new IllegalStateException("DBSIZE sampling failed", failure);
        }
        if (fromNanos == 0 || toNanos <= fromNanos) {
            return Double.NaN;
        }
        return (toCount - fromCount) * 1e9 / (toNanos - fromNanos);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join();
        redis.close();
    }
}
