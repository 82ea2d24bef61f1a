package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.inference.ArrayArgumentsStrategy;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategy;

/** {@code ARRAY_COMPACT(a)}: {@code a} without its NULL elements, in order. */
public final class ArrayCompact extends ArrayScalarFunction {

    private static final long serialVersionUID = 1L;

    public ArrayCompact() {
        this(null);
    }

    private ArrayCompact(ElementOps ops) {
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
        return where(a, i -> !a.isNullAt(i));
    }
}
