package io.github.flinkpack.redis.lookup;

import io.github.flinkpack.redis.client.KeyedCommand;
import io.github.flinkpack.redis.client.RedisCommandException;
import io.github.flinkpack.redis.client.RedisReadClient;
import io.github.flinkpack.redis.config.ParseErrorPolicy;
import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.serialization.RedisReadException;
import io.github.flinkpack.redis.serialization.RedisRowReader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks up a batch of key rows in one pipelined round trip per node: renders each Redis key as the
 * sink does, reads each distinct key once, retries a failed round trip with backoff, and turns the
 * replies into rows. Shared by the synchronous and the asynchronous lookup function.
 */
public final class RedisLookupRunner implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RedisLookupRunner.class);

    private final String tableName;
    private final RedisConnectionConfig connection;
    private final RedisRowReader reader;
    private final LookupKeys keys;
    private final ParseErrorPolicy onParseError;
    private final int maxRetries;
    private final Duration retryBackoff;

    private transient RedisReadClient client;
    private transient Counter numLookups;
    private transient Counter numLookupMisses;
    private transient Counter numLookupErrors;
    private transient Counter numLookupBatches;
    private transient Counter numParseErrors;
    private transient volatile long lastBatchKeys;
    private transient volatile long lastBatchLatencyMillis;

    public RedisLookupRunner(
            String tableName,
            RedisConnectionConfig connection,
            RedisRowReader reader,
            LookupKeys keys,
            ParseErrorPolicy onParseError,
            int maxRetries,
            Duration retryBackoff) {
        this.tableName = tableName;
        this.connection = connection;
        this.reader = reader;
        this.keys = keys;
        this.onParseError = onParseError;
        this.maxRetries = maxRetries;
        this.retryBackoff = retryBackoff;
    }

    public String tableName() {
        return tableName;
    }

    void open(MetricGroup metrics) {
        try {
            client = RedisReadClient.connect(connection);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "Redis table '" + tableName + "' (lookup): " + e.getMessage(), e);
        }
        LOG.info(
                "Redis lookup for table '{}' reading {} from {} ({} retries)",
                tableName,
                reader.shape(),
                connection.describe(),
                maxRetries);
        numLookups = metrics.counter("numLookups");
        numLookupMisses = metrics.counter("numLookupMisses");
        numLookupErrors = metrics.counter("numLookupErrors");
        numLookupBatches = metrics.counter("numLookupBatches");
        numParseErrors = metrics.counter("numParseErrors");
        metrics.gauge("lastLookupBatchKeys", () -> lastBatchKeys);
        metrics.gauge("lastLookupLatencyMillis", () -> lastBatchLatencyMillis);
    }

    /** The rows found for each key row, in order: empty for a missing key. */
    List<Collection<RowData>> lookup(List<RowData> keyRows) throws IOException {
        int size = keyRows.size();
        Object[][] keyValues = new Object[size][];
        Object[] fieldValues = new Object[size];
        byte[][] redisKeys = new byte[size][];
        int[] commandOf = new int[size];
        List<KeyedCommand> commands = new ArrayList<>(size);
        Map<ByteBuffer, Integer> distinct = new HashMap<>();
        for (int i = 0; i < size; i++) {
            RowData keyRow = keyRows.get(i);
            keyValues[i] = keys.keyValues(keyRow);
            commandOf[i] = -1;
            if (keyValues[i] == null) {
                continue;
            }
            byte[] field = null;
            if (keys.hasField()) {
                fieldValues[i] = keys.fieldValue(keyRow);
                if (fieldValues[i] == null) {
                    continue;
                }
                field = reader.hashField(fieldValues[i]);
            }
            redisKeys[i] = reader.key(keyValues[i]);
            ByteBuffer identity = identity(redisKeys[i], field);
            Integer known = distinct.get(identity);
            if (known == null) {
                known = commands.size();
                distinct.put(identity, known);
                commands.add(reader.lookupCommand(redisKeys[i], field));
            }
            commandOf[i] = known;
        }
        Object[] replies = commands.isEmpty() ? new Object[0] : readWithRetries(commands);

        List<Collection<RowData>> results = new ArrayList<>(size);
        boolean nullOnError = onParseError == ParseErrorPolicy.NULL;
        for (int i = 0; i < size; i++) {
            numLookups.inc();
            GenericRowData row = null;
            if (commandOf[i] >= 0) {
                try {
                    row =
                            reader.toRow(
                                    keyValues[i],
                                    fieldValues[i],
                                    replies[commandOf[i]],
                                    redisKeys[i],
                                    nullOnError,
                                    numParseErrors);
                } catch (RedisReadException e) {
                    throw new IOException(
                            "Redis table '"
                                    + tableName
                                    + "': "
                                    + e.getMessage()
                                    + ". Fix the value, or set 'lookup.on-parse-error' = 'null'"
                                    + " to read it as NULL (counted in numParseErrors).");
                }
            }
            if (row == null || !keys.matches(keyRows.get(i), row)) {
                numLookupMisses.inc();
                results.add(Collections.emptyList());
            } else {
                results.add(Collections.singletonList(row));
            }
        }
        return results;
    }

    private Object[] readWithRetries(List<KeyedCommand> commands) throws IOException {
        long started = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            try {
                Object[] replies = client.read(commands);
                numLookupBatches.inc();
                lastBatchKeys = commands.size();
                lastBatchLatencyMillis = (System.nanoTime() - started) / 1_000_000L;
                return replies;
            } catch (RedisCommandException e) {
                numLookupErrors.inc();
                if (!e.isRetryable() || attempt >= maxRetries) {
                    throw new IOException(
                            "Redis table '"
                                    + tableName
                                    + "': lookup of "
                                    + commands.size()
                                    + " key(s) failed"
                                    + (attempt > 0 ? " after " + attempt + " retries" : "")
                                    + ": "
                                    + e.getMessage(),
                            e);
                }
                long wait = retryBackoff.toMillis() << Math.min(attempt, 20);
                LOG.warn(
                        "Redis table '{}': lookup failed ({}); retry {} of {} in {} ms",
                        tableName,
                        e.getMessage(),
                        attempt + 1,
                        maxRetries,
                        wait);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while retrying a Redis lookup", interrupted);
                }
            }
        }
    }

    private static ByteBuffer identity(byte[] key, byte[] field) {
        if (field == null) {
            return ByteBuffer.wrap(key);
        }
        // Length-prefixed so that ("ab", "c") and ("a", "bc") differ.
        return ByteBuffer.allocate(4 + key.length + field.length)
                .putInt(key.length)
                .put(key)
                .put(field)
                .flip();
    }

    void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
