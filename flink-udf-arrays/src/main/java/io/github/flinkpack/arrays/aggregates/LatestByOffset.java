package io.github.flinkpack.arrays.aggregates;

/**
 * {@code LATEST_BY_OFFSET(x[, n])}: the latest non-null value in arrival order, or an ARRAY of the
 * latest up to n values (in arrival order). ksqlDB semantics, retract-aware.
 */
public final class LatestByOffset extends OffsetAggregate {

    private static final long serialVersionUID = 1L;

    @Override
    boolean latest() {
        return true;
    }
}
