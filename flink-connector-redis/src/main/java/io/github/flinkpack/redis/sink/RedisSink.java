package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.RedisWriteOptions;
import io.github.flinkpack.redis.serialization.RedisRowConverter;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.table.data.RowData;

/** Sink V2 writing table rows to Redis through {@link RedisSinkWriter}. */
@PublicEvolving
public final class RedisSink extends AbstractRedisSink {

    private static final long serialVersionUID = 1L;

    public RedisSink(
            RedisConnectionConfig connection,
            RedisWriteOptions options,
            RedisRowConverter converter) {
        super(connection, options, converter);
    }

    @Override
    public SinkWriter<RowData> createWriter(WriterInitContext context) {
        return new RedisSinkWriter(connection, options, converter, context);
    }
}
