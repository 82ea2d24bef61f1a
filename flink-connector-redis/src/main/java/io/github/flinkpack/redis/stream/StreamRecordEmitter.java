package io.github.flinkpack.redis.stream;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.table.data.RowData;

/**
 * Emits an entry as its row, stamped with the entry's time (the id's milliseconds), and records it
 * as the split's position and, in a group, as an id to acknowledge after the next checkpoint.
 */
final class StreamRecordEmitter implements RecordEmitter<StreamEntry, RowData, StreamSplitState> {

    private final StreamRowDecoder decoder;
    private final PendingAcks acks;

    StreamRecordEmitter(StreamRowDecoder decoder, PendingAcks acks) {
        this.decoder = decoder;
        this.acks = acks;
    }

    @Override
    public void emitRecord(StreamEntry entry, SourceOutput<RowData> output, StreamSplitState split)
            throws Exception {
        if (entry.fieldsAndValues != null) {
            RowData row = decoder.decode(entry);
            if (row != null) {
                output.collect(row, StreamIds.millis(entry.id));
            }
        }
        split.emitted(entry.id);
        if (acks != null) {
            acks.emitted(entry.stream, entry.id);
        }
    }
}
