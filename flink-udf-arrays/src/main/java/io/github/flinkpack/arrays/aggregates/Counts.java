package io.github.flinkpack.arrays.aggregates;

import java.util.Map;
import org.apache.flink.table.api.dataview.MapView;

/** Counts per value in a state-backed map: a value whose count reaches zero is removed. */
final class Counts {

    private Counts() {}

    static void add(MapView<Object, Long> counts, Object value, long delta) throws Exception {
        Long count = counts.get(value);
        long updated = (count == null ? 0 : count) + delta;
        if (updated <= 0) {
            counts.remove(value);
        } else {
            counts.put(value, updated);
        }
    }

    static void addAll(MapView<Object, Long> counts, MapView<Object, Long> other) throws Exception {
        for (Map.Entry<Object, Long> entry : other.entries()) {
            add(counts, entry.getKey(), entry.getValue());
        }
    }
}
