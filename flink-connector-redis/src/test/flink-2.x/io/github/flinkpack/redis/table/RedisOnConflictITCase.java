package io.github.flinkpack.redis.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.redis.RedisExtension;
import io.github.flinkpack.testing.scenarios.ConflictingLogins;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

/**
 * Flink 2.3 requires {@code ON CONFLICT} when a query's upsert key differs from the sink's PRIMARY
 * KEY ({@code table.exec.sink.require-on-conflict}, default true on 2.3 only). Here the upsert key
 * is (user_id, device) and the Redis key is user_id: two groups write one Redis key.
 */
class RedisOnConflictITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

    private TableEnvironment env;

    @BeforeEach
    void setUp() {
        REDIS.flush();
        env = ConflictingLogins.streaming();
    }

    private void sink(String command) {
        String columns =
                command.startsWith("H")
                        ? "user_id STRING, device STRING, n BIGINT, PRIMARY KEY (user_id) NOT ENFORCED"
                        : "user_id STRING, n BIGINT, PRIMARY KEY (user_id) NOT ENFORCED";
        env.executeSql(
                "CREATE TABLE logins_per_user ("
                        + columns
                        + ") WITH ('connector' = 'redis', 'url' = '"
                        + REDIS.url()
                        + "', 'command' = '"
                        + command
                        + "'"
                        + (command.startsWith("H") ? ", 'hash.field' = 'device'" : "")
                        + ", 'key.prefix' = 'logins:')");
    }

    private String insert(String command, String clause) {
        String select =
                command.startsWith("H")
                        ? "SELECT user_id, device, COUNT(*) FROM logins GROUP BY user_id, device"
                        : "SELECT user_id, COUNT(*) FROM logins GROUP BY user_id, device";
        return "INSERT INTO logins_per_user " + select + clause;
    }

    private String read(String user, String command) {
        try (Jedis redis = REDIS.newClient()) {
            return command.startsWith("H")
                    ? String.valueOf(redis.hgetAll("logins:" + user))
                    : redis.get("logins:" + user);
        }
    }

    private void run(String command, String clause) throws Exception {
        env.executeSql(insert(command, clause)).await();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET", "HSET"})
    void upsertCommandsNeedTheClause(String command) {
        sink(command);
        assertThatThrownBy(() -> env.explainSql(insert(command, "")))
                .hasStackTraceContaining("Please specify an ON CONFLICT clause");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET", "HSET"})
    void doErrorFailsTheJobOnTheConflict(String command) {
        sink(command);
        assertThatThrownBy(() -> run(command, " ON CONFLICT DO ERROR"))
                .hasStackTraceContaining("Primary key constraint violation")
                .hasStackTraceContaining("user_id=u1");
    }

    @Test
    void setWithDeduplicateKeepsTheLatestRowAndWithNothingTheFirstGroup() throws Exception {
        sink("SET");
        run("SET", " ON CONFLICT DO DEDUPLICATE");
        assertThat(read("u1", "SET")).as("the laptop group's row came last").isEqualTo("1");
        assertThat(read("u2", "SET")).isEqualTo("1");

        REDIS.flush();
        run("SET", " ON CONFLICT DO NOTHING");
        assertThat(read("u1", "SET")).as("the phone group claimed u1 first").isEqualTo("2");
    }

    @Test
    void hsetFieldsWithDeduplicateKeepEveryFieldAndWithNothingOnlyTheFirst() throws Exception {
        sink("HSET");
        run("HSET", " ON CONFLICT DO DEDUPLICATE");
        assertThat(read("u1", "HSET")).isEqualTo("{laptop=1, phone=2}");

        REDIS.flush();
        run("HSET", " ON CONFLICT DO NOTHING");
        assertThat(read("u1", "HSET"))
                .as("DO NOTHING drops the laptop field: use DO DEDUPLICATE")
                .isEqualTo("{phone=2}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"INCR", "HINCR"})
    void countersNeedNoClauseAndSumTheGroupsWhileFlinkRefusesOne(String command) throws Exception {
        sink(command);
        run(command, "");
        assertThat(read("u1", command))
                .isEqualTo(command.equals("INCR") ? "3" : "{laptop=1, phone=2}");
        assertThatThrownBy(() -> env.explainSql(insert(command, " ON CONFLICT DO DEDUPLICATE")))
                .hasStackTraceContaining("ON CONFLICT clause is only allowed for upsert sinks");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET", "HSET"})
    void withoutTheMaterializerNoClauseIsNeeded(String command) throws Exception {
        sink(command);
        env.getConfig().set("table.exec.sink.upsert-materialize", "NONE");
        run(command, "");
        assertThat(read("u1", command))
                .isEqualTo(command.equals("SET") ? "1" : "{laptop=1, phone=2}");
    }
}
