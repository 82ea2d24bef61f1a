package io.github.flinkpack.redis.source;

import io.github.flinkpack.redis.client.KeyedCommand;
import io.github.flinkpack.redis.client.RedisCommandException;
import io.github.flinkpack.redis.client.RedisReadClient;
import io.github.flinkpack.redis.client.RedisWriteClient;
import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.ScanErrorPolicy;
import io.github.flinkpack.redis.serialization.RedisReadException;
import io.github.flinkpack.redis.serialization.RedisRowReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.metrics.Counter;
import org.apache.flink.table.data.GenericRowData;

/**
 * Reads the node splits one {@code SCAN} page at a time: the page's keys split back into key
 * columns, their values read in one pipelined round trip, each row tagged with where it stands so
 * that a restore resumes after the last row emitted.
 */
final class RedisScanSplitReader implements SplitReader<ScannedRow, RedisScanSplit> {

    private static final int MAX_EMPTY_PAGES_PER_FETCH = 16;
    private static final byte[] MARKER_PREFIX =
            RedisWriteClient.MARKER_PREFIX.getBytes(StandardCharsets.UTF_8);

    private final String tableName;
    private final RedisConnectionConfig connection;
    private final RedisRowReader reader;
    private final byte[] pattern;
    private final int count;
    private final ScanErrorPolicy onError;
    private final Counter keysSkipped;
    private final Deque<RedisScanSplit> splits = new ArrayDeque<>();

    private RedisReadClient client;
    private RedisScanSplit current;
    private String cursor;
    private int toSkip;

    RedisScanSplitReader(
            String tableName,
            RedisConnectionConfig connection,
            RedisRowReader reader,
            int count,
            ScanErrorPolicy onError,
            Counter keysSkipped) {
        this.tableName = tableName;
        this.connection = connection;
        this.reader = reader;
        this.pattern = reader.scanPattern();
        this.count = count;
        this.onError = onError;
        this.keysSkipped = keysSkipped;
    }

    @Override
    public RecordsWithSplitIds<ScannedRow> fetch() throws IOException {
        RecordsBySplits.Builder<ScannedRow> records = new RecordsBySplits.Builder<>();
        if (current == null) {
            current = splits.poll();
            if (current == null) {
                return records.build();
            }
            cursor = current.cursor();
            toSkip = current.emittedOfPage();
        }
        String id = current.splitId();
        if (cursor.equals(RedisScanSplit.DONE)) {
            return finish(records, id);
        }
        for (int page = 0; page < MAX_EMPTY_PAGES_PER_FETCH; page++) {
            String pageCursor = cursor;
            RedisReadClient.ScanPage scanned;
            List<GenericRowData> rows;
            try {
                scanned = client().scan(current.node(), pageCursor, pattern, count);
                rows = rowsOf(scanned.keys());
            } catch (RedisCommandException e) {
                throw new IOException(
                        "Redis table '" + tableName + "' (scan): " + e.getMessage(), e);
            }
            boolean last = scanned.nextCursor().equals(RedisScanSplit.START);
            String next = last ? RedisScanSplit.DONE : scanned.nextCursor();
            for (int i = toSkip; i < rows.size(); i++) {
                records.add(
                        id,
                        new ScannedRow(
                                rows.get(i), pageCursor, i, i == rows.size() - 1 ? next : null));
            }
            boolean emitted = rows.size() > toSkip;
            toSkip = 0;
            cursor = next;
            if (last) {
                return finish(records, id);
            }
            if (emitted) {
                break;
            }
        }
        return records.build();
    }

    private RecordsWithSplitIds<ScannedRow> finish(
            RecordsBySplits.Builder<ScannedRow> records, String id) {
        records.addFinishedSplit(id);
        current = null;
        return records.build();
    }

    private List<GenericRowData> rowsOf(List<byte[]> keys) throws RedisCommandException {
        List<byte[]> rowKeys = new ArrayList<>(keys.size());
        List<Object[]> keyValues = new ArrayList<>(keys.size());
        List<KeyedCommand> reads = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            if (startsWith(key, MARKER_PREFIX)) {
                continue;
            }
            try {
                keyValues.add(reader.parseKey(key));
            } catch (RedisReadException e) {
                skipOrFail(e);
                continue;
            }
            rowKeys.add(key);
            reads.add(reader.scanCommand(key));
        }
        List<GenericRowData> rows = new ArrayList<>(reads.size());
        if (reads.isEmpty()) {
            return rows;
        }
        Object[] replies = client().read(reads);
        for (int i = 0; i < replies.length; i++) {
            int before = rows.size();
            try {
                reader.scannedRows(keyValues.get(i), replies[i], rowKeys.get(i), rows);
            } catch (RedisReadException e) {
                rows.subList(before, rows.size()).clear();
                skipOrFail(e);
            }
        }
        return rows;
    }

    private void skipOrFail(RedisReadException e) {
        if (onError == ScanErrorPolicy.SKIP) {
            keysSkipped.inc();
            return;
        }
        throw new RedisReadException(
                "Redis table '"
                        + tableName
                        + "' (scan): "
                        + e.getMessage()
                        + ". Every key under 'key.prefix' must be a row of the table; set"
                        + " 'scan.on-error' = 'skip' to leave such keys out (counted in"
                        + " numKeysSkipped), or use a prefix that only this table writes.");
    }

    private RedisReadClient client() {
        if (client == null) {
            try {
                client = RedisReadClient.connect(connection);
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "Redis table '" + tableName + "' (scan): " + e.getMessage(), e);
            }
        }
        return client;
    }

    @Override
    public void handleSplitsChanges(SplitsChange<RedisScanSplit> change) {
        if (change instanceof SplitsAddition) {
            splits.addAll(change.splits());
        }
    }

    @Override
    public void wakeUp() {
        // fetch() returns after at most a few SCAN pages; nothing blocks indefinitely.
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length
                && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
