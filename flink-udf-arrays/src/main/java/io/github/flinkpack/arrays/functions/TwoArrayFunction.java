package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.inference.ArrayArgumentsStrategy;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategy;

/**
 * {@code F(a, b)} on two arrays of a common element type, giving such an array; NULL in, NULL out.
 */
abstract class TwoArrayFunction extends ArrayScalarFunction {

    private static final long serialVersionUID = 1L;

    TwoArrayFunction(ElementOps ops) {
        super(ops);
    }

    @Override
    protected InputTypeStrategy inputs() {
        return ArrayArgumentsStrategy.arrays(2);
    }

    @Override
    protected TypeStrategy output() {
        return sameArrayType();
    }

    public ArrayData eval(ArrayData a, ArrayData b) {
        return a == null || b == null ? null : apply(a, b);
    }

    protected abstract ArrayData apply(ArrayData a, ArrayData b);
}
