package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.data.ElementSet;
import org.apache.flink.table.data.ArrayData;

/**
 * {@code ARRAY_INTERSECT(a, b)}: the distinct elements of {@code a} that are also in {@code b}, in
 * order of first occurrence in {@code a}; NULL is a value like any other. NULL if an argument is
 * NULL. The semantics of Flink's built-in.
 */
public final class ArrayIntersect extends TwoArrayFunction {

    private static final long serialVersionUID = 1L;

    public ArrayIntersect() {
        this(null);
    }

    private ArrayIntersect(ElementOps ops) {
        super(ops);
    }

    @Override
    protected ArrayData apply(ArrayData a, ArrayData b) {
        ElementSet inB = setOf(b);
        return distinctWhere(a, i -> inB.contains(a, i));
    }
}
