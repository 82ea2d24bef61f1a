package io.github.flinkpack.arrays.aggregates;

import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.inference.OrderedArgumentsStrategy;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.dataview.MapView;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.table.functions.SpecializedFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * Aggregates over values ordered by a key of the same row (an event time, a rank, ...), rather than
 * by arrival. Retract-aware: the values are kept per key, in arrival order, in a state-backed map;
 * a retraction removes the latest equal value under its key. Ties between equal keys go by arrival:
 * first-come first in ascending order, last-come first in descending order.
 *
 * <p>When at most {@code limit} values are wanted, the state is bounded: once it holds twice {@code
 * limit +} {@value #HISTORY} values, the keys beyond the first {@code limit +} {@value #HISTORY}
 * values in order are dropped; retracting a dropped value has no effect.
 */
abstract class OrderedAggregate extends AggregateFunction<Object, OrderedAggregate.Accumulator>
        implements SpecializedFunction {

    private static final long serialVersionUID = 1L;

    static final int HISTORY = 1000;

    /** Null in the unspecialized instance that registration sees. */
    private final LogicalType valueType;

    private transient ArrayData.ElementGetter getter;
    private transient ElementOps ops;

    OrderedAggregate(LogicalType valueType) {
        this.valueType = valueType;
    }

    /**
     * Key -> its values in arrival order; the number of values; the wanted count (0: all) and
     * direction as given by the latest row; and, for functions that only read the first value, the
     * key that comes first in that order, so that reading it needs no scan (null: no rows).
     */
    public static class Accumulator {
        public MapView<Object, ArrayData> values = new MapView<>();
        public long size;
        public int limit;
        public boolean descending;
        public Object firstKey;

        /** The values of NULL keys, in arrival order (map views take no NULL key). */
        public ArrayData nullKeyed;
    }

    /** This function for the given value type. */
    abstract OrderedAggregate specialize(LogicalType valueType);

    abstract InputTypeStrategy arguments();

    /** The result type, given the (internal) value type. */
    abstract DataType resultType(DataType value);

    /** Whether rows with a NULL value or key take part (else they are ignored). */
    abstract boolean keepsNulls();

    /**
     * Whether only the first value in order is ever read ({@link #first}): then the first key is
     * kept up to date. Only for functions that ignore NULL keys, so a null first key means none.
     */
    boolean readsFirstOnly() {
        return false;
    }

    @Override
    public OrderedAggregate specialize(SpecializedContext context) {
        return specialize(
                OrderedArgumentsStrategy.stateType(context.getCallContext(), 0).getLogicalType());
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return TypeInference.newBuilder()
                .inputTypeStrategy(arguments())
                .accumulatorTypeStrategy(
                        context ->
                                Optional.of(
                                        DataTypes.STRUCTURED(
                                                Accumulator.class,
                                                DataTypes.FIELD(
                                                        "values",
                                                        MapView.newMapViewDataType(
                                                                key(context).notNull(),
                                                                DataTypes.ARRAY(value(context))
                                                                        .bridgedTo(
                                                                                ArrayData.class))),
                                                DataTypes.FIELD(
                                                        "size", DataTypes.BIGINT().notNull()),
                                                DataTypes.FIELD("limit", DataTypes.INT().notNull()),
                                                DataTypes.FIELD(
                                                        "descending",
                                                        DataTypes.BOOLEAN().notNull()),
                                                DataTypes.FIELD(
                                                        "firstKey", key(context).nullable()),
                                                DataTypes.FIELD(
                                                        "nullKeyed",
                                                        DataTypes.ARRAY(value(context))
                                                                .bridgedTo(ArrayData.class)
                                                                .nullable()))))
                .outputTypeStrategy(context -> Optional.of(resultType(value(context))))
                .build();
    }

    private static DataType value(CallContext context) {
        return OrderedArgumentsStrategy.stateType(context, 0);
    }

    private static DataType key(CallContext context) {
        return OrderedArgumentsStrategy.stateType(context, 1);
    }

    @Override
    public Accumulator createAccumulator() {
        return new Accumulator();
    }

    /** Adds a row; {@code limit} 0 keeps every value. */
    void add(Accumulator acc, Object value, Object key, int limit, boolean descending)
            throws Exception {
        acc.limit = limit;
        acc.descending = descending;
        if (!keepsNulls() && (value == null || key == null)) {
            return;
        }
        ArrayData before = valuesOf(acc, key);
        int count = before == null ? 0 : before.size();
        Object[] after = new Object[count + 1];
        for (int i = 0; i < count; i++) {
            after[i] = getter().getElementOrNull(before, i);
        }
        after[count] = value;
        store(acc, key, new GenericArrayData(after));
        acc.size++;
        if (readsFirstOnly()
                && (acc.firstKey == null || order(acc).compare(key, acc.firstKey) <= 0)) {
            acc.firstKey = key;
        }
        if (limit > 0 && acc.size >= 2L * (limit + HISTORY)) {
            trim(acc, limit + HISTORY);
        }
    }

    /** Removes the latest value equal to {@code value} under {@code key}, if there is one. */
    void remove(Accumulator acc, Object value, Object key) throws Exception {
        if (!keepsNulls() && (value == null || key == null)) {
            return;
        }
        ArrayData before = valuesOf(acc, key);
        int found = before == null ? -1 : lastIndexOf(before, value);
        if (found < 0) {
            return;
        }
        acc.size--;
        if (before.size() == 1) {
            store(acc, key, null);
            if (readsFirstOnly() && order(acc).compare(key, acc.firstKey) == 0) {
                findFirst(acc);
            }
            return;
        }
        Object[] after = new Object[before.size() - 1];
        for (int i = 0, j = 0; i < before.size(); i++) {
            if (i != found) {
                after[j++] = getter().getElementOrNull(before, i);
            }
        }
        store(acc, key, new GenericArrayData(after));
    }

    private int lastIndexOf(ArrayData values, Object value) {
        GenericArrayData probe = new GenericArrayData(new Object[] {value});
        for (int i = values.size() - 1; i >= 0; i--) {
            boolean nullHere = values.isNullAt(i);
            if (value == null ? nullHere : !nullHere && ops().equal(values, i, probe, 0)) {
                return i;
            }
        }
        return -1;
    }

    private void findFirst(Accumulator acc) throws Exception {
        acc.firstKey = null;
        Comparator<Object> order = order(acc);
        for (Object key : acc.values.keys()) {
            if (acc.firstKey == null || order.compare(key, acc.firstKey) < 0) {
                acc.firstKey = key;
            }
        }
    }

    private void trim(Accumulator acc, long keep) throws Exception {
        long kept = 0;
        for (Map.Entry<Object, ArrayData> entry : sortedEntries(acc)) {
            if (kept >= keep) {
                store(acc, entry.getKey(), null);
                acc.size -= entry.getValue().size();
            }
            kept += entry.getValue().size();
        }
    }

    /** The first value in order, or null when there is none. */
    Object first(Accumulator acc) {
        if (acc.firstKey == null) {
            return null;
        }
        ArrayData values;
        try {
            values = valuesOf(acc, acc.firstKey);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the aggregate's state", e);
        }
        int i = acc.descending ? values.size() - 1 : 0;
        return getter().getElementOrNull(values, i);
    }

    /** Up to {@code limit} values (all when 0) in order. */
    List<Object> inOrder(Accumulator acc, int limit) {
        List<Object> ordered = new ArrayList<>();
        List<Map.Entry<Object, ArrayData>> entries;
        try {
            entries = sortedEntries(acc);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the aggregate's state", e);
        }
        for (Map.Entry<Object, ArrayData> entry : entries) {
            ArrayData values = entry.getValue();
            for (int i = 0; i < values.size(); i++) {
                if (limit > 0 && ordered.size() == limit) {
                    return ordered;
                }
                int at = acc.descending ? values.size() - 1 - i : i;
                ordered.add(getter().getElementOrNull(values, at));
            }
        }
        return ordered;
    }

    private static List<Map.Entry<Object, ArrayData>> sortedEntries(Accumulator acc)
            throws Exception {
        List<Map.Entry<Object, ArrayData>> entries = new ArrayList<>();
        for (Map.Entry<Object, ArrayData> entry : acc.values.entries()) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(entry.getKey(), entry.getValue()));
        }
        if (acc.nullKeyed != null) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(null, acc.nullKeyed));
        }
        Comparator<Object> order = order(acc);
        entries.sort((x, y) -> order.compare(x.getKey(), y.getKey()));
        return entries;
    }

    private static ArrayData valuesOf(Accumulator acc, Object key) throws Exception {
        return key == null ? acc.nullKeyed : acc.values.get(key);
    }

    /** Stores the values of {@code key}; null values remove the key. */
    private static void store(Accumulator acc, Object key, ArrayData values) throws Exception {
        if (key == null) {
            acc.nullKeyed = values;
        } else if (values == null) {
            acc.values.remove(key);
        } else {
            acc.values.put(key, values);
        }
    }

    /** Ascending with NULL keys last; descending is its exact reverse. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Object> order(Accumulator acc) {
        Comparator<Object> ascending =
                (a, b) -> {
                    if (a == null || b == null) {
                        return a == null ? (b == null ? 0 : 1) : -1;
                    }
                    return ((Comparable) a).compareTo(b);
                };
        return acc.descending ? ascending.reversed() : ascending;
    }

    private ArrayData.ElementGetter getter() {
        if (getter == null) {
            getter = ArrayData.createElementGetter(valueType);
        }
        return getter;
    }

    private ElementOps ops() {
        if (ops == null) {
            ops = ElementOps.of(valueType);
        }
        return ops;
    }
}
