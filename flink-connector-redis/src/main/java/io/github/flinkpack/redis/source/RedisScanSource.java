package io.github.flinkpack.redis.source;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.ScanErrorPolicy;
import io.github.flinkpack.redis.serialization.RedisRowReader;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.table.data.RowData;

/**
 * A bounded snapshot of every key under the table's {@code key.prefix}: {@code SCAN} per node (each
 * Cluster master is a split), each key read back into a row as the sink wrote it. Keys written or
 * deleted during the scan may or may not be seen (Redis's own SCAN guarantee); a key present
 * throughout is read once, also across a restore from a checkpoint.
 */
public final class RedisScanSource
        implements Source<RowData, RedisScanSplit, RedisScanEnumeratorState> {

    private static final long serialVersionUID = 1L;

    private final String tableName;
    private final RedisConnectionConfig connection;
    private final RedisRowReader reader;
    private final int count;
    private final ScanErrorPolicy onError;

    public RedisScanSource(
            String tableName,
            RedisConnectionConfig connection,
            RedisRowReader reader,
            int count,
            ScanErrorPolicy onError) {
        this.tableName = tableName;
        this.connection = connection;
        this.reader = reader;
        this.count = count;
        this.onError = onError;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<RowData, RedisScanSplit> createReader(SourceReaderContext context) {
        Counter keysSkipped = context.metricGroup().counter("numKeysSkipped");
        return new RedisScanSourceReader(
                () ->
                        new RedisScanSplitReader(
                                tableName, connection, reader, count, onError, keysSkipped),
                new Configuration(),
                context);
    }

    @Override
    public SplitEnumerator<RedisScanSplit, RedisScanEnumeratorState> createEnumerator(
            SplitEnumeratorContext<RedisScanSplit> context) {
        return new RedisScanEnumerator(context, connection, tableName, null);
    }

    @Override
    public SplitEnumerator<RedisScanSplit, RedisScanEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<RedisScanSplit> context, RedisScanEnumeratorState state) {
        return new RedisScanEnumerator(context, connection, tableName, state);
    }

    @Override
    public SimpleVersionedSerializer<RedisScanSplit> getSplitSerializer() {
        return RedisScanSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<RedisScanEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new RedisScanEnumeratorStateSerializer();
    }
}
