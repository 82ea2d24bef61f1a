package io.github.flinkpack.debezium.format;

import io.github.flinkpack.debezium.decode.DebeziumExtDeserializationSchema;
import io.github.flinkpack.debezium.decode.ReadableMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.utils.DataTypeUtils;
import org.apache.flink.types.RowKind;

/** Reading side of {@code debezium-json-ext}: its changelog, metadata and runtime decoder. */
final class DebeziumExtDecodingFormat implements DecodingFormat<DeserializationSchema<RowData>> {

    private final DebeziumExtDeserializationSchema.Settings settings;
    private List<String> metadataKeys = Collections.emptyList();

    DebeziumExtDecodingFormat(DebeziumExtDeserializationSchema.Settings settings) {
        this.settings = settings;
    }

    @Override
    public DeserializationSchema<RowData> createRuntimeDecoder(
            DynamicTableSource.Context context, DataType physicalDataType) {
        List<ReadableMetadata> metadata =
                metadataKeys.stream().map(ReadableMetadata::ofKey).collect(Collectors.toList());
        List<DataTypes.Field> metadataFields =
                metadata.stream()
                        .map(m -> DataTypes.FIELD(m.key(), m.dataType()))
                        .collect(Collectors.toList());
        DataType producedType = DataTypeUtils.appendRowFields(physicalDataType, metadataFields);
        TypeInformation<RowData> producedInfo = context.createTypeInformation(producedType);
        return new DebeziumExtDeserializationSchema(
                (RowType) physicalDataType.getLogicalType(), metadata, producedInfo, settings);
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        Map<String, DataType> metadata = new LinkedHashMap<>();
        for (ReadableMetadata m : ReadableMetadata.values()) {
            metadata.put(m.key(), m.dataType());
        }
        return metadata;
    }

    @Override
    public void applyReadableMetadata(List<String> metadataKeys) {
        this.metadataKeys = new ArrayList<>(metadataKeys);
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return changelogMode(settings.ops(), settings.changelogMode());
    }

    /** The row kinds the given ops produce in the given mode. */
    static ChangelogMode changelogMode(
            Set<String> ops, DebeziumExtOptions.ChangelogMode changelogMode) {
        if (changelogMode == DebeziumExtOptions.ChangelogMode.APPEND) {
            return ChangelogMode.insertOnly();
        }
        ChangelogMode.Builder builder = ChangelogMode.newBuilder();
        if (ops == null || ops.contains("c") || ops.contains("r")) {
            builder.addContainedKind(RowKind.INSERT);
        }
        if (ops == null || ops.contains("u")) {
            if (changelogMode == DebeziumExtOptions.ChangelogMode.ALL) {
                builder.addContainedKind(RowKind.UPDATE_BEFORE);
            }
            builder.addContainedKind(RowKind.UPDATE_AFTER);
        }
        if (ops == null || ops.contains("d")) {
            builder.addContainedKind(RowKind.DELETE);
        }
        return builder.build();
    }
}
