package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ElementOps;
import org.apache.flink.table.data.ArrayData;

/**
 * {@code ARRAY_DISTINCT(a)}: the distinct elements of {@code a} in order of first occurrence. The
 * semantics of Flink's built-in.
 */
public final class ArrayDistinct extends OneArrayFunction {

    private static final long serialVersionUID = 1L;

    public ArrayDistinct() {
        this(null);
    }

    private ArrayDistinct(ElementOps ops) {
        super(ops);
    }

    @Override
    protected ArrayData apply(ArrayData a) {
        return distinctWhere(a, i -> true);
    }
}
