package io.github.flinkpack.arrays.aggregates;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * {@code LATEST_BY_TIME(value, time)}: the value at the greatest time (event time, not arrival
 * order); on equal times the later arrival. Retract-aware.
 */
@PublicEvolving
public final class LatestByTime extends ByTimeAggregate {

    private static final long serialVersionUID = 1L;

    public LatestByTime() {
        this(null);
    }

    private LatestByTime(LogicalType valueType) {
        super(valueType);
    }

    @Override
    OrderedAggregate specialize(LogicalType valueType) {
        return new LatestByTime(valueType);
    }

    @Override
    boolean latest() {
        return true;
    }
}
