package io.github.flinkpack.finalrows;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.sink.DataStreamSinkProvider;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

/** {@code 'connector' = 'final'}: any changelog in, only final rows per key to the inner sink. */
final class FinalDynamicTableSink implements DynamicTableSink {

    private final DynamicTableSink inner;
    private final String innerConnector;
    private final RowType rowType;
    private final int[] keyIndexes;
    private final FinalRowsOperator.Settings settings;
    private final String table;

    FinalDynamicTableSink(
            DynamicTableSink inner,
            String innerConnector,
            RowType rowType,
            int[] keyIndexes,
            FinalRowsOperator.Settings settings,
            String table) {
        this.inner = inner;
        this.innerConnector = innerConnector;
        this.rowType = rowType;
        this.keyIndexes = keyIndexes;
        this.settings = settings;
        this.table = table;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        // Insert-only queries stay insert-only (Flink 2.x asks keyed sinks for an exact match).
        return requestedMode.containsOnly(RowKind.INSERT)
                ? ChangelogMode.insertOnly()
                : ChangelogMode.all();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        SinkRuntimeProvider innerProvider = inner.getSinkRuntimeProvider(context);
        return new DataStreamSinkProvider() {
            @Override
            public DataStreamSink<?> consumeDataStream(
                    ProviderContext providerContext, DataStream<RowData> changes) {
                SingleOutputStreamOperator<RowData> finals =
                        changes.keyBy(new KeyOfRow(rowType, keyIndexes))
                                .transform(
                                        "final rows of " + table,
                                        InternalTypeInfo.of(rowType),
                                        new FinalRowsOperator(rowType, settings, table));
                providerContext.generateUid("final-rows").ifPresent(finals::uid);
                return InnerSinks.attach(finals, innerProvider, providerContext, innerConnector);
            }
        };
    }

    @Override
    public DynamicTableSink copy() {
        return new FinalDynamicTableSink(
                inner.copy(), innerConnector, rowType, keyIndexes, settings, table);
    }

    @Override
    public String asSummaryString() {
        return "final(" + inner.asSummaryString() + ")";
    }
}
