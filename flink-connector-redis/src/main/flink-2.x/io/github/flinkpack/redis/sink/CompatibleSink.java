package io.github.flinkpack.redis.sink;

import org.apache.flink.api.connector.sink2.Sink;

/**
 * Flink 2.x: {@link Sink} has only {@code createWriter(WriterInitContext)}, which subclasses
 * implement. The Flink 1.20 twin of this class also answers the older {@code InitContext} call.
 */
public abstract class CompatibleSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
}
