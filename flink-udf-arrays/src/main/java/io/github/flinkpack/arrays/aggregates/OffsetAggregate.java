package io.github.flinkpack.arrays.aggregates;

import io.github.flinkpack.arrays.inference.ArrayTypes;
import io.github.flinkpack.arrays.inference.ValueArgumentsStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.dataview.ListView;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.TypeInference;

/**
 * LATEST_BY_OFFSET / EARLIEST_BY_OFFSET with ksqlDB semantics: {@code F(x)} is the last (first)
 * non-null value in arrival order; {@code F(x, n)} is an ARRAY of the last (first) up to n values,
 * in arrival order. Retract-aware: the values are kept in arrival order in a state-backed list, and
 * a retraction removes the latest equal value. The history is bounded ({@value #HISTORY} values
 * beyond n): a retraction of a value older than that is ignored.
 */
abstract class OffsetAggregate extends AggregateFunction<Object, OffsetAggregate.Accumulator> {

    private static final long serialVersionUID = 1L;

    static final int HISTORY = 1000;

    /** Values in arrival order; {@code n} as given in the call (0 for the scalar form). */
    public static class Accumulator {
        public ListView<Object> values = new ListView<>();
        public long size;
        public int n;
    }

    /** Whether the latest values are wanted (else the earliest). */
    abstract boolean latest();

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return TypeInference.newBuilder()
                .inputTypeStrategy(ValueArgumentsStrategy.valueAndOptionalCount())
                .accumulatorTypeStrategy(
                        context ->
                                Optional.of(
                                        DataTypes.STRUCTURED(
                                                Accumulator.class,
                                                DataTypes.FIELD(
                                                        "values",
                                                        ListView.newListViewDataType(
                                                                value(context).notNull())),
                                                DataTypes.FIELD(
                                                        "size", DataTypes.BIGINT().notNull()),
                                                DataTypes.FIELD("n", DataTypes.INT().notNull()))))
                .outputTypeStrategy(
                        context ->
                                Optional.of(
                                        context.getArgumentDataTypes().size() == 1
                                                ? value(context).nullable()
                                                : ArrayTypes.internalArrayOf(value(context))))
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
        add(acc, value, 0);
    }

    public void accumulate(Accumulator acc, Object value, Integer n) throws Exception {
        add(acc, value, n == null ? 1 : Math.max(1, n.intValue()));
    }

    public void retract(Accumulator acc, Object value) throws Exception {
        remove(acc, value);
    }

    public void retract(Accumulator acc, Object value, Integer n) throws Exception {
        remove(acc, value);
    }

    private void add(Accumulator acc, Object value, int n) throws Exception {
        acc.n = n;
        if (value == null) {
            return;
        }
        long keep = HISTORY + Math.max(1, n);
        if (!latest() && acc.size >= keep) {
            return; // the earliest values are all that will ever be needed
        }
        acc.values.add(value);
        acc.size++;
        if (latest() && acc.size >= 2 * keep) {
            List<Object> all = list(acc);
            acc.values.clear();
            acc.values.addAll(all.subList(all.size() - (int) keep, all.size()));
            acc.size = keep;
        }
    }

    private void remove(Accumulator acc, Object value) throws Exception {
        if (value == null) {
            return;
        }
        List<Object> all = list(acc);
        int last = all.lastIndexOf(value);
        if (last < 0) {
            return;
        }
        all.remove(last);
        acc.values.clear();
        acc.values.addAll(all);
        acc.size = all.size();
    }

    private static List<Object> list(Accumulator acc) throws Exception {
        List<Object> all = new ArrayList<>();
        for (Object value : acc.values.get()) {
            all.add(value);
        }
        return all;
    }

    @Override
    public Object getValue(Accumulator acc) {
        List<Object> all;
        try {
            all = list(acc);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the aggregate's state", e);
        }
        if (acc.n == 0) {
            if (all.isEmpty()) {
                return null;
            }
            return latest() ? all.get(all.size() - 1) : all.get(0);
        }
        int count = Math.min(acc.n, all.size());
        List<Object> chosen =
                latest() ? all.subList(all.size() - count, all.size()) : all.subList(0, count);
        return new GenericArrayData(chosen.toArray());
    }
}
