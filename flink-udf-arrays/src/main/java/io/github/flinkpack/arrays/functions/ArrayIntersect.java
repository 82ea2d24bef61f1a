package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ArrayBuilder;
import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.data.ElementSet;
import io.github.flinkpack.arrays.inference.ArrayArgumentsStrategy;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategy;

/**
 * {@code ARRAY_INTERSECT(a, b)}: the distinct elements of {@code a} that are also in {@code b}, in
 * order of first occurrence in {@code a}; NULL is a value like any other. NULL if an argument is
 * NULL. The semantics of Flink's built-in.
 */
public final class ArrayIntersect extends ArrayScalarFunction {

    private static final long serialVersionUID = 1L;

    public ArrayIntersect() {
        this(null);
    }

    private ArrayIntersect(ElementOps ops) {
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
    protected ArrayIntersect specialized(ElementOps ops) {
        return new ArrayIntersect(ops);
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
            if (inB.contains(a, i) && seen.add(a, i)) {
                result.add(a, i);
            }
        }
        return result.build();
    }
}
