package io.github.flinkpack.testing.scenarios;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import org.apache.flink.table.api.TableEnvironment;

/**
 * Input whose {@code GROUP BY user_id, device} has an upsert key other than a sink keyed by
 * user_id: u1 logs in twice from the phone, then once from the laptop; u2 once from the phone.
 */
public final class ConflictingLogins {

    private ConflictingLogins() {}

    /** A streaming environment at parallelism 1, no restarts, with the view {@code logins}. */
    public static TableEnvironment streaming() {
        TableEnvironment env = FlinkMiniCluster.streaming();
        env.getConfig().set("parallelism.default", "1");
        env.getConfig().set("restart-strategy.type", "none");
        env.executeSql(
                "CREATE TEMPORARY VIEW logins (user_id, device) AS VALUES ('u1', 'phone'),"
                        + " ('u1', 'phone'), ('u1', 'laptop'), ('u2', 'phone')");
        return env;
    }
}
