package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.data.ElementSet;
import io.github.flinkpack.arrays.inference.ArrayArgumentsStrategy;
import io.github.flinkpack.arrays.inference.ArrayTypes;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategy;

/**
 * {@code ARRAY_JACCARD(a, b)}: |a ∩ b| / |a ∪ b| over the distinct non-null elements, as DOUBLE;
 * 0.0 when both have none. "How alike are these two users' interests." NULL if an argument is NULL.
 */
public final class ArrayJaccard extends ArrayScalarFunction {

    private static final long serialVersionUID = 1L;

    public ArrayJaccard() {
        this(null);
    }

    private ArrayJaccard(ElementOps ops) {
        super(ops);
    }

    @Override
    protected InputTypeStrategy inputs() {
        return ArrayArgumentsStrategy.arrays(2);
    }

    @Override
    protected TypeStrategy output() {
        return context ->
                java.util.Optional.of(
                        ArrayTypes.anyNullable(context)
                                ? DataTypes.DOUBLE().nullable()
                                : DataTypes.DOUBLE().notNull());
    }

    public Double eval(ArrayData a, ArrayData b) {
        if (a == null || b == null) {
            return null;
        }
        ElementSet inA = new ElementSet(ops, a.size());
        for (int i = 0; i < a.size(); i++) {
            inA.add(a, i);
        }
        ElementSet inB = new ElementSet(ops, b.size());
        int common = 0;
        for (int j = 0; j < b.size(); j++) {
            if (!b.isNullAt(j) && inB.add(b, j) && inA.contains(b, j)) {
                common++;
            }
        }
        int union = inA.size() + inB.size() - common;
        return union == 0 ? 0.0 : (double) common / union;
    }
}
