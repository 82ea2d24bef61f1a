package io.github.flinkpack.finalrows;

import org.apache.flink.table.api.TableEnvironment;

/**
 * Flink 1.19 has no ARRAY_AGG: the pack's ARRAY_AGG_ORDERED with one constant order key is the same
 * aggregate (values in arrival order, NULLs kept, retract-aware).
 */
final class ArrayAgg {

    private ArrayAgg() {}

    static String of(String column) {
        return "PACK_ARRAY_AGG(" + column + ", 0)";
    }

    static void register(TableEnvironment env) {
        env.executeSql(
                "CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS PACK_ARRAY_AGG AS"
                        + " 'io.github.flinkpack.arrays.aggregates.ArrayAggOrdered'");
    }
}
