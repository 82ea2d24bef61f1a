package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ElementOps;
import org.apache.flink.table.data.ArrayData;

/** {@code ARRAY_COMPACT(a)}: {@code a} without its NULL elements, in order. */
public final class ArrayCompact extends OneArrayFunction {

    private static final long serialVersionUID = 1L;

    public ArrayCompact() {
        this(null);
    }

    private ArrayCompact(ElementOps ops) {
        super(ops);
    }

    @Override
    protected ArrayData apply(ArrayData a) {
        return where(a, i -> !a.isNullAt(i));
    }
}
