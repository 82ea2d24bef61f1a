package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.data.ElementSet;
import org.apache.flink.table.data.ArrayData;

/**
 * {@code ARRAY_EXCEPT_ALL(a, b)}: multiset difference: each element of {@code a} as often as it
 * occurs there more than in {@code b}, in order of {@code a}. NULL if an argument is NULL.
 */
public final class ArrayExceptAll extends TwoArrayFunction {

    private static final long serialVersionUID = 1L;

    public ArrayExceptAll() {
        this(null);
    }

    private ArrayExceptAll(ElementOps ops) {
        super(ops);
    }

    @Override
    protected ArrayData apply(ArrayData a, ArrayData b) {
        ElementSet toRemove = setOf(b);
        return where(a, i -> !toRemove.takeOne(a, i));
    }
}
