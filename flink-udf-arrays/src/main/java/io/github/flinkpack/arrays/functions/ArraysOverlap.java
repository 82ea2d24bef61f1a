package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.data.ElementSet;
import io.github.flinkpack.arrays.inference.ArrayArgumentsStrategy;
import java.util.Optional;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategy;

/**
 * {@code ARRAYS_OVERLAP(a, b)}, as in Spark and Trino: TRUE when the arrays share a non-null
 * element; otherwise NULL when both are non-empty and either holds a NULL (it might match);
 * otherwise FALSE. NULL if an argument is NULL.
 */
public final class ArraysOverlap extends ArrayScalarFunction {

    private static final long serialVersionUID = 1L;

    public ArraysOverlap() {
        this(null);
    }

    private ArraysOverlap(ElementOps ops) {
        super(ops);
    }

    @Override
    protected InputTypeStrategy inputs() {
        return ArrayArgumentsStrategy.arrays(2);
    }

    @Override
    protected TypeStrategy output() {
        return context -> Optional.of(DataTypes.BOOLEAN().nullable());
    }

    public Boolean eval(ArrayData a, ArrayData b) {
        if (a == null || b == null) {
            return null;
        }
        ArrayData small = a.size() <= b.size() ? a : b;
        ArrayData large = small == a ? b : a;
        ElementSet set = new ElementSet(ops, small.size());
        for (int i = 0; i < small.size(); i++) {
            set.add(small, i);
        }
        boolean sawNull = set.containsNull();
        for (int j = 0; j < large.size(); j++) {
            if (large.isNullAt(j)) {
                sawNull = true;
            } else if (set.contains(large, j)) {
                return true;
            }
        }
        return sawNull && a.size() > 0 && b.size() > 0 ? null : false;
    }
}
