package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ArrayBuilder;
import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.data.ElementSet;
import io.github.flinkpack.arrays.inference.ArrayArgumentsStrategy;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategy;

/**
 * {@code ARRAY_INTERSECT_ALL(a, b)}: multiset intersection: each element as often as it occurs in
 * both (the smaller count), in order of {@code a}. NULL if an argument is NULL.
 */
public final class ArrayIntersectAll extends ArrayScalarFunction {

    private static final long serialVersionUID = 1L;

    public ArrayIntersectAll() {
        this(null);
    }

    private ArrayIntersectAll(ElementOps ops) {
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
    protected ArrayIntersectAll specialized(ElementOps ops) {
        return new ArrayIntersectAll(ops);
    }

    public ArrayData eval(ArrayData a, ArrayData b) {
        if (a == null || b == null) {
            return null;
        }
        ElementSet available = new ElementSet(ops, b.size());
        for (int j = 0; j < b.size(); j++) {
            available.add(b, j);
        }
        ArrayBuilder result = builder();
        for (int i = 0; i < a.size(); i++) {
            if (available.takeOne(a, i)) {
                result.add(a, i);
            }
        }
        return result.build();
    }
}
