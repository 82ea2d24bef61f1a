package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.client.RedisBatch;
import io.github.flinkpack.redis.client.RedisCommandException;
import io.github.flinkpack.redis.client.RedisWriteClient;
import io.github.flinkpack.redis.config.RedisCommand;
import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.RedisWriteOptions;
import io.github.flinkpack.redis.config.SinkDeliveryGuarantee;
import io.github.flinkpack.redis.serialization.RedisRowConverter;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.table.data.RowData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers rows, reduced per key, in {@code sink.max-in-flight-batches} lanes (by key hash), and
 * writes a lane's buffer as one pipelined batch when it holds {@code sink.buffer-flush.max-rows}
 * rows, every lane's when {@code sink.buffer-flush.interval} passes, and (at-least-once) on every
 * checkpoint and at the end of input, waiting for Redis to confirm every lane. Each lane has at
 * most one batch in flight, written and retried on a sender thread while the task thread fills the
 * next: batches of one lane, and so the writes to one key, reach Redis in order. A checkpoint
 * barrier passes only once every earlier row is in Redis.
 */
final class RedisSinkWriter implements SinkWriter<RowData> {

    private static final Logger LOG = LoggerFactory.getLogger(RedisSinkWriter.class);

    private final RedisWriteOptions options;
    private final RedisRowConverter converter;
    private final String tableName;
    private final RedisWriteClient client;
    private final Lane[] lanes;
    private final LaneRouter router;
    private final ProcessingTimeService timers;

    private final Counter numRecordsSend;
    private final Counter numRecordsSendErrors;
    private final SkippedRowCounters skipped;
    private final Counter numBatches;
    private final Object metricsLock = new Object();
    private volatile long currentSendTimeMillis;
    private volatile long lastBatchRows;
    private volatile long lastFlushLatencyMillis;

    private final ExecutorService sender;

    private long nextBatchId = 1;
    private boolean timerArmed;

    RedisSinkWriter(
            RedisConnectionConfig connection,
            RedisWriteOptions options,
            RedisRowConverter converter,
            WriterInitContext context) {
        this.options = options;
        this.converter = converter;
        this.tableName = converter.mapping().tableName();
        boolean counters = converter.mapping().command().isCounter();
        this.lanes = new Lane[options.maxInFlightBatches()];
        MutationBuffer[] buffers = new MutationBuffer[lanes.length];
        for (int i = 0; i < lanes.length; i++) {
            buffers[i] =
                    new MutationBuffer(
                            options.ttlMode(),
                            counters,
                            converter.mapping().command() == RedisCommand.ZINCRBY);
            lanes[i] = new Lane(i, buffers[i]);
        }
        this.router = new LaneRouter(buffers);
        this.timers = context.getProcessingTimeService();

        SinkWriterMetricGroup metrics = context.metricGroup();
        this.numRecordsSend = metrics.getNumRecordsSendCounter();
        this.numRecordsSendErrors = metrics.getNumRecordsSendErrorsCounter();
        this.skipped = new SkippedRowCounters(metrics);
        this.numBatches = metrics.counter("numBatches");
        metrics.setCurrentSendTimeGauge(() -> currentSendTimeMillis);
        metrics.gauge("lastBatchRows", () -> lastBatchRows);
        metrics.gauge("lastFlushLatencyMillis", () -> lastFlushLatencyMillis);

        this.client = RedisWriteClient.connect(connection);
        this.sender = DaemonExecutors.fixed(lanes.length, "redis-sink-sender (" + tableName + ")");
        LOG.info("Redis sink for table '{}' writes to {} with {}", tableName, connection, options);
    }

    @Override
    public void write(RowData row, Context context) throws IOException {
        if (!skipped.buffered(converter.convert(row, router))) {
            return;
        }
        Lane lane = lanes[router.lastLane()];
        lane.surfaceFailure();
        if (++lane.bufferedRows >= options.maxBufferedRows()) {
            lane.flush();
        } else {
            armTimer();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        if (endOfInput || options.deliveryGuarantee() == SinkDeliveryGuarantee.AT_LEAST_ONCE) {
            flushAll();
            for (Lane lane : lanes) {
                lane.awaitInFlight();
            }
        }
    }

    private void armTimer() {
        long interval = options.flushInterval().toMillis();
        if (timerArmed || interval <= 0) {
            return;
        }
        timerArmed = true;
        timers.registerTimer(
                timers.getCurrentProcessingTime() + interval,
                time -> {
                    timerArmed = false;
                    flushAll();
                });
    }

    private void flushAll() throws IOException {
        for (Lane lane : lanes) {
            lane.flush();
        }
    }

    /** One ordered lane: its buffer, and the one batch of it in flight. */
    private final class Lane {
        private final int index;
        private final MutationBuffer buffer;
        private int bufferedRows;
        private Future<?> inFlight;

        Lane(int index, MutationBuffer buffer) {
            this.index = index;
            this.buffer = buffer;
        }

        /** Hands the buffer to a sender once this lane's batch before it is confirmed. */
        void flush() throws IOException {
            if (!buffer.isEmpty()) {
                int rows = bufferedRows;
                RedisBatch batch = buffer.drain(nextBatchId++, index);
                awaitInFlight();
                inFlight =
                        sender.submit(
                                () -> {
                                    send(batch, rows);
                                    return null;
                                });
            }
            bufferedRows = 0;
        }

        /** Fails as soon as a finished batch of this lane failed. */
        void surfaceFailure() throws IOException {
            if (inFlight != null && inFlight.isDone()) {
                awaitInFlight();
            }
        }

        void awaitInFlight() throws IOException {
            if (inFlight == null) {
                return;
            }
            try {
                inFlight.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for a Redis batch", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof IOException
                        ? (IOException) cause
                        : new IOException(
                                "Table '" + tableName + "': " + cause.getMessage(), cause);
            } finally {
                inFlight = null;
            }
        }
    }

    /** Runs on a sender thread: writes one batch, retrying with exponential backoff. */
    private void send(RedisBatch batch, int rows) throws IOException {
        long started = System.currentTimeMillis();
        long backoff = options.retryBackoff().toMillis();
        for (int attempt = 0; ; attempt++) {
            long sendStarted = System.currentTimeMillis();
            try {
                client.write(batch);
                currentSendTimeMillis = System.currentTimeMillis() - sendStarted;
                break;
            } catch (RedisCommandException e) {
                if (!e.isRetryable() || attempt >= options.maxRetries()) {
                    synchronized (metricsLock) {
                        numRecordsSendErrors.inc(rows);
                    }
                    throw new IOException(
                            String.format(
                                    "Table '%s': writing a batch of %d rows (%d Redis writes) failed"
                                            + " after %d attempt(s): %s",
                                    tableName, rows, batch.size(), attempt + 1, e.getMessage()),
                            e);
                }
                LOG.warn(
                        "Table '{}': batch {} of lane {} failed (attempt {} of {}), retrying in {} ms: {}",
                        tableName,
                        batch.id(),
                        batch.lane(),
                        attempt + 1,
                        options.maxRetries() + 1,
                        backoff,
                        e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 60_000L);
            }
        }
        synchronized (metricsLock) { // counters are not thread-safe, and lanes share them
            numRecordsSend.inc(rows);
            numBatches.inc();
        }
        lastBatchRows = rows;
        lastFlushLatencyMillis = System.currentTimeMillis() - started;
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting to retry a Redis batch", e);
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
        try {
            sender.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
