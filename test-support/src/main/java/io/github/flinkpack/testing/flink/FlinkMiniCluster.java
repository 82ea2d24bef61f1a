package io.github.flinkpack.testing.flink;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/** The MiniCluster every integration test runs on, and table environments on it. */
public final class FlinkMiniCluster {

    public static final int TASK_MANAGERS = 2;
    public static final int SLOTS_PER_TASK_MANAGER = 2;

    private FlinkMiniCluster() {}

    /** 2 task managers x 2 slots; register as a static {@code @RegisterExtension} field. */
    public static MiniClusterExtension extension() {
        return extension(new Configuration());
    }

    public static MiniClusterExtension extension(Configuration configuration) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setConfiguration(configuration)
                        .setNumberTaskManagers(TASK_MANAGERS)
                        .setNumberSlotsPerTaskManager(SLOTS_PER_TASK_MANAGER)
                        .build());
    }

    public static TableEnvironment streaming() {
        return TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    }

    public static TableEnvironment batch() {
        return TableEnvironment.create(EnvironmentSettings.inBatchMode());
    }

    /** Every row the query returns (with its row kind), collected to the end of its input. */
    public static List<Row> collect(TableEnvironment env, String query) {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = env.executeSql(query).collect()) {
            it.forEachRemaining(rows::add);
        } catch (Exception e) {
            throw new IllegalStateException("Query failed: " + query, e);
        }
        return rows;
    }

    /** Streaming, no restarts: a failure fails the job at once with its cause. */
    public static TableEnvironment streamingNoRestart() {
        TableEnvironment env = streaming();
        env.getConfig().set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return env;
    }
}
