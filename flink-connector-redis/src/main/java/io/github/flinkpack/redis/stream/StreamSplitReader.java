package io.github.flinkpack.redis.stream;

import static io.github.flinkpack.redis.stream.StreamEnumerator.bytes;
import static io.github.flinkpack.redis.stream.StreamEnumerator.text;

import io.github.flinkpack.redis.client.KeyedCommand;
import io.github.flinkpack.redis.client.RedisCommandException;
import io.github.flinkpack.redis.client.RedisReadClient;
import io.github.flinkpack.redis.config.RedisConnectionConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Reads the reader's streams in rounds: one {@code XREAD} (or {@code XREADGROUP}) of up to {@code
 * scan.read.count} entries per stream and round, all streams of the round in one pipelined round
 * trip per node. A round that finds nothing waits {@code scan.poll-interval} before the next.
 */
final class StreamSplitReader implements SplitReader<StreamEntry, StreamSplit> {

    private static final byte[] COUNT = bytes("COUNT");
    private static final byte[] STREAMS = bytes("STREAMS");
    private static final byte[] GROUP = bytes("GROUP");
    private static final byte[] NEW_ENTRIES = bytes(">");

    private final RedisConnectionConfig connection;
    private final StreamReadSettings settings;
    private final byte[] count;
    private final Map<String, Progress> splits = new LinkedHashMap<>();
    private final Object sleep = new Object();
    private RedisReadClient client;
    private boolean wokenUp;

    StreamSplitReader(RedisConnectionConfig connection, StreamReadSettings settings) {
        this.connection = connection;
        this.settings = settings;
        this.count = bytes(Integer.toString(settings.count));
    }

    @Override
    public RecordsWithSplitIds<StreamEntry> fetch() throws IOException {
        RecordsBySplits.Builder<StreamEntry> records = new RecordsBySplits.Builder<>();
        List<Progress> round = new ArrayList<>(splits.values());
        List<KeyedCommand> reads = new ArrayList<>(round.size());
        for (Progress split : round) {
            reads.add(split.read());
        }
        Object[] replies;
        try {
            replies = reads.isEmpty() ? new Object[0] : client().read(reads);
        } catch (RedisCommandException e) {
            throw new IOException(where() + e.getMessage(), e);
        }
        boolean any = false;
        for (int i = 0; i < round.size(); i++) {
            Progress split = round.get(i);
            Object reply = replies[i];
            if (reply instanceof JedisDataException) {
                throw new IOException(
                        where()
                                + "reading '"
                                + split.stream
                                + "' failed: "
                                + ((Exception) reply).getMessage());
            }
            List<StreamEntry> entries = entries(split.stream, reply);
            any |= !entries.isEmpty();
            if (split.finishes(entries, records)) {
                records.addFinishedSplit(split.stream);
                splits.remove(split.stream);
            }
        }
        if (!any) {
            pause();
        }
        return records.build();
    }

    private void pause() throws IOException {
        synchronized (sleep) {
            if (wokenUp) {
                wokenUp = false;
                return;
            }
            try {
                sleep.wait(settings.pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(where() + "interrupted", e);
            }
            wokenUp = false;
        }
    }

    /** {@code [[stream, [[id, [field, value, ...]], ...]]]}, or nil when nothing is new. */
    private static List<StreamEntry> entries(String stream, Object reply) {
        List<StreamEntry> entries = new ArrayList<>();
        if (reply == null) {
            return entries;
        }
        for (Object perStream : (List<?>) reply) {
            for (Object raw : (List<?>) ((List<?>) perStream).get(1)) {
                List<?> entry = (List<?>) raw;
                List<?> values = (List<?>) entry.get(1);
                List<byte[]> fields = null;
                if (values != null) {
                    fields = new ArrayList<>(values.size());
                    for (Object value : values) {
                        fields.add((byte[]) value);
                    }
                }
                entries.add(new StreamEntry(stream, text(entry.get(0)), fields));
            }
        }
        return entries;
    }

    private String where() {
        return "Redis table '" + settings.tableName + "' (stream): ";
    }

    private RedisReadClient client() {
        if (client == null) {
            client = RedisReadClient.connect(connection);
        }
        return client;
    }

    @Override
    public void handleSplitsChanges(SplitsChange<StreamSplit> change) {
        if (change instanceof SplitsAddition) {
            for (StreamSplit split : change.splits()) {
                splits.put(split.splitId(), new Progress(split));
            }
        }
    }

    @Override
    public void wakeUp() {
        synchronized (sleep) {
            wokenUp = true;
            sleep.notifyAll();
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    /** Where the reading of one split stands. */
    private final class Progress {
        final String stream;
        final byte[] key;
        final String end;
        final byte[] consumer;
        String position;

        /** In a group: still re-reading the split's own pending entries after {@code position}. */
        boolean pendingFirst;

        Progress(StreamSplit split) {
            this.stream = split.stream();
            this.key = bytes(stream);
            this.end = split.end();
            this.position = split.position();
            this.consumer = settings.inGroup() ? bytes(settings.consumerOf(stream)) : null;
            this.pendingFirst = settings.inGroup();
        }

        KeyedCommand read() {
            if (consumer == null) {
                return new KeyedCommand(
                        key, Command.XREAD, COUNT, count, STREAMS, key, bytes(position));
            }
            byte[] from = pendingFirst ? bytes(position) : NEW_ENTRIES;
            return new KeyedCommand(
                    key,
                    Command.XREADGROUP,
                    GROUP,
                    bytes(settings.group),
                    consumer,
                    COUNT,
                    count,
                    STREAMS,
                    key,
                    from);
        }

        /** Adds the entries up to the end; true when the split has nothing more to read. */
        boolean finishes(List<StreamEntry> entries, RecordsBySplits.Builder<StreamEntry> out) {
            for (Iterator<StreamEntry> it = entries.iterator(); it.hasNext(); ) {
                StreamEntry entry = it.next();
                if (end != null && StreamIds.compare(entry.id, end) > 0) {
                    return true;
                }
                out.add(stream, entry);
                position = entry.id;
            }
            if (pendingFirst && entries.isEmpty()) {
                pendingFirst = false; // the own pending entries are read: new ones next
            }
            return end != null && (entries.isEmpty() || StreamIds.compare(position, end) >= 0);
        }
    }
}
