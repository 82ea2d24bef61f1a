package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ArrayBuilder;
import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.data.ElementSet;
import io.github.flinkpack.arrays.inference.ArrayArgumentsStrategy;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategy;

/**
 * {@code ARRAY_EXCEPT_ALL(a, b)}: multiset difference: each element of {@code a} as often as it
 * occurs there more than in {@code b}, in order of {@code a}. NULL if an argument is NULL.
 */
public final class ArrayExceptAll extends ArrayScalarFunction {

    private static final long serialVersionUID = 1L;

    public ArrayExceptAll() {
        this(null);
    }

    private ArrayExceptAll(ElementOps ops) {
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
    protected ArrayExceptAll specialized(ElementOps ops) {
        return new ArrayExceptAll(ops);
    }

    public ArrayData eval(ArrayData a, ArrayData b) {
        if (a == null || b == null) {
            return null;
        }
        ElementSet toRemove = new ElementSet(ops, b.size());
        for (int j = 0; j < b.size(); j++) {
            toRemove.add(b, j);
        }
        ArrayBuilder result = builder();
        for (int i = 0; i < a.size(); i++) {
            if (!toRemove.takeOne(a, i)) {
                result.add(a, i);
            }
        }
        return result.build();
    }
}
