package io.github.flinkpack.arrays;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;

/** A batch environment with the array module first, and the first row of a query as a list. */
final class PackSql {

    private PackSql() {}

    static TableEnvironment batchWithModule() {
        TableEnvironment env = FlinkMiniCluster.batch();
        env.executeSql("LOAD MODULE flinkpack_arrays");
        env.executeSql("USE MODULES flinkpack_arrays, core");
        return env;
    }

    static List<Object> firstRow(TableEnvironment env, String query) {
        Row row = FlinkMiniCluster.collect(env, query).get(0);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < row.getArity(); i++) {
            values.add(row.getField(i));
        }
        return values;
    }
}
