package io.github.flinkpack.arrays.functions;

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

    public ArrayData eval(ArrayData... arrays) {
        for (ArrayData array : arrays) {
            if (array == null) {
                return null;
            }
        }
        ElementSet[] others = new ElementSet[arrays.length - 1];
        for (int k = 1; k < arrays.length; k++) {
            others[k - 1] = setOf(arrays[k]);
        }
        ArrayData a = arrays[0];
        return distinctWhere(a, i -> inAll(others, a, i));
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
