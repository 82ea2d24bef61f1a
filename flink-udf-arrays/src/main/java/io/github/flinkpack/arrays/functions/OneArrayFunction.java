package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.inference.ArrayArgumentsStrategy;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategy;

/** {@code F(a)} on one array, giving an array of the same type; NULL in, NULL out. */
abstract class OneArrayFunction extends ArrayScalarFunction {

    private static final long serialVersionUID = 1L;

    OneArrayFunction(ElementOps ops) {
        super(ops);
    }

    @Override
    protected InputTypeStrategy inputs() {
        return ArrayArgumentsStrategy.arrays(1);
    }

    @Override
    protected TypeStrategy output() {
        return sameArrayType();
    }

    public ArrayData eval(ArrayData a) {
        return a == null ? null : apply(a);
    }

    protected abstract ArrayData apply(ArrayData a);
}
