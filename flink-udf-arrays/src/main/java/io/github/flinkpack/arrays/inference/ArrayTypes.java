package io.github.flinkpack.arrays.inference;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.utils.LogicalTypeMerging;
import org.apache.flink.table.types.utils.DataTypeUtils;

/** Types of the (already cast) arguments, as the functions and output strategies see them. */
public final class ArrayTypes {

    private ArrayTypes() {}

    /**
     * The common element type of all array arguments. Computed again rather than read from the
     * first argument, because the planner may drop casts that only change nullability.
     */
    public static LogicalType elementType(List<DataType> arguments) {
        List<LogicalType> elements = new ArrayList<>();
        for (DataType argument : arguments) {
            LogicalType type = argument.getLogicalType();
            if (type.getTypeRoot() == LogicalTypeRoot.ARRAY) {
                elements.add(((ArrayType) type).getElementType());
            }
        }
        return LogicalTypeMerging.findCommonType(elements)
                .orElseThrow(
                        () -> new IllegalStateException("No common element type of " + arguments));
    }

    public static LogicalType elementType(CallContext context) {
        return elementType(context.getArgumentDataTypes());
    }

    /** Argument {@code i} as Flink's internal data type (what aggregates keep in state). */
    public static DataType internalArgument(CallContext context, int i) {
        return DataTypeUtils.toInternalDataType(context.getArgumentDataTypes().get(i));
    }

    /** Internal ARRAY of non-null elements of the given (internal) type: aggregates' results. */
    public static DataType internalArrayOf(DataType element) {
        return DataTypeUtils.toInternalDataType(
                org.apache.flink.table.api.DataTypes.ARRAY(element.notNull()));
    }

    /** Whether any argument may be NULL (then so may the result). */
    public static boolean anyNullable(CallContext context) {
        return context.getArgumentDataTypes().stream()
                .anyMatch(t -> t.getLogicalType().isNullable());
    }
}
