package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ArrayBuilder;
import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.data.ElementSet;
import io.github.flinkpack.arrays.inference.ArrayArgumentsStrategy;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategy;

/**
 * {@code ARRAY_EXCEPT(a, b)}: the distinct elements of {@code a} that are not in {@code b}, in
 * order of first occurrence in {@code a}. NULL if an argument is NULL. The semantics of Flink's
 * built-in.
 */
public final class ArrayExcept extends ArrayScalarFunction {

    private static final long serialVersionUID = 1L;

    public ArrayExcept() {
        this(null);
    }

    private ArrayExcept(ElementOps ops) {
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

    @Override
    protected ArrayExcept specialized(ElementOps ops) {
        return new ArrayExcept(ops);
    }

    public ArrayData eval(ArrayData a, ArrayData b) {
        if (a == null || b == null) {
            return null;
        }
        ElementSet inB = new ElementSet(ops, b.size());
        for (int j = 0; j < b.size(); j++) {
            inB.add(b, j);
        }
        ElementSet seen = new ElementSet(ops, a.size());
        ArrayBuilder result = builder();
        for (int i = 0; i < a.size(); i++) {
            if (!inB.contains(a, i) && seen.add(a, i)) {
                result.add(a, i);
            }
        }
        return result.build();
    }
}
