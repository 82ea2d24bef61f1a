package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ArrayBuilder;
import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.data.ElementSet;
import io.github.flinkpack.arrays.inference.ArrayArgumentsStrategy;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategy;

/**
 * {@code ARRAYS_INTERSECT(a, b, ...)}: the distinct elements of {@code a} that are in every other
 * array, in order of first occurrence in {@code a}. NULL if an argument is NULL.
 */
public final class ArraysIntersect extends ArrayScalarFunction {

    private static final long serialVersionUID = 1L;

    public ArraysIntersect() {
        this(null);
    }

    private ArraysIntersect(ElementOps ops) {
        super(ops);
    }

    @Override
    protected InputTypeStrategy inputs() {
        return ArrayArgumentsStrategy.variadicArrays(2);
    }

    @Override
    protected TypeStrategy output() {
        return sameArrayType();
    }

    @Override
    protected ArraysIntersect specialized(ElementOps ops) {
        return new ArraysIntersect(ops);
    }

    public ArrayData eval(ArrayData... arrays) {
        for (ArrayData array : arrays) {
            if (array == null) {
                return null;
            }
        }
        ElementSet[] others = new ElementSet[arrays.length - 1];
        for (int k = 1; k < arrays.length; k++) {
            others[k - 1] = new ElementSet(ops, arrays[k].size());
            for (int j = 0; j < arrays[k].size(); j++) {
                others[k - 1].add(arrays[k], j);
            }
        }
        ArrayData a = arrays[0];
        ElementSet seen = new ElementSet(ops, a.size());
        ArrayBuilder result = builder();
        for (int i = 0; i < a.size(); i++) {
            if (inAll(others, a, i) && seen.add(a, i)) {
                result.add(a, i);
            }
        }
        return result.build();
    }

    private static boolean inAll(ElementSet[] sets, ArrayData array, int i) {
        for (ElementSet set : sets) {
            if (!set.contains(array, i)) {
                return false;
            }
        }
        return true;
    }
}
