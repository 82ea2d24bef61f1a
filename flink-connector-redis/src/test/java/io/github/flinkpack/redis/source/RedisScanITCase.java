package io.github.flinkpack.redis.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.metrics.CapturingMetricReporter;
import io.github.flinkpack.testing.redis.RedisCluster;
import io.github.flinkpack.testing.redis.RedisExtension;
import io.github.flinkpack.testing.redis.RedisServer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** {@code SELECT * FROM redis_table}: every key under the prefix comes back once, typed. */
class RedisScanITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            FlinkMiniCluster.extension(CapturingMetricReporter.configure(new Configuration()));

    @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

    @BeforeEach
    void setUp() {
        REDIS.flush();
    }

    private static String redis(String connection, String... options) {
        StringBuilder with = new StringBuilder("'connector' = 'redis', " + connection);
        for (String option : options) {
            with.append(", ").append(option);
        }
        return with.toString();
    }

    private static List<String> rows(TableEnvironment env, String query) {
        return FlinkMiniCluster.collect(env, query).stream()
                .map(Row::toString)
                .sorted()
                .collect(Collectors.toList());
    }

    @Test
    void everyShapeReadsBackWhatTheSinkWrote() throws Exception {
        String url = "'url' = '" + REDIS.url() + "'";
        TableEnvironment env = FlinkMiniCluster.batch();
        env.executeSql(
                "CREATE TABLE users (region STRING, id INT, name STRING, score DECIMAL(6, 2),"
                        + " PRIMARY KEY (region, id) NOT ENFORCED) WITH ("
                        + redis(url, "'key.prefix' = 'u:'", "'value.format' = 'json'")
                        + ")");
        env.executeSql(
                "CREATE TABLE profiles (id BIGINT, name STRING, born DATE, PRIMARY KEY (id) NOT"
                        + " ENFORCED) WITH ("
                        + redis(url, "'command' = 'HSET'", "'key.prefix' = 'p:'")
                        + ")");
        env.executeSql(
                "CREATE TABLE plays (id BIGINT, game STRING, n BIGINT, PRIMARY KEY (id) NOT"
                        + " ENFORCED) WITH ("
                        + redis(
                                url,
                                "'command' = 'HINCR'",
                                "'hash.field' = 'game'",
                                "'key.prefix' = 'g:'")
                        + ")");
        // No prefix: the INCR writer's replay-guard keys share the keyspace and are left out.
        env.executeSql(
                "CREATE TABLE totals (d DATE, total BIGINT, PRIMARY KEY (d) NOT ENFORCED)"
                        + " WITH ("
                        + redis(url, "'command' = 'INCR'")
                        + ")");
        env.createStatementSet()
                .addInsertSql(
                        "INSERT INTO users VALUES ('kr', 1, 'kim', 1.5), ('kr', 2, 'lee', CAST(NULL AS DECIMAL(6, 2))),"
                                + " ('us', 1, 'doe', 99.99)")
                .addInsertSql(
                        "INSERT INTO profiles VALUES (7, 'kim', DATE '1990-01-02'), (8, 'lee',"
                                + " CAST(NULL AS DATE))")
                .addInsertSql(
                        "INSERT INTO plays VALUES (7, 'go', 1), (7, 'go', 1), (7, 'chess', 1), (8,"
                                + " 'go', 5)")
                .addInsertSql(
                        "INSERT INTO totals VALUES (DATE '2024-01-01', 3), (DATE '2024-01-01', 4),"
                                + " (DATE '2024-01-02', 1)")
                .execute()
                .await();
        try (Jedis redis = REDIS.newClient()) {
            assertThat(redis.keys("flinkpack:batch:*")).as("replay-guard keys").isNotEmpty();
        }

        assertThat(rows(env, "SELECT * FROM users"))
                .containsExactly(
                        "+I[kr, 1, kim, 1.50]", "+I[kr, 2, lee, null]", "+I[us, 1, doe, 99.99]");
        assertThat(rows(env, "SELECT * FROM profiles"))
                .containsExactly("+I[7, kim, 1990-01-02]", "+I[8, lee, null]");
        assertThat(rows(env, "SELECT * FROM plays"))
                .containsExactly("+I[7, chess, 1]", "+I[7, go, 2]", "+I[8, go, 5]");
        // users/profiles/plays keys are under the empty prefix too: totals must refuse them.
        assertThatThrownBy(() -> rows(env, "SELECT * FROM totals"))
                .hasStackTraceContaining(
                        "Redis table 'default_catalog.default_database.totals' (scan): key '")
                .hasStackTraceContaining("set 'scan.on-error' = 'skip'");

        CapturingMetricReporter.clear();
        env.executeSql(
                "CREATE TABLE totals_lenient (d DATE, total BIGINT, PRIMARY KEY (d) NOT"
                        + " ENFORCED) WITH ("
                        + redis(url, "'command' = 'INCR'", "'scan.on-error' = 'skip'")
                        + ")");
        assertThat(rows(env, "SELECT * FROM totals_lenient"))
                .containsExactly("+I[2024-01-01, 7]", "+I[2024-01-02, 1]");
        // 3 users (JSON, not dates), 2 profile hashes, 2 play hashes.
        assertThat(CapturingMetricReporter.counterSum("numKeysSkipped", "totals_lenient"))
                .isEqualTo(7);
    }

    @Test
    void clusterEveryKeyOnceAcrossMastersInStreamingMode() throws Exception {
        int keys = 5000;
        try (RedisCluster cluster = RedisCluster.start(3)) {
            String connection =
                    "'mode' = 'cluster', 'cluster.nodes' = '" + cluster.nodesOption() + "'";
            TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
            env.executeSql(
                    "CREATE TEMPORARY TABLE numbers (n BIGINT) WITH ('connector' = 'datagen',"
                            + " 'fields.n.kind' = 'sequence', 'fields.n.start' = '1',"
                            + " 'fields.n.end' = '"
                            + keys
                            + "', 'rows-per-second' = '1000000000')");
            env.executeSql(
                    "CREATE TABLE kv (n BIGINT, ts TIMESTAMP(3), flag BOOLEAN, PRIMARY KEY (n) NOT"
                            + " ENFORCED) WITH ("
                            + redis(
                                    connection,
                                    "'key.prefix' = 'scan:{x}'",
                                    "'value.format' = 'json'",
                                    "'scan.count' = '100'")
                            + ")");
            env.executeSql(
                            "INSERT INTO kv SELECT n, TIMESTAMPADD(SECOND, CAST(n AS INT),"
                                    + " TIMESTAMP '2024-01-01 00:00:00'), MOD(n, 2) = 0 FROM numbers")
                    .await();
            // Another table's keys outside the prefix are not read.
            try (var client = cluster.newClient()) {
                client.set("other:1", "x");
            }
            env.getConfig().set("parallelism.default", "2");
            List<Row> rows = FlinkMiniCluster.collect(env, "SELECT * FROM kv");
            assertThat(rows).hasSize(keys);
            Set<Long> seen = new HashSet<>();
            for (Row row : rows) {
                long n = (Long) row.getField(0);
                assertThat(seen.add(n)).as("key %s read once", n).isTrue();
                assertThat(row.getField(1).toString())
                        .isEqualTo(
                                java.time.LocalDateTime.of(2024, 1, 1, 0, 0)
                                        .plusSeconds(n)
                                        .toString());
                assertThat(row.getField(2)).isEqualTo(n % 2 == 0);
            }
            assertThat(seen).hasSize(keys);
        }
    }

    @Test
    void keysOnEveryMasterWithoutAHashTag() throws Exception {
        try (RedisCluster cluster = RedisCluster.start(3)) {
            String connection =
                    "'mode' = 'cluster', 'cluster.nodes' = '" + cluster.nodesOption() + "'";
            try (var client = cluster.newClient()) {
                for (int i = 0; i < 3000; i++) {
                    client.set("item:" + i, String.valueOf(i * 2));
                }
            }
            for (RedisServer master : cluster.masters()) {
                try (Jedis node = master.newClient()) {
                    assertThat(node.dbSize()).as("keys on %s", master).isPositive();
                }
            }
            TableEnvironment env = FlinkMiniCluster.batch();
            env.executeSql(
                    "CREATE TABLE items (id INT, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH ("
                            + redis(connection, "'key.prefix' = 'item:'")
                            + ")");
            assertThat(
                            FlinkMiniCluster.collect(
                                    env,
                                    "SELECT COUNT(*), COUNT(DISTINCT id), SUM(v - 2 * id) FROM items"))
                    .containsExactly(Row.of(3000L, 3000L, 0));
        }
    }
}
