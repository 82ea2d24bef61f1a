package io.github.flinkpack.redis.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.logging.LogCapture;
import io.github.flinkpack.testing.metrics.CapturingMetricReporter;
import io.github.flinkpack.testing.redis.FreePorts;
import io.github.flinkpack.testing.redis.RedisServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Redis down, briefly or for good; a wrong password; a value that does not read as its column: each
 * ends with the job running on or failing with a message that names the table, and the password is
 * never shown.
 */
class RedisLookupFailureITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            FlinkMiniCluster.extension(CapturingMetricReporter.configure(new Configuration()));

    private static final String TABLE = "Redis table 'default_catalog.default_database.dim'";

    private static TableEnvironment env(String url, String... options) {
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        StringBuilder ddl =
                new StringBuilder(
                        "CREATE TABLE dim (id STRING, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH"
                                + " ('connector' = 'redis', 'url' = '"
                                + url
                                + "'");
        for (String option : options) {
            ddl.append(", ").append(option);
        }
        env.executeSql(ddl.append(")").toString());
        return env;
    }

    private static void probes(TableEnvironment env, long rows, long perSecond) {
        env.executeSql(
                "CREATE TEMPORARY TABLE numbers (n BIGINT) WITH ('connector' = 'datagen',"
                        + " 'fields.n.kind' = 'sequence', 'fields.n.start' = '1', 'fields.n.end' = '"
                        + rows
                        + "', 'rows-per-second' = '"
                        + perSecond
                        + "')");
        env.executeSql(
                "CREATE TEMPORARY VIEW probes AS SELECT n, CAST(MOD(n, 3) AS STRING) AS id,"
                        + " PROCTIME() AS proc FROM numbers");
    }

    private static final String JOIN =
            "SELECT p.n, d.v FROM probes AS p LEFT JOIN dim FOR SYSTEM_TIME AS OF p.proc AS d"
                    + " ON p.id = d.id";

    @Test
    void aShortOutageIsRiddenOutByRetries() throws Exception {
        try (RedisServer server = RedisServer.builder().name("blip").appendOnly().start()) {
            try (Jedis redis = server.newClient()) {
                redis.set("0", "0");
                redis.set("1", "10");
                redis.set("2", "20");
            }
            TableEnvironment env =
                    env(
                            server.url(),
                            "'lookup.max-retries' = '6'",
                            "'lookup.retry.backoff' = '200 ms'");
            probes(env, 200, 50);
            List<Row> rows = new ArrayList<>();
            try (CloseableIterator<Row> it = env.executeSql(JOIN).collect()) {
                for (int i = 0; i < 20; i++) {
                    rows.add(it.next());
                }
                server.kill();
                Thread.sleep(500);
                server.restart();
                it.forEachRemaining(rows::add);
            }
            assertThat(rows).hasSize(200);
            for (Row row : rows) {
                long n = (Long) row.getField(0);
                assertThat(row.getField(1)).isEqualTo((int) (n % 3) * 10);
            }
            assertThat(CapturingMetricReporter.counterSum("numLookupErrors", "LookupJoin"))
                    .as("failed round trips that were retried")
                    .isPositive();
        }
    }

    @Test
    void redisGoneForGoodFailsTheJobAfterItsRetriesNamingTheTable() throws Exception {
        RedisServer server = RedisServer.builder().name("gone").start();
        TableEnvironment env =
                env(server.url(), "'lookup.max-retries' = '2'", "'lookup.retry.backoff' = '50 ms'");
        probes(env, 1_000_000, 100);
        Throwable failure = null;
        try (CloseableIterator<Row> it = env.executeSql(JOIN).collect()) {
            it.next();
            server.close();
            while (it.hasNext()) {
                it.next();
            }
        } catch (Throwable t) {
            failure = t;
        }
        assertThat(failure).as("the job failed").isNotNull();
        assertThat(stackTrace(failure))
                .contains(TABLE + ": lookup of")
                .contains("failed after 2 retries")
                .contains("redis://127.0.0.1:" + server.port());
    }

    @Test
    void redisDownAtTheStartIsNamed() {
        int port = FreePorts.any();
        TableEnvironment env = env("redis://127.0.0.1:" + port);
        probes(env, 10, 100);
        Throwable failure = catchFailure(() -> FlinkMiniCluster.collect(env, JOIN));
        assertThat(stackTrace(failure))
                .contains(TABLE + " (lookup): Cannot reach redis://127.0.0.1:" + port)
                .contains("Check 'url'");
    }

    @Test
    void aWrongPasswordIsExplainedWithoutShowingIt() throws Exception {
        String password = "Lookup-Pw-7777-secret";
        String wrong = "Lookup-Wrong-8888-secret";
        try (RedisServer server =
                        RedisServer.builder()
                                .name("acl-lookup")
                                .aclUser("reader", password)
                                .start();
                LogCapture logs = LogCapture.start()) {
            try (Jedis admin = server.newClient()) {
                admin.set("1", "10");
            }
            TableEnvironment good =
                    env(server.url(), "'username' = 'reader'", "'password' = '" + password + "'");
            probes(good, 3, 100);
            assertThat(FlinkMiniCluster.collect(good, JOIN)).contains(Row.of(1L, 10));

            TableEnvironment bad =
                    env(server.url(), "'username' = 'reader'", "'password' = '" + wrong + "'");
            probes(bad, 3, 100);
            String failure = stackTrace(catchFailure(() -> FlinkMiniCluster.collect(bad, JOIN)));
            assertThat(failure).contains(TABLE + " (lookup): Cannot reach").contains("WRONGPASS");
            for (String secret : List.of(password, wrong)) {
                assertThat(failure).doesNotContain(secret);
                assertThat(logs.text()).doesNotContain(secret);
            }
            assertThat(logs.text()).contains("Redis lookup for table");
        }
    }

    @Test
    void anUnreadableValueFailsNamingKeyColumnAndValueOrIsNullAndCounted() throws Exception {
        try (RedisServer server = RedisServer.builder().name("parse").start()) {
            try (Jedis redis = server.newClient()) {
                redis.set("0", "0");
                redis.set("1", "not-a-number");
                redis.set("2", "20");
            }
            TableEnvironment strict = env(server.url());
            probes(strict, 3, 100);
            assertThat(stackTrace(catchFailure(() -> FlinkMiniCluster.collect(strict, JOIN))))
                    .contains(
                            TABLE
                                    + ": key '1', column 'v': 'not-a-number' is not a number of"
                                    + " type INT")
                    .contains("set 'lookup.on-parse-error' = 'null'");

            CapturingMetricReporter.clear();
            TableEnvironment lenient = env(server.url(), "'lookup.on-parse-error' = 'null'");
            probes(lenient, 3, 100);
            assertThat(FlinkMiniCluster.collect(lenient, JOIN))
                    .containsExactlyInAnyOrder(Row.of(1L, null), Row.of(2L, 20), Row.of(3L, 0));
            assertThat(CapturingMetricReporter.counterSum("numParseErrors", "LookupJoin"))
                    .isEqualTo(1);
        }
    }

    private static Throwable catchFailure(Runnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected the job to fail");
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
