package io.github.flinkpack.redis.source;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.table.data.RowData;

/** Asks for a node split, reads it to its end, asks for the next. */
final class RedisScanSourceReader
        extends SingleThreadMultiplexSourceReaderBase<
                ScannedRow, RowData, RedisScanSplit, RedisScanSplitState> {

    RedisScanSourceReader(
            Supplier<SplitReader<ScannedRow, RedisScanSplit>> splitReader,
            Configuration config,
            SourceReaderContext context) {
        super(splitReader, new RedisScanRecordEmitter(), config, context);
    }

    @Override
    public void start() {
        // A restored reader already holds its splits.
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected void onSplitFinished(Map<String, RedisScanSplitState> finished) {
        context.sendSplitRequest();
    }

    @Override
    protected RedisScanSplitState initializedState(RedisScanSplit split) {
        return new RedisScanSplitState(split);
    }

    @Override
    protected RedisScanSplit toSplitType(String splitId, RedisScanSplitState state) {
        return state.toSplit();
    }
}
