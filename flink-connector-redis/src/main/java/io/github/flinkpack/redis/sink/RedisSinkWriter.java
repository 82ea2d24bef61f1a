package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.client.RedisBatch;
import io.github.flinkpack.redis.client.RedisCommandException;
import io.github.flinkpack.redis.client.RedisWriteClient;
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
 * Buffers rows, reduced per key, and writes them as one pipelined batch when the buffer holds
 * {@code sink.buffer-flush.max-rows} rows, when {@code sink.buffer-flush.interval} passes, and
 * (at-least-once) on every checkpoint and at the end of input, waiting for Redis to confirm. All of
 * it runs on the task thread, so a checkpoint barrier can only pass once every earlier row is in
 * Redis.
 */
final class RedisSinkWriter implements SinkWriter<RowData> {

    private static final Logger LOG = LoggerFactory.getLogger(RedisSinkWriter.class);

    private final RedisWriteOptions options;
    private final RedisRowConverter converter;
    private final String tableName;
    private final RedisWriteClient client;
    private final MutationBuffer buffer;
    private final ProcessingTimeService timers;

    private final Counter numRecordsSend;
    private final Counter numRecordsSendErrors;
    private final SkippedRowCounters skipped;
    private final Counter numBatches;
    private volatile long currentSendTimeMillis;
    private volatile long lastBatchRows;
    private volatile long lastFlushLatencyMillis;

    private final ExecutorService sender;
    private Future<?> inFlight;

    private int bufferedRows;
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
        this.buffer =
                new MutationBuffer(options.ttlMode(), converter.mapping().command().isCounter());
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
        this.sender = DaemonExecutors.single("redis-sink-sender (" + tableName + ")");
        LOG.info("Redis sink for table '{}' writes to {} with {}", tableName, connection, options);
    }

    @Override
    public void write(RowData row, Context context) throws IOException {
        if (inFlight != null && inFlight.isDone()) {
            awaitInFlight(); // surfaces a failed batch as early as possible
        }
        if (skipped.buffered(converter.convert(row, buffer))) {
            bufferedRows++;
        }
        if (bufferedRows >= options.maxBufferedRows()) {
            flushBuffer(false);
        } else if (bufferedRows > 0) {
            armTimer();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        if (endOfInput || options.deliveryGuarantee() == SinkDeliveryGuarantee.AT_LEAST_ONCE) {
            flushBuffer(true);
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
                    flushBuffer(false);
                });
    }

    /** Hands the buffer to the sender once the batch before it is confirmed. */
    private void flushBuffer(boolean waitUntilWritten) throws IOException {
        if (!buffer.isEmpty()) {
            int rows = bufferedRows;
            RedisBatch batch = buffer.drain(nextBatchId++);
            awaitInFlight();
            inFlight =
                    sender.submit(
                            () -> {
                                send(batch, rows);
                                return null;
                            });
        }
        bufferedRows = 0;
        if (waitUntilWritten) {
            awaitInFlight();
        }
    }

    private void awaitInFlight() throws IOException {
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
                    : new IOException("Table '" + tableName + "': " + cause.getMessage(), cause);
        } finally {
            inFlight = null;
        }
    }

    /** Runs on the sender thread: writes one batch, retrying with exponential backoff. */
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
                    numRecordsSendErrors.inc(rows);
                    throw new IOException(
                            String.format(
                                    "Table '%s': writing a batch of %d rows (%d Redis writes) failed"
                                            + " after %d attempt(s): %s",
                                    tableName, rows, batch.size(), attempt + 1, e.getMessage()),
                            e);
                }
                LOG.warn(
                        "Table '{}': batch {} failed (attempt {} of {}), retrying in {} ms: {}",
                        tableName,
                        batch.id(),
                        attempt + 1,
                        options.maxRetries() + 1,
                        backoff,
                        e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 60_000L);
            }
        }
        numRecordsSend.inc(rows);
        numBatches.inc();
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
