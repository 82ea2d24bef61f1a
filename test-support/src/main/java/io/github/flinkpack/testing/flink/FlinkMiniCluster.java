package io.github.flinkpack.testing.flink;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

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

    /** Streaming, no restarts: a failure fails the job at once with its cause. */
    public static TableEnvironment streamingNoRestart() {
        TableEnvironment env = streaming();
        env.getConfig().set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return env;
    }
}
