package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.inference.ArrayArgumentsStrategy;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategy;

/**
 * {@code ARRAY_DISTINCT(a)}: the distinct elements of {@code a} in order of first occurrence. The
 * semantics of Flink's built-in.
 */
public final class ArrayDistinct extends ArrayScalarFunction {

    private static final long serialVersionUID = 1L;

    public ArrayDistinct() {
        this(null);
    }

    private ArrayDistinct(ElementOps ops) {
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
        if (a == null) {
            return null;
        }
        return distinctWhere(a, i -> true);
    }
}
