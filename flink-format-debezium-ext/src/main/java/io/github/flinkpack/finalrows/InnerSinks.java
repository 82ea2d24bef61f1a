package io.github.flinkpack.finalrows;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.sink.DataStreamSinkProvider;
import org.apache.flink.table.connector.sink.DynamicTableSink.SinkRuntimeProvider;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.data.RowData;

/** Hands the final rows to the wrapped sink, whatever kind of provider it returned. */
final class InnerSinks {

    private InnerSinks() {}

    static DataStreamSink<?> attach(
            DataStream<RowData> rows,
            SinkRuntimeProvider provider,
            ProviderContext context,
            String connector) {
        if (provider instanceof SinkV2Provider) {
            SinkV2Provider sink = (SinkV2Provider) provider;
            DataStreamSink<RowData> attached = rows.sinkTo(sink.createSink());
            sink.getParallelism().ifPresent(attached::setParallelism);
            return attached;
        }
        if (provider instanceof DataStreamSinkProvider) {
            return ((DataStreamSinkProvider) provider).consumeDataStream(context, rows);
        }
        throw new ValidationException(
                String.format(
                        "'connector' = 'final' cannot wrap 'inner.connector' = '%s': its sink is a"
                                + " %s; the wrapper takes sinks built on the unified Sink API or a"
                                + " DataStream (kafka, upsert-kafka, filesystem, jdbc, redis, ...).",
                        connector, provider.getClass().getName()));
    }
}
