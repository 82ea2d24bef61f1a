package io.github.flinkpack.arrays.aggregates;

import io.github.flinkpack.arrays.inference.ArrayTypes;
import io.github.flinkpack.arrays.inference.ValueArgumentsStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.dataview.MapView;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.TypeInference;

/**
 * {@code COLLECT_SET(x)}: the distinct non-null values of the group, as an ARRAY (order not
 * guaranteed). Retract-aware: each value is counted, so a retraction removes it once no row holds
 * it any more. The counts live in a state-backed map.
 */
public final class CollectSet extends AggregateFunction<ArrayData, CollectSet.Accumulator> {

    private static final long serialVersionUID = 1L;

    /** Value -> how many current rows hold it. */
    public static class Accumulator {
        public MapView<Object, Long> counts = new MapView<>();
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return TypeInference.newBuilder()
                .inputTypeStrategy(ValueArgumentsStrategy.value())
                .accumulatorTypeStrategy(
                        context ->
                                Optional.of(
                                        DataTypes.STRUCTURED(
                                                Accumulator.class,
                                                DataTypes.FIELD(
                                                        "counts",
                                                        MapView.newMapViewDataType(
                                                                value(context).notNull(),
                                                                DataTypes.BIGINT())))))
                .outputTypeStrategy(
                        context -> Optional.of(ArrayTypes.internalArrayOf(value(context))))
                .build();
    }

    private static DataType value(CallContext context) {
        return ArrayTypes.internalArgument(context, 0);
    }

    @Override
    public Accumulator createAccumulator() {
        return new Accumulator();
    }

    public void accumulate(Accumulator acc, Object value) throws Exception {
        if (value != null) {
            Counts.add(acc.counts, value, 1);
        }
    }

    public void retract(Accumulator acc, Object value) throws Exception {
        if (value != null) {
            Counts.add(acc.counts, value, -1);
        }
    }

    public void merge(Accumulator acc, Iterable<Accumulator> others) throws Exception {
        for (Accumulator other : others) {
            Counts.addAll(acc.counts, other.counts);
        }
    }

    @Override
    public ArrayData getValue(Accumulator acc) {
        List<Object> values = new ArrayList<>();
        try {
            for (Object value : acc.counts.keys()) {
                values.add(value);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read COLLECT_SET state", e);
        }
        return new GenericArrayData(values.toArray());
    }
}
