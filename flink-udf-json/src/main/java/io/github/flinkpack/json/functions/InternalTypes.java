package io.github.flinkpack.json.functions;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.utils.DataTypeUtils;

/** Argument and result types bridged to Flink's internal data, so no value is converted. */
final class InternalTypes {

    private InternalTypes() {}

    static DataType text() {
        return DataTypes.STRING().bridgedTo(StringData.class);
    }

    static DataType internal(DataType type) {
        return DataTypeUtils.toInternalDataType(type);
    }
}
