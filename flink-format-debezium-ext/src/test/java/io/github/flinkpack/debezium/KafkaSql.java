package io.github.flinkpack.debezium;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.kafka.KafkaBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

/** Bounded Kafka tables over a test broker, and query results as lists. */
final class KafkaSql {

    private final KafkaBroker kafka;

    KafkaSql(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    /** A one-partition topic holding {@code events}, in order. */
    String topic(String name, List<String> events) {
        kafka.createTopic(name, 1);
        kafka.produce(name, events.toArray(new String[0]));
        return name;
    }

    /** DDL of a Kafka table read from the start to the current end of {@code topic}. */
    String table(String name, String columns, String topic, String options) {
        return "CREATE TABLE "
                + name
                + " ("
                + columns
                + ") WITH ('connector' = 'kafka', 'topic' = '"
                + topic
                + "', 'properties.bootstrap.servers' = '"
                + kafka.bootstrapServers()
                + "', 'properties.group.id' = '"
                + name
                + "', 'scan.startup.mode' = 'earliest-offset',"
                + " 'scan.bounded.mode' = 'latest-offset'"
                + options
                + ")";
    }

    /** The table options for our format as the value format, plus {@code extra}. */
    static String ext(String extra) {
        return ", 'value.format' = 'debezium-json-ext'" + extra;
    }

    static List<Row> rows(TableEnvironment env, String query) {
        return FlinkMiniCluster.collect(env, query);
    }

    /** The changelog applied: the final row per key (the first column), the rest as text. */
    static Map<Object, String> finalState(List<Row> changelog) {
        Map<Object, String> state = new TreeMap<>();
        for (Row row : changelog) {
            List<Object> values = new ArrayList<>();
            for (int i = 1; i < row.getArity(); i++) {
                values.add(row.getField(i));
            }
            if (row.getKind() == RowKind.INSERT || row.getKind() == RowKind.UPDATE_AFTER) {
                state.put(row.getField(0), values.toString());
            } else {
                state.remove(row.getField(0));
            }
        }
        return state;
    }

    static List<String> strings(List<Row> rows) {
        return rows.stream().map(Row::toString).collect(Collectors.toList());
    }
}
