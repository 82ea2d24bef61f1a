package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.data.ElementSet;
import org.apache.flink.table.data.ArrayData;

/**
 * {@code ARRAY_INTERSECT_ALL(a, b)}: multiset intersection: each element as often as it occurs in
 * both (the smaller count), in order of {@code a}. NULL if an argument is NULL.
 */
public final class ArrayIntersectAll extends TwoArrayFunction {

    private static final long serialVersionUID = 1L;

    public ArrayIntersectAll() {
        this(null);
    }

    private ArrayIntersectAll(ElementOps ops) {
        super(ops);
    }

    @Override
    protected ArrayData apply(ArrayData a, ArrayData b) {
        ElementSet available = setOf(b);
        return where(a, i -> available.takeOne(a, i));
    }
}
