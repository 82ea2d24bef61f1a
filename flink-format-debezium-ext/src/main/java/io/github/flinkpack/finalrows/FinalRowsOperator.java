package io.github.flinkpack.finalrows;

import io.github.flinkpack.finalrows.FinalSinkOptions.Late;
import io.github.flinkpack.finalrows.FinalSinkOptions.Output;
import io.github.flinkpack.finalrows.FinalSinkOptions.Trigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

/**
 * Keeps the latest row per key in keyed state and writes it downstream only when it is final: at
 * the end of input, when the watermark passes its time, after an idle time, or (as a net change) at
 * a checkpoint. Everything lives in keyed state and timers, so it survives failover and rescaling.
 */
final class FinalRowsOperator extends AbstractStreamOperator<RowData>
        implements OneInputStreamOperator<RowData, RowData>,
                Triggerable<RowData, VoidNamespace>,
                BoundedOneInput {

    private static final long serialVersionUID = 1L;

    /** What the operator does; validated by the factory. */
    static final class Settings implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        final EnumSet<Trigger> triggers;
        final Output output;
        final Late late;
        final int timeField;
        final int timePrecision;
        final long graceMillis;
        final long idleMillis;
        final Duration stateTtl;

        Settings(
                Set<Trigger> triggers,
                Output output,
                Late late,
                int timeField,
                int timePrecision,
                Duration grace,
                Duration idle,
                Duration stateTtl) {
            this.triggers = EnumSet.copyOf(triggers);
            this.output = output;
            this.late = late;
            this.timeField = timeField;
            this.timePrecision = timePrecision;
            this.graceMillis = grace.toMillis();
            this.idleMillis = idle == null ? 0 : idle.toMillis();
            this.stateTtl = stateTtl;
        }
    }

    private final RowType rowType;
    private final Settings settings;
    private final String table;

    private transient RowDataSerializer rows;
    private transient ValueState<RowData> latest;
    private transient ValueState<RowData> written;
    private transient ValueState<Boolean> closed;
    private transient ValueState<Boolean> dirty;
    private transient ValueState<Long> idleTimer;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient Counter lateDropped;
    private transient Counter finalRows;

    FinalRowsOperator(RowType rowType, Settings settings, String table) {
        this.rowType = rowType;
        this.settings = settings;
        this.table = table;
    }

    @Override
    public void open() throws Exception {
        super.open();
        rows = InternalTypeInfo.of(rowType).toRowSerializer();
        latest = state(new ValueStateDescriptor<>("latest", InternalTypeInfo.of(rowType)));
        written = state(new ValueStateDescriptor<>("written", InternalTypeInfo.of(rowType)));
        closed = state(new ValueStateDescriptor<>("closed", Types.BOOLEAN));
        dirty = state(new ValueStateDescriptor<>("dirty", Types.BOOLEAN));
        idleTimer = state(new ValueStateDescriptor<>("idle-timer", Types.LONG));
        timers = getInternalTimerService("final-rows", VoidNamespaceSerializer.INSTANCE, this);
        lateDropped = getMetricGroup().counter("finalLateChangesDropped");
        finalRows = getMetricGroup().counter("finalRowsWritten");
    }

    private <T> ValueState<T> state(ValueStateDescriptor<T> descriptor) throws Exception {
        if (!settings.stateTtl.isZero()) {
            descriptor.enableTimeToLive(
                    StateTtlConfig.newBuilder(settings.stateTtl)
                            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                            .build());
        }
        return getPartitionedState(descriptor);
    }

    @Override
    public void processElement(StreamRecord<RowData> element) throws Exception {
        RowData row = element.getValue();
        // Only a watermark closes a key while input still flows; end of input closes them all.
        if (settings.triggers.contains(Trigger.WATERMARK)
                && (Boolean.TRUE.equals(closed.value()) || pastItsTime(row))) {
            switch (settings.late) {
                case DROP:
                    lateDropped.inc();
                    return;
                case FAIL:
                    throw new IllegalStateException(
                            String.format(
                                    "Table %s ('connector' = 'final'): a change to key %s after its"
                                            + " final row was written. Set 'final.late' = 'drop' or"
                                            + " 'emit', or give the trigger more time (final.grace).",
                                    table, getCurrentKey()));
                default:
                    apply(row);
                    writeIfChanged(true);
                    return;
            }
        }
        apply(row);
        if (settings.triggers.contains(Trigger.WATERMARK) && !row.isNullAt(settings.timeField)) {
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, closesAt(row));
        }
        if (settings.triggers.contains(Trigger.IDLE)) {
            Long previous = idleTimer.value();
            if (previous != null) {
                timers.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, previous);
            }
            long at = timers.currentProcessingTime() + settings.idleMillis;
            timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, at);
            idleTimer.update(at);
        }
        if (settings.triggers.contains(Trigger.CHECKPOINT)) {
            dirty.update(true);
        }
    }

    /** A change whose time column is already closed by the watermark. */
    private boolean pastItsTime(RowData row) {
        return !row.isNullAt(settings.timeField) && closesAt(row) <= timers.currentWatermark();
    }

    private long closesAt(RowData row) {
        return row.getTimestamp(settings.timeField, settings.timePrecision).getMillisecond()
                + settings.graceMillis;
    }

    private void apply(RowData row) throws Exception {
        if (row.getRowKind() == RowKind.INSERT || row.getRowKind() == RowKind.UPDATE_AFTER) {
            BinaryRowData copy = rows.toBinaryRow(row).copy();
            copy.setRowKind(RowKind.INSERT);
            latest.update(copy);
        } else {
            latest.clear();
        }
    }

    @Override
    public void onEventTime(InternalTimer<RowData, VoidNamespace> timer) throws Exception {
        writeIfChanged(true);
    }

    @Override
    public void onProcessingTime(InternalTimer<RowData, VoidNamespace> timer) throws Exception {
        idleTimer.clear();
        writeIfChanged(false);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        if (!settings.triggers.contains(Trigger.CHECKPOINT)) {
            return;
        }
        for (Object key : keysOf("dirty")) {
            setCurrentKey(key);
            if (Boolean.TRUE.equals(dirty.value())) {
                dirty.clear();
                writeIfChanged(false);
            }
        }
    }

    /** End of input: every key's last row, once; nothing per row needed to get here. */
    @Override
    public void endInput() throws Exception {
        if (!settings.triggers.contains(Trigger.END_OF_INPUT)) {
            return;
        }
        for (Object key : keysOf("latest")) {
            setCurrentKey(key);
            writeIfChanged(true);
        }
        // Keys deleted in the end have no latest row, but may have a written one to retract.
        if (settings.output == Output.UPSERT) {
            for (Object key : keysOf("written")) {
                setCurrentKey(key);
                writeIfChanged(true);
            }
        }
    }

    /** The keys that have the given state; collected first, as writes must not interleave. */
    private List<Object> keysOf(String state) {
        KeyedStateBackend<Object> backend = getKeyedStateBackend();
        try (Stream<Object> stream = backend.getKeys(state, VoidNamespace.INSTANCE)) {
            return stream.collect(Collectors.toCollection(ArrayList::new));
        }
    }

    /** Writes the key's row if it differs from what was written last; {@code close} ends it. */
    private void writeIfChanged(boolean close) throws Exception {
        RowData now = latest.value();
        RowData before = written.value();
        if (now == null) {
            if (before != null && settings.output == Output.UPSERT) {
                emit(RowKind.DELETE, before);
            }
            written.clear();
        } else if (!now.equals(before)) {
            emit(
                    settings.output == Output.APPEND || before == null
                            ? RowKind.INSERT
                            : RowKind.UPDATE_AFTER,
                    now);
            written.update(now);
        }
        if (close) {
            closed.update(true);
        }
    }

    private void emit(RowKind kind, RowData row) {
        BinaryRowData out = ((BinaryRowData) row).copy();
        out.setRowKind(kind);
        output.collect(new StreamRecord<>(out));
        finalRows.inc();
    }
}
