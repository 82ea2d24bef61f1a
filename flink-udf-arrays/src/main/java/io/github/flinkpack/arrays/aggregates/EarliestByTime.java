package io.github.flinkpack.arrays.aggregates;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * {@code EARLIEST_BY_TIME(value, time)}: the value at the least time (event time, not arrival
 * order); on equal times the earlier arrival. Retract-aware.
 */
@PublicEvolving
public final class EarliestByTime extends ByTimeAggregate {

    private static final long serialVersionUID = 1L;

    public EarliestByTime() {
        this(null);
    }

    private EarliestByTime(LogicalType valueType) {
        super(valueType);
    }

    @Override
    OrderedAggregate specialize(LogicalType valueType) {
        return new EarliestByTime(valueType);
    }

    @Override
    boolean latest() {
        return false;
    }
}
