package io.github.flinkpack.benchmarks;

import io.github.flinkpack.testing.redis.RedisServer;
import java.util.Arrays;
import redis.clients.jedis.Jedis;

/**
 * Samples {@code DBSIZE} of a Redis server on its own connection while a job writes distinct keys,
 * for the rate at which rows become visible in Redis once the job is running: the keys added
 * between the samples that first reach two fractions of the expected keys, over the time between
 * those samples. Unlike a whole job's rate, it leaves out the job's start and its end of input,
 * where an exactly-once sink waits for the final checkpoint to complete and then commits the rows
 * of its last interval, which for a job of a few seconds is a large share of its runtime.
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
    private volatile RuntimeException failure;
    private final Thread thread;
    private volatile boolean stopped;
    private long[] nanos = new long[1 << 12];
    private long[] counts = new long[1 << 12];
    private int samples;

    KeyCountSampler(RedisServer server) {
        this.redis = server.newClient(PATIENCE_MILLIS);
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
            synchronized (this) {
                if (samples == nanos.length) {
                    nanos = Arrays.copyOf(nanos, samples * 2);
                    counts = Arrays.copyOf(counts, samples * 2);
                }
                nanos[samples] = now;
                counts[samples] = count;
                samples++;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Keys per second between the first samples at or above {@code from} and {@code to} times
     * {@code keys}; -1 when the samples do not reach both or hold fewer than two distinct points.
     */
    synchronized double keysPerSecond(long keys, double from, double to) {
        if (failure != null) {
            throw new IllegalStateException("DBSIZE sampling failed", failure);
        }
        int first = firstAtLeast((long) (keys * from));
        int last = firstAtLeast((long) (keys * to));
        if (first < 0 || last <= first) {
            return -1;
        }
        return (counts[last] - counts[first]) * 1e9 / (nanos[last] - nanos[first]);
    }

    private int firstAtLeast(long count) {
        for (int i = 0; i < samples; i++) {
            if (counts[i] >= count) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join();
        redis.close();
    }
}
