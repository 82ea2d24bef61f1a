package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.RedisWriteOptions;
import io.github.flinkpack.redis.serialization.RedisRowConverter;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.table.data.RowData;

/**
 * Two-phase Sink V2 for {@code sink.delivery-guarantee = 'exactly-once'}: {@link
 * ExactlyOnceRedisSinkWriter} reduces each checkpoint's rows into one committable per subtask,
 * {@link RedisCommitter} applies it after the checkpoint completes.
 */
@PublicEvolving
public final class ExactlyOnceRedisSink extends AbstractRedisSink
        implements SupportsCommitter<RedisCommittable> {

    private static final long serialVersionUID = 1L;

    public ExactlyOnceRedisSink(
            RedisConnectionConfig connection,
            RedisWriteOptions options,
            RedisRowConverter converter) {
        super(connection, options, converter);
    }

    @Override
    public SinkWriter<RowData> createWriter(WriterInitContext context) {
        return new ExactlyOnceRedisSinkWriter(options, converter, context);
    }

    @Override
    public Committer<RedisCommittable> createCommitter(CommitterInitContext context) {
        return new RedisCommitter(
                converter.mapping().tableName(), connection, options, context.metricGroup());
    }

    @Override
    public SimpleVersionedSerializer<RedisCommittable> getCommittableSerializer() {
        return new RedisCommittableSerializer();
    }
}
