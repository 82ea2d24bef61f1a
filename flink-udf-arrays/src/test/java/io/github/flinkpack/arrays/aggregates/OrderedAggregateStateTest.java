package io.github.flinkpack.arrays.aggregates;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.types.logical.IntType;
import org.junit.jupiter.api.Test;

/** The bounded history of the ordered aggregates, on heap state. */
class OrderedAggregateStateTest {

    @Test
    void latestByTimeKeepsABoundedHistoryOfTheLatestTimes() throws Exception {
        OrderedAggregate latest = new LatestByTime().specialize(new IntType());
        OrderedAggregate.Accumulator acc = latest.createAccumulator();
        int rows = 10 * OrderedAggregate.HISTORY;
        for (int i = 0; i < rows; i++) {
            ((ByTimeAggregate) latest).accumulate(acc, i, (long) i);
            assertThat(acc.size).isLessThan(2L * (1 + OrderedAggregate.HISTORY));
        }
        assertThat(latest.getValue(acc)).isEqualTo(rows - 1);

        // the latest HISTORY values can still be retracted one by one
        for (int i = rows - 1; i > rows - OrderedAggregate.HISTORY; i--) {
            ((ByTimeAggregate) latest).retract(acc, i, (long) i);
            assertThat(latest.getValue(acc)).isEqualTo(i - 1);
        }
        // a value dropped from the history is not there to retract: nothing changes
        ((ByTimeAggregate) latest).retract(acc, 0, 0L);
        assertThat(latest.getValue(acc)).isEqualTo(rows - OrderedAggregate.HISTORY);
    }

    @Test
    void arrayAggOrderedWithALimitIsBoundedAndWithoutOneKeepsAll() throws Exception {
        ArrayAggOrdered bounded = (ArrayAggOrdered) new ArrayAggOrdered().specialize(new IntType());
        OrderedAggregate.Accumulator limited = bounded.createAccumulator();
        OrderedAggregate.Accumulator all = bounded.createAccumulator();
        int rows = 5 * OrderedAggregate.HISTORY;
        for (int i = rows; i > 0; i--) {
            bounded.accumulate(limited, i, (long) i, 3, "ASC");
            bounded.accumulate(all, i, (long) i);
        }
        assertThat(limited.size).isLessThan(2L * (3 + OrderedAggregate.HISTORY));
        assertThat(all.size).isEqualTo(rows);
        ArrayData smallest = (ArrayData) bounded.getValue(limited);
        assertThat(new int[] {smallest.getInt(0), smallest.getInt(1), smallest.getInt(2)})
                .containsExactly(1, 2, 3);
        assertThat(((ArrayData) bounded.getValue(all)).size()).isEqualTo(rows);
    }
}
