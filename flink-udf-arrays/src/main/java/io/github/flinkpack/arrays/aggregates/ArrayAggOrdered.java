package io.github.flinkpack.arrays.aggregates;

import io.github.flinkpack.arrays.inference.OrderedArgumentsStrategy;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * {@code ARRAY_AGG_ORDERED(value, order_key [, n [, 'ASC' | 'DESC']])}: ARRAY_AGG with an order.
 * The values of the group sorted by {@code order_key} (ascending by default; equal keys in arrival
 * order, NULL keys last; DESC is the exact reverse), the first {@code n} of them when n is given
 * (NULL: all, below 1: one). NULL values are kept as elements, as ARRAY_AGG does; a group without
 * rows gives NULL. Retract-aware.
 */
@PublicEvolving
public final class ArrayAggOrdered extends OrderedAggregate {

    private static final long serialVersionUID = 1L;

    private static final String NAME = "ARRAY_AGG_ORDERED";

    public ArrayAggOrdered() {
        this(null);
    }

    private ArrayAggOrdered(LogicalType valueType) {
        super(valueType);
    }

    @Override
    OrderedAggregate specialize(LogicalType valueType) {
        return new ArrayAggOrdered(valueType);
    }

    @Override
    InputTypeStrategy arguments() {
        return OrderedArgumentsStrategy.ordered();
    }

    @Override
    DataType resultType(DataType value) {
        return DataTypes.ARRAY(value).bridgedTo(ArrayData.class);
    }

    @Override
    boolean keepsNulls() {
        return true;
    }

    public void accumulate(Accumulator acc, Object value, Object key) throws Exception {
        add(acc, value, key, 0, false);
    }

    public void accumulate(Accumulator acc, Object value, Object key, Integer n) throws Exception {
        add(acc, value, key, limit(n), false);
    }

    public void accumulate(Accumulator acc, Object value, Object key, Integer n, String direction)
            throws Exception {
        add(acc, value, key, limit(n), OrderedArgumentsStrategy.descending(NAME, direction));
    }

    public void retract(Accumulator acc, Object value, Object key) throws Exception {
        remove(acc, value, key);
    }

    public void retract(Accumulator acc, Object value, Object key, Integer n) throws Exception {
        remove(acc, value, key);
    }

    public void retract(Accumulator acc, Object value, Object key, Integer n, String direction)
            throws Exception {
        remove(acc, value, key);
    }

    private static int limit(Integer n) {
        return n == null ? 0 : Math.max(1, n);
    }

    @Override
    public Object getValue(Accumulator acc) {
        if (acc.size == 0) {
            return null;
        }
        return new GenericArrayData(inOrder(acc, acc.limit).toArray());
    }
}
