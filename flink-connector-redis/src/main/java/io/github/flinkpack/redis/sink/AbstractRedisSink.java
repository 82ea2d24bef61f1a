package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.RedisWriteOptions;
import io.github.flinkpack.redis.serialization.RedisRowConverter;
import org.apache.flink.table.data.RowData;

/** What both Redis sinks are made of: where to write, how, and how a row becomes writes. */
abstract class AbstractRedisSink extends CompatibleSink<RowData> {

    private static final long serialVersionUID = 1L;

    protected final RedisConnectionConfig connection;
    protected final RedisWriteOptions options;
    protected final RedisRowConverter converter;

    AbstractRedisSink(
            RedisConnectionConfig connection,
            RedisWriteOptions options,
            RedisRowConverter converter) {
        this.connection = connection;
        this.options = options;
        this.converter = converter;
    }

    @Override
    public String toString() {
        // RedisConnectionConfig.toString() leaves the password out.
        return getClass().getSimpleName() + "{" + connection + ", " + options + "}";
    }
}
