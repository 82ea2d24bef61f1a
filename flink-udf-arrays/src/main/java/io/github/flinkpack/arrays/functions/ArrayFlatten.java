package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ArrayBuilder;
import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.inference.ArrayArgumentsStrategy;
import io.github.flinkpack.arrays.inference.ArrayTypes;
import java.util.Optional;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategy;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.utils.DataTypeUtils;

/**
 * {@code ARRAY_FLATTEN(a)}: an array of arrays concatenated into one array, in order. NULL if
 * {@code a} or one of its arrays is NULL (as in Spark).
 */
public final class ArrayFlatten extends ArrayScalarFunction {

    private static final long serialVersionUID = 1L;

    public ArrayFlatten() {
        this(null);
    }

    private ArrayFlatten(ElementOps ops) {
        super(ops);
    }

    @Override
    protected InputTypeStrategy inputs() {
        return ArrayArgumentsStrategy.arrays(1);
    }

    @Override
    protected TypeStrategy output() {
        return context ->
                innerType(context)
                        .map(inner -> DataTypeUtils.toInternalDataType(new ArrayType(true, inner)));
    }

    /** Validates the argument is an array of arrays; the result element type is the inner one. */
    private static Optional<LogicalType> innerType(CallContext context) {
        LogicalType element = ArrayTypes.elementType(context);
        if (element.getTypeRoot() != LogicalTypeRoot.ARRAY) {
            return context.fail(
                    true,
                    "ARRAY_FLATTEN expects an array of arrays, but got ARRAY<%s>.",
                    element.asSummaryString());
        }
        return Optional.of(((ArrayType) element).getElementType());
    }

    @Override
    public ArrayFlatten specialize(SpecializedContext context) {
        return new ArrayFlatten(ElementOps.of(innerType(context.getCallContext()).get()));
    }

    public ArrayData eval(ArrayData arrays) {
        if (arrays == null) {
            return null;
        }
        ArrayBuilder result = builder();
        for (int k = 0; k < arrays.size(); k++) {
            if (arrays.isNullAt(k)) {
                return null;
            }
            ArrayData inner = arrays.getArray(k);
            for (int i = 0; i < inner.size(); i++) {
                result.add(inner, i);
            }
        }
        return result.build();
    }
}
