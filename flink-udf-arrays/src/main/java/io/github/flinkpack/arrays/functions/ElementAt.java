package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.inference.ArrayArgumentsStrategy;
import io.github.flinkpack.arrays.inference.ArrayTypes;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategy;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.utils.DataTypeUtils;

/**
 * {@code ELEMENT_AT(a, i)}: the element at 1-based position {@code i}; a negative {@code i} counts
 * from the end (-1 is the last). NULL for position 0, a position out of range, or a NULL argument.
 * Never throws.
 */
public final class ElementAt extends ArrayScalarFunction {

    private static final long serialVersionUID = 1L;

    private final ArrayData.ElementGetter getter;

    public ElementAt() {
        this(null);
    }

    private ElementAt(ElementOps ops) {
        super(ops);
        this.getter = ops == null ? null : ArrayData.createElementGetter(ops.type());
    }

    @Override
    protected InputTypeStrategy inputs() {
        return ArrayArgumentsStrategy.arrayThen(
                (context, extra, fail) -> {
                    LogicalType index = extra.get(0).getLogicalType();
                    if (!index.is(LogicalTypeFamily.INTEGER_NUMERIC)) {
                        return context.fail(
                                fail,
                                "ELEMENT_AT(array, index) needs an integer index, but got %s.",
                                index.asSummaryString());
                    }
                    return Optional.of(List.<DataType>of(DataTypes.BIGINT().nullable()));
                },
                "index BIGINT");
    }

    @Override
    protected TypeStrategy output() {
        return context ->
                Optional.of(
                        DataTypeUtils.toInternalDataType(
                                ArrayTypes.elementType(context).copy(true)));
    }

    public Object eval(ArrayData a, Long index) {
        if (a == null || index == null || index == 0) {
            return null;
        }
        long position = index > 0 ? index - 1 : a.size() + index;
        if (position < 0 || position >= a.size()) {
            return null;
        }
        return getter.getElementOrNull(a, (int) position);
    }
}
