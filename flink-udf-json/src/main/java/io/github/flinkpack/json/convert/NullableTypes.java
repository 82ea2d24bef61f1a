package io.github.flinkpack.json.convert;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;

/** Types made nullable at every level: JSON may lack any field or element. */
public final class NullableTypes {

    private NullableTypes() {}

    public static LogicalType deep(LogicalType type) {
        switch (type.getTypeRoot()) {
            case ROW:
                List<RowType.RowField> fields = new ArrayList<>();
                for (RowType.RowField field : ((RowType) type).getFields()) {
                    fields.add(
                            new RowType.RowField(
                                    field.getName(),
                                    deep(field.getType()),
                                    field.getDescription().orElse(null)));
                }
                return new RowType(true, fields);
            case ARRAY:
                return new ArrayType(true, deep(((ArrayType) type).getElementType()));
            case MAP:
                MapType map = (MapType) type;
                return new MapType(true, map.getKeyType(), deep(map.getValueType()));
            default:
                return type.copy(true);
        }
    }
}
