package io.github.flinkpack.arrays.aggregates;

import io.github.flinkpack.arrays.inference.ArrayArgumentsStrategy;
import io.github.flinkpack.arrays.inference.ArrayTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.dataview.MapView;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.table.functions.SpecializedFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.utils.DataTypeUtils;

/**
 * {@code ARRAY_INTERSECT_AGG(arr)}: the non-null elements present in the array of every non-null
 * row of the group (order not guaranteed); NULL for a group without such rows. Retract-aware: per
 * element, the number of rows containing it is kept in a state-backed map, next to the number of
 * rows.
 */
public final class ArrayIntersectAgg
        extends AggregateFunction<ArrayData, ArrayIntersectAgg.Accumulator>
        implements SpecializedFunction {

    private static final long serialVersionUID = 1L;

    /** Null in the unspecialized instance that registration sees. */
    private final LogicalType elementType;

    private transient ArrayData.ElementGetter getter;

    public ArrayIntersectAgg() {
        this(null);
    }

    private ArrayIntersectAgg(LogicalType elementType) {
        this.elementType = elementType;
    }

    @Override
    public ArrayIntersectAgg specialize(SpecializedContext context) {
        ArrayType array =
                (ArrayType) context.getCallContext().getArgumentDataTypes().get(0).getLogicalType();
        return new ArrayIntersectAgg(array.getElementType());
    }

    /** Element -> rows containing it; and the row count. */
    public static class Accumulator {
        public MapView<Object, Long> containing = new MapView<>();
        public long rows;
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return TypeInference.newBuilder()
                .inputTypeStrategy(ArrayArgumentsStrategy.arrays(1))
                .accumulatorTypeStrategy(
                        context ->
                                Optional.of(
                                        DataTypes.STRUCTURED(
                                                Accumulator.class,
                                                DataTypes.FIELD(
                                                        "containing",
                                                        MapView.newMapViewDataType(
                                                                element(context).notNull(),
                                                                DataTypes.BIGINT())),
                                                DataTypes.FIELD(
                                                        "rows", DataTypes.BIGINT().notNull()))))
                .outputTypeStrategy(
                        context -> Optional.of(ArrayTypes.internalArrayOf(element(context))))
                .build();
    }

    private static DataType element(CallContext context) {
        ArrayType array = (ArrayType) context.getArgumentDataTypes().get(0).getLogicalType();
        return DataTypeUtils.toInternalDataType(array.getElementType());
    }

    @Override
    public Accumulator createAccumulator() {
        return new Accumulator();
    }

    public void accumulate(Accumulator acc, ArrayData array) throws Exception {
        change(acc, array, 1);
    }

    public void retract(Accumulator acc, ArrayData array) throws Exception {
        change(acc, array, -1);
    }

    private void change(Accumulator acc, ArrayData array, long delta) throws Exception {
        if (array == null) {
            return;
        }
        acc.rows += delta;
        for (Object element : distinctElements(array)) {
            Counts.add(acc.containing, element, delta);
        }
    }

    public void merge(Accumulator acc, Iterable<Accumulator> others) throws Exception {
        for (Accumulator other : others) {
            acc.rows += other.rows;
            Counts.addAll(acc.containing, other.containing);
        }
    }

    @Override
    public ArrayData getValue(Accumulator acc) {
        if (acc.rows <= 0) {
            return null;
        }
        List<Object> common = new ArrayList<>();
        try {
            for (Map.Entry<Object, Long> entry : acc.containing.entries()) {
                if (entry.getValue() == acc.rows) {
                    common.add(entry.getKey());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read ARRAY_INTERSECT_AGG state", e);
        }
        return new GenericArrayData(common.toArray());
    }

    private Set<Object> distinctElements(ArrayData array) {
        Set<Object> elements = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            Object element = getter().getElementOrNull(array, i);
            if (element != null) {
                elements.add(element);
            }
        }
        return elements;
    }

    private ArrayData.ElementGetter getter() {
        if (getter == null) {
            getter = ArrayData.createElementGetter(elementType);
        }
        return getter;
    }
}
