package io.github.flinkpack.json;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;

/** A batch environment with the JSON module loaded, and query results as plain lists. */
final class JsonSql {

    private JsonSql() {}

    static TableEnvironment batchWithModule() {
        TableEnvironment env = FlinkMiniCluster.batch();
        env.executeSql("LOAD MODULE flinkpack_json");
        return env;
    }

    static List<Row> rows(TableEnvironment env, String query) {
        return FlinkMiniCluster.collect(env, query);
    }

    static List<Object> fields(Row row) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < row.getArity(); i++) {
            values.add(row.getField(i));
        }
        return values;
    }
}
