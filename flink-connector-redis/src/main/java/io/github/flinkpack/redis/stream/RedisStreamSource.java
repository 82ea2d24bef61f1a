package io.github.flinkpack.redis.stream;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.StreamBoundedMode;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * Redis Streams as a FLIP-27 source: a split per stream holding the id of the last entry emitted,
 * so a restore resumes right after the last checkpoint; {@code XREAD}, or {@code XREADGROUP} with
 * acknowledgement on checkpoint completion; unbounded, or bounded at each stream's last entry when
 * the job starts.
 */
public final class RedisStreamSource implements Source<RowData, StreamSplit, List<StreamSplit>> {

    private static final long serialVersionUID = 1L;

    private final RedisConnectionConfig connection;
    private final StreamReadSettings settings;
    private final StreamRowDecoder decoder;

    public RedisStreamSource(
            RedisConnectionConfig connection,
            StreamReadSettings settings,
            StreamRowDecoder decoder) {
        this.connection = connection;
        this.settings = settings;
        this.decoder = decoder;
    }

    @Override
    public Boundedness getBoundedness() {
        return settings.bounded == StreamBoundedMode.LATEST
                ? Boundedness.BOUNDED
                : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<RowData, StreamSplit> createReader(SourceReaderContext context)
            throws Exception {
        decoder.open(
                new DeserializationSchema.InitializationContext() {
                    @Override
                    public MetricGroup getMetricGroup() {
                        return context.metricGroup().addGroup("deserializer");
                    }

                    @Override
                    public UserCodeClassLoader getUserCodeClassLoader() {
                        return context.getUserCodeClassLoader();
                    }
                },
                context.metricGroup().counter("numParseErrors"));
        PendingAcks acks = settings.inGroup() ? new PendingAcks() : null;
        return new StreamSourceReader(
                () -> new StreamSplitReader(connection, settings),
                new StreamRecordEmitter(decoder, acks),
                acks,
                connection,
                settings,
                context);
    }

    @Override
    public SplitEnumerator<StreamSplit, List<StreamSplit>> createEnumerator(
            SplitEnumeratorContext<StreamSplit> context) {
        return new StreamEnumerator(context, connection, settings, null);
    }

    @Override
    public SplitEnumerator<StreamSplit, List<StreamSplit>> restoreEnumerator(
            SplitEnumeratorContext<StreamSplit> context, List<StreamSplit> checkpoint) {
        return new StreamEnumerator(context, connection, settings, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<StreamSplit> getSplitSerializer() {
        return StreamSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<List<StreamSplit>> getEnumeratorCheckpointSerializer() {
        return new StreamEnumeratorStateSerializer();
    }
}
