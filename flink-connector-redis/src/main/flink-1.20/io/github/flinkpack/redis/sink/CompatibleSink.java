package io.github.flinkpack.redis.sink;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Flink 1.20: {@link Sink} still declares the deprecated {@code createWriter(InitContext)}. The
 * runtime calls {@code createWriter(WriterInitContext)}, which subclasses implement; this one is
 * never called by Flink 1.20 itself.
 */
public abstract class CompatibleSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    @Override
    @Deprecated
    public SinkWriter<T> createWriter(InitContext context) {
        throw new UnsupportedOperationException(
                getClass().getSimpleName() + " needs createWriter(WriterInitContext)");
    }
}
