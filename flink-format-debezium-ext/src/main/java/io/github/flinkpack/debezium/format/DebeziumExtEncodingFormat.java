package io.github.flinkpack.debezium.format;

import io.github.flinkpack.debezium.encode.DebeziumExtSerializationSchema;
import io.github.flinkpack.debezium.encode.EncodingSettings;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

/** Writing side of {@code debezium-json-ext}. */
final class DebeziumExtEncodingFormat implements EncodingFormat<SerializationSchema<RowData>> {

    private final EncodingSettings settings;

    DebeziumExtEncodingFormat(EncodingSettings settings) {
        this.settings = settings;
    }

    @Override
    public SerializationSchema<RowData> createRuntimeEncoder(
            DynamicTableSink.Context context, DataType physicalDataType) {
        return new DebeziumExtSerializationSchema(
                (RowType) physicalDataType.getLogicalType(), settings);
    }

    @Override
    public ChangelogMode getChangelogMode() {
        ChangelogMode.Builder builder =
                ChangelogMode.newBuilder()
                        .addContainedKind(RowKind.INSERT)
                        .addContainedKind(RowKind.UPDATE_AFTER)
                        .addContainedKind(RowKind.DELETE);
        if (settings.updateBefore() == DebeziumExtOptions.UpdateBefore.AS_DELETE) {
            builder.addContainedKind(RowKind.UPDATE_BEFORE);
        }
        return builder.build();
    }
}
