package io.github.flinkpack.finalrows;

import org.apache.flink.table.api.TableEnvironment;

/** The seed queries' ARRAY_AGG, built into Flink since 1.20. */
final class ArrayAgg {

    private ArrayAgg() {}

    static String of(String column) {
        return "ARRAY_AGG(" + column + ")";
    }

    static void register(TableEnvironment env) {}
}
