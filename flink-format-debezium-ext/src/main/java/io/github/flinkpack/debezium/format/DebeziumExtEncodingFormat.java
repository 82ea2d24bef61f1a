package io.github.flinkpack.debezium.format;

import io.github.flinkpack.debezium.encode.DebeziumExtSerializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.json.JsonFormatOptions.MapNullKeyMode;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

/** Writing side of {@code debezium-json-ext}. */
final class DebeziumExtEncodingFormat implements EncodingFormat<SerializationSchema<RowData>> {

    private final TimestampFormat timestampFormat;
    private final MapNullKeyMode mapNullKeyMode;
    private final String mapNullKeyLiteral;
    private final boolean decimalAsPlainNumber;
    private final DebeziumExtOptions.UpdateBefore updateBefore;

    DebeziumExtEncodingFormat(
            TimestampFormat timestampFormat,
            MapNullKeyMode mapNullKeyMode,
            String mapNullKeyLiteral,
            boolean decimalAsPlainNumber,
            DebeziumExtOptions.UpdateBefore updateBefore) {
        this.timestampFormat = timestampFormat;
        this.mapNullKeyMode = mapNullKeyMode;
        this.mapNullKeyLiteral = mapNullKeyLiteral;
        this.decimalAsPlainNumber = decimalAsPlainNumber;
        this.updateBefore = updateBefore;
    }

    @Override
    public SerializationSchema<RowData> createRuntimeEncoder(
            DynamicTableSink.Context context, DataType physicalDataType) {
        return new DebeziumExtSerializationSchema(
                (RowType) physicalDataType.getLogicalType(),
                timestampFormat,
                mapNullKeyMode,
                mapNullKeyLiteral,
                decimalAsPlainNumber,
                updateBefore);
    }

    @Override
    public ChangelogMode getChangelogMode() {
        ChangelogMode.Builder builder =
                ChangelogMode.newBuilder()
                        .addContainedKind(RowKind.INSERT)
                        .addContainedKind(RowKind.UPDATE_AFTER)
                        .addContainedKind(RowKind.DELETE);
        if (updateBefore == DebeziumExtOptions.UpdateBefore.AS_DELETE) {
            builder.addContainedKind(RowKind.UPDATE_BEFORE);
        }
        return builder.build();
    }
}
