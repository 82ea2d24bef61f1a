package io.github.flinkpack.redis.stream;

import io.github.flinkpack.redis.client.KeyedCommand;
import io.github.flinkpack.redis.client.RedisCommandException;
import io.github.flinkpack.redis.client.RedisReadClient;
import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.StreamBoundedMode;
import io.github.flinkpack.redis.config.StreamStartupMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * One split per stream, each owned by one reader (the stream's place in the table's list, modulo
 * the parallelism), so a stream is read in order. At the first start it resolves where each split
 * begins (and ends, when bounded) and creates the consumer group where it is missing; restored, it
 * only hands out the splits no reader held.
 */
final class StreamEnumerator implements SplitEnumerator<StreamSplit, List<StreamSplit>> {

    private final SplitEnumeratorContext<StreamSplit> context;
    private final RedisConnectionConfig connection;
    private final StreamReadSettings settings;
    private final List<StreamSplit> pending = new ArrayList<>();
    private final boolean restored;
    private boolean ready;

    StreamEnumerator(
            SplitEnumeratorContext<StreamSplit> context,
            RedisConnectionConfig connection,
            StreamReadSettings settings,
            List<StreamSplit> restoredPending) {
        this.context = context;
        this.connection = connection;
        this.settings = settings;
        this.restored = restoredPending != null;
        if (restoredPending != null) {
            pending.addAll(restoredPending);
        }
    }

    @Override
    public void start() {
        if (restored) {
            ready = true;
            return;
        }
        try (RedisReadClient client = RedisReadClient.connect(connection)) {
            for (String stream : settings.streams) {
                String end = null;
                if (settings.bounded == StreamBoundedMode.LATEST) {
                    end = lastId(client, stream);
                }
                String position;
                if (settings.inGroup()) {
                    createGroup(client, stream);
                    position = StreamIds.BEFORE_ALL; // the split's own pending entries first
                } else if (settings.startup == StreamStartupMode.LATEST) {
                    position = end != null ? end : lastId(client, stream);
                } else if (settings.startup == StreamStartupMode.TIMESTAMP) {
                    position = StreamIds.justBefore(settings.startupMillis);
                } else {
                    position = StreamIds.BEFORE_ALL;
                }
                pending.add(new StreamSplit(stream, position, end));
            }
        } catch (RedisCommandException | RuntimeException e) {
            throw new IllegalStateException(
                    "Redis table '" + settings.tableName + "' (stream): " + e.getMessage(), e);
        }
        ready = true;
        for (int reader : context.registeredReaders().keySet()) {
            assignTo(reader);
        }
    }

    /** The id of the stream's last entry, {@code 0-0} when it has none. */
    private static String lastId(RedisReadClient client, String stream)
            throws RedisCommandException {
        byte[] key = bytes(stream);
        Object reply =
                one(
                        client,
                        key,
                        Command.XREVRANGE,
                        key,
                        bytes("+"),
                        bytes("-"),
                        bytes("COUNT"),
                        bytes("1"));
        if (reply instanceof JedisDataException) {
            throw new IllegalStateException(
                    "'" + stream + "' is not a stream: " + ((Exception) reply).getMessage());
        }
        List<?> entries = (List<?>) reply;
        if (entries == null || entries.isEmpty()) {
            return StreamIds.BEFORE_ALL;
        }
        return text(((List<?>) entries.get(0)).get(0));
    }

    private void createGroup(RedisReadClient client, String stream) throws RedisCommandException {
        String from;
        switch (settings.startup) {
            case LATEST:
                from = "$";
                break;
            case TIMESTAMP:
                from = StreamIds.justBefore(settings.startupMillis);
                break;
            default:
                from = "0";
        }
        byte[] key = bytes(stream);
        Object reply =
                one(
                        client,
                        key,
                        Command.XGROUP,
                        bytes("CREATE"),
                        key,
                        bytes(settings.group),
                        bytes(from),
                        bytes("MKSTREAM"));
        if (reply instanceof JedisDataException
                && !((Exception) reply).getMessage().startsWith("BUSYGROUP")) {
            throw new IllegalStateException(
                    "creating consumer group '"
                            + settings.group
                            + "' on '"
                            + stream
                            + "': "
                            + ((Exception) reply).getMessage());
        }
    }

    private static Object one(RedisReadClient client, byte[] key, Command command, byte[]... args)
            throws RedisCommandException {
        return client.read(List.of(new KeyedCommand(key, command, args)))[0];
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Splits are pushed to their owners.
    }

    @Override
    public void addSplitsBack(List<StreamSplit> splits, int subtaskId) {
        pending.addAll(splits);
    }

    @Override
    public void addReader(int subtaskId) {
        if (ready) { // otherwise start() assigns once the splits are known
            assignTo(subtaskId);
        }
    }

    private void assignTo(int reader) {
        int parallelism = context.currentParallelism();
        for (Iterator<StreamSplit> it = pending.iterator(); it.hasNext(); ) {
            StreamSplit split = it.next();
            if (owner(split.stream(), parallelism) == reader) {
                context.assignSplit(split, reader);
                it.remove();
            }
        }
        context.signalNoMoreSplits(reader);
    }

    private int owner(String stream, int parallelism) {
        return settings.streams.indexOf(stream) % parallelism;
    }

    @Override
    public List<StreamSplit> snapshotState(long checkpointId) {
        return new ArrayList<>(pending);
    }

    @Override
    public void close() {}

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(Object reply) {
        return new String((byte[]) reply, StandardCharsets.UTF_8);
    }
}
