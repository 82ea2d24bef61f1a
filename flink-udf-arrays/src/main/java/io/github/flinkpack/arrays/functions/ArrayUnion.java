package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ArrayBuilder;
import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.data.ElementSet;
import org.apache.flink.table.data.ArrayData;

/**
 * {@code ARRAY_UNION(a, b)}: the distinct elements of {@code a} and then {@code b}, in order of
 * first occurrence. NULL if an argument is NULL. The semantics of Flink's built-in.
 */
public final class ArrayUnion extends TwoArrayFunction {

    private static final long serialVersionUID = 1L;

    public ArrayUnion() {
        this(null);
    }

    private ArrayUnion(ElementOps ops) {
        super(ops);
    }

    @Override
    protected ArrayData apply(ArrayData a, ArrayData b) {
        ElementSet seen = new ElementSet(ops, a.size() + b.size());
        ArrayBuilder result = builder();
        for (ArrayData array : new ArrayData[] {a, b}) {
            for (int i = 0; i < array.size(); i++) {
                if (seen.add(array, i)) {
                    result.add(array, i);
                }
            }
        }
        return result.build();
    }
}
