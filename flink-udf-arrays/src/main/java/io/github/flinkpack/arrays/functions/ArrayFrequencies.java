package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ArrayBuilder;
import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.data.ElementSet;
import io.github.flinkpack.arrays.inference.ArrayArgumentsStrategy;
import io.github.flinkpack.arrays.inference.ArrayTypes;
import java.util.Optional;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.binary.BinaryArrayData;
import org.apache.flink.table.data.binary.BinaryMapData;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeStrategy;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.utils.DataTypeUtils;

/**
 * {@code ARRAY_FREQUENCIES(a)}: a MAP from each distinct non-null element to how often it occurs
 * (NULL elements are not counted: a MAP key cannot be NULL). NULL if {@code a} is.
 */
public final class ArrayFrequencies extends ArrayScalarFunction {

    private static final long serialVersionUID = 1L;

    public ArrayFrequencies() {
        this(null);
    }

    private ArrayFrequencies(ElementOps ops) {
        super(ops);
    }

    @Override
    protected InputTypeStrategy inputs() {
        return ArrayArgumentsStrategy.arrays(1);
    }

    @Override
    protected TypeStrategy output() {
        return context ->
                Optional.of(
                        DataTypeUtils.toInternalDataType(
                                new MapType(
                                        ArrayTypes.anyNullable(context),
                                        ArrayTypes.elementType(context).copy(false),
                                        new IntType(false))));
    }

    public MapData eval(ArrayData a) {
        if (a == null) {
            return null;
        }
        ElementSet counts = new ElementSet(ops, a.size());
        ArrayBuilder keys = builder();
        for (int i = 0; i < a.size(); i++) {
            if (!a.isNullAt(i) && counts.add(a, i)) {
                keys.add(a, i);
            }
        }
        BinaryArrayData keyArray = (BinaryArrayData) keys.build();
        int[] values = new int[keyArray.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = counts.count(keyArray, k);
        }
        return BinaryMapData.valueOf(keyArray, BinaryArrayData.fromPrimitiveArray(values));
    }
}
