package io.github.flinkpack.arrays.aggregates;

import io.github.flinkpack.arrays.inference.OrderedArgumentsStrategy;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * LATEST_BY_TIME / EARLIEST_BY_TIME: the value of the row with the greatest (least) time, whatever
 * order the rows arrived in; between rows of equal time the later (earlier) arrival wins. Rows
 * whose value or time is NULL are ignored. Retract-aware, see {@link OrderedAggregate}.
 */
abstract class ByTimeAggregate extends OrderedAggregate {

    private static final long serialVersionUID = 1L;

    ByTimeAggregate(LogicalType valueType) {
        super(valueType);
    }

    /** Whether the greatest time is wanted (else the least). */
    abstract boolean latest();

    @Override
    InputTypeStrategy arguments() {
        return OrderedArgumentsStrategy.byTime();
    }

    @Override
    DataType resultType(DataType value) {
        return value.nullable();
    }

    @Override
    boolean keepsNulls() {
        return false;
    }

    @Override
    boolean readsFirstOnly() {
        return true;
    }

    public void accumulate(Accumulator acc, Object value, Object time) throws Exception {
        add(acc, value, time, 1, latest());
    }

    public void retract(Accumulator acc, Object value, Object time) throws Exception {
        remove(acc, value, time);
    }

    @Override
    public Object getValue(Accumulator acc) {
        return first(acc);
    }
}
