package io.github.flinkpack.redis.stream;

import static io.github.flinkpack.redis.stream.StreamEnumerator.bytes;

import io.github.flinkpack.redis.client.KeyedCommand;
import io.github.flinkpack.redis.client.RedisCommandException;
import io.github.flinkpack.redis.client.RedisReadClient;
import io.github.flinkpack.redis.config.RedisConnectionConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.table.data.RowData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Reads the streams it is assigned; in a consumer group it acknowledges ({@code XACK}) the entries
 * of a checkpoint once that checkpoint completes. An acknowledgement that fails is logged and left:
 * the entries stay pending in the group (they were processed; the group's pending list shows them),
 * and the job goes on.
 */
final class StreamSourceReader
        extends SingleThreadMultiplexSourceReaderBase<
                StreamEntry, RowData, StreamSplit, StreamSplitState> {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSourceReader.class);
    private static final int IDS_PER_XACK = 1000;

    private final RedisConnectionConfig connection;
    private final StreamReadSettings settings;
    private final PendingAcks acks;
    private RedisReadClient ackClient;

    StreamSourceReader(
            Supplier<SplitReader<StreamEntry, StreamSplit>> splitReader,
            StreamRecordEmitter emitter,
            PendingAcks acks,
            RedisConnectionConfig connection,
            StreamReadSettings settings,
            SourceReaderContext context) {
        super(splitReader, emitter, new Configuration(), context);
        this.acks = acks;
        this.connection = connection;
        this.settings = settings;
    }

    @Override
    protected void onSplitFinished(Map<String, StreamSplitState> finished) {}

    @Override
    protected StreamSplitState initializedState(StreamSplit split) {
        return new StreamSplitState(split);
    }

    @Override
    protected StreamSplit toSplitType(String splitId, StreamSplitState state) {
        return state.toSplit();
    }

    @Override
    public List<StreamSplit> snapshotState(long checkpointId) {
        if (acks != null) {
            acks.seal(checkpointId);
        }
        return super.snapshotState(checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        if (acks == null) {
            return;
        }
        Map<String, List<String>> done = acks.completed(checkpointId);
        if (done.isEmpty()) {
            return;
        }
        List<KeyedCommand> xacks = new ArrayList<>();
        done.forEach(
                (stream, ids) -> {
                    byte[] key = bytes(stream);
                    for (int from = 0; from < ids.size(); from += IDS_PER_XACK) {
                        List<String> chunk =
                                ids.subList(from, Math.min(ids.size(), from + IDS_PER_XACK));
                        byte[][] args = new byte[2 + chunk.size()][];
                        args[0] = key;
                        args[1] = bytes(settings.group);
                        for (int i = 0; i < chunk.size(); i++) {
                            args[2 + i] = bytes(chunk.get(i));
                        }
                        xacks.add(new KeyedCommand(key, Command.XACK, args));
                    }
                });
        try {
            if (ackClient == null) {
                ackClient = RedisReadClient.connect(connection);
            }
            for (Object reply : ackClient.read(xacks)) {
                if (reply instanceof JedisDataException) {
                    throw new RedisCommandException(((Exception) reply).getMessage(), false, null);
                }
            }
        } catch (RedisCommandException | RuntimeException e) {
            LOG.warn(
                    "Redis table '{}' (stream): acknowledging the entries of checkpoint {} in group"
                            + " '{}' failed; they stay pending in the group: {}",
                    settings.tableName,
                    checkpointId,
                    settings.group,
                    e.getMessage());
        }
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            if (ackClient != null) {
                ackClient.close();
            }
        }
    }
}
