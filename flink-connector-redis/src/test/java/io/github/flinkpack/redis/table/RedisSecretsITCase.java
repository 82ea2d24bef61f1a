package io.github.flinkpack.redis.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.RedisMode;
import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.logging.LogCapture;
import io.github.flinkpack.testing.redis.RedisServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** Passwords never reach logs (at DEBUG), exception text or toString(). */
class RedisSecretsITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final String PASSWORD = "Pw-9f3K-never-printed";
    private static final String WRONG_PASSWORD = "Pw-wrong-also-secret";

    @Test
    void passwordsStayOutOfLogsAndErrors() throws Exception {
        try (RedisServer server =
                        RedisServer.builder().name("secret").aclUser("app", PASSWORD).start();
                LogCapture logs = LogCapture.start()) {
            TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
            env.executeSql(
                    "CREATE TABLE ok (k STRING, v STRING) WITH ('connector' = 'redis',"
                            + " 'key.fields' = 'k', 'url' = '"
                            + server.url()
                            + "',"
                            + " 'username' = 'app', 'password' = '"
                            + PASSWORD
                            + "')");
            env.executeSql(
                    "CREATE TABLE denied (k STRING, v STRING) WITH ('connector' = 'redis',"
                            + " 'key.fields' = 'k', 'url' = '"
                            + server.url()
                            + "',"
                            + " 'username' = 'app', 'password' = '"
                            + WRONG_PASSWORD
                            + "')");

            env.executeSql("INSERT INTO ok VALUES ('written', 'yes')").await();
            Throwable failure =
                    catchFailure(
                            () -> env.executeSql("INSERT INTO denied VALUES ('a', 'b')").await());

            try (Jedis redis = server.newClient()) {
                assertThat(redis.get("written")).isEqualTo("yes");
            }
            String failureText = stackTrace(failure);
            assertThat(failureText)
                    .contains("Cannot reach redis://127.0.0.1:" + server.port())
                    .contains("WRONGPASS");
            List<String> lines = logs.lines();
            assertThat(lines).as("the job was logged at DEBUG").hasSizeGreaterThan(50);
            assertThat(logs.text()).contains("Redis sink for table");
            for (String secret : List.of(PASSWORD, WRONG_PASSWORD)) {
                assertThat(failureText).doesNotContain(secret);
                assertThat(logs.text()).doesNotContain(secret);
            }
        }
    }

    @Test
    void configToStringMasksThePassword() {
        RedisConnectionConfig config =
                new RedisConnectionConfig(
                        RedisMode.STANDALONE,
                        List.of("h:1"),
                        0,
                        null,
                        "u",
                        PASSWORD,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        true,
                        "/trust.p12",
                        WRONG_PASSWORD,
                        true);
        assertThat(config.toString())
                .contains("password=******")
                .doesNotContain(PASSWORD)
                .doesNotContain(WRONG_PASSWORD);
    }

    private static Throwable catchFailure(ThrowingRunnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected the job to fail");
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
