package io.github.flinkpack.redis.source;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.table.data.RowData;

/** Emits a scanned row and moves its split's position past it. */
final class RedisScanRecordEmitter
        implements RecordEmitter<ScannedRow, RowData, RedisScanSplitState> {

    @Override
    public void emitRecord(
            ScannedRow element, SourceOutput<RowData> output, RedisScanSplitState splitState) {
        output.collect(element.row());
        splitState.emitted(element);
    }
}
