package io.github.flinkpack.arrays.aggregates;

/**
 * {@code EARLIEST_BY_OFFSET(x[, n])}: the earliest non-null value in arrival order, or an ARRAY of
 * the earliest up to n values (in arrival order). ksqlDB semantics, retract-aware.
 */
public final class EarliestByOffset extends OffsetAggregate {

    private static final long serialVersionUID = 1L;

    @Override
    boolean latest() {
        return false;
    }
}
