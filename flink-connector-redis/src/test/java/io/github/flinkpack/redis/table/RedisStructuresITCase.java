package io.github.flinkpack.redis.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.redis.RedisCluster;
import io.github.flinkpack.testing.redis.RedisExtension;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.Tuple;

/**
 * SADD, ZADD, ZINCRBY, LPUSH, RPUSH, PFADD, XADD and PUBLISH from SQL, standalone and Cluster, with
 * both delivery guarantees: membership and scores follow a changelog (a retraction removes the
 * member or takes back its score), the appending commands take append-only queries and refuse
 * updating ones at planning.
 */
class RedisStructuresITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

    /** Room membership as a CDC-like stream: a user joins and leaves, and may join again. */
    private static final String[][] MEMBERSHIP = {
        {"r1", "ann", "join"},
        {"r1", "bob", "join"},
        {"r2", "ann", "join"},
        {"r1", "ann", "leave"},
        {"r2", "cid", "join"},
        {"r1", "dan", "join"},
        {"r2", "cid", "leave"},
        {"r1", "ann", "join"},
        {"r1", "bob", "leave"},
        {"r3", "eve", "join"},
        {"r3", "eve", "leave"}
    };

    /** Points per (board, player); some negative, so totals also fall. */
    private static final Object[][] POINTS = {
        {"b1", "ann", 10}, {"b1", "bob", 5}, {"b1", "ann", -4}, {"b2", "ann", 7},
        {"b1", "cid", 3}, {"b1", "bob", 12}, {"b1", "cid", -3}, {"b2", "dan", 1},
        {"b2", "ann", 2}, {"b1", "ann", 1}
    };

    @BeforeEach
    void setUp() {
        REDIS.flush();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"at-least-once", "exactly-once"})
    void everyCommandStandalone(String guarantee) throws Exception {
        String connection = "'url' = '" + REDIS.url() + "'";
        try (UnifiedJedis redis = new UnifiedJedis(URI.create(REDIS.url()))) {
            List<String> published =
                    subscribe(
                            REDIS.newClient(),
                            () -> {
                                writeEveryCommand(connection, guarantee);
                            });
            assertEveryCommand(redis, published);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"at-least-once", "exactly-once"})
    void everyCommandOnACluster(String guarantee) throws Exception {
        try (RedisCluster cluster = RedisCluster.start(3);
                UnifiedJedis redis = cluster.newClient()) {
            String connection =
                    "'mode' = 'cluster', 'cluster.nodes' = '" + cluster.nodesOption() + "'";
            List<String> published =
                    subscribe(
                            cluster.masters().get(2).newClient(),
                            () -> writeEveryCommand(connection, guarantee));
            assertEveryCommand(redis, published);
        }
    }

    @Test
    void anUpdatingQueryIntoAnAppendingCommandIsRefusedAtPlanningWithTheReason() {
        TableEnvironment env = FlinkMiniCluster.streaming();
        createSources(env);
        for (String command : List.of("LPUSH", "RPUSH", "PFADD", "XADD", "PUBLISH")) {
            env.executeSql(
                    "CREATE TABLE sink_"
                            + command
                            + " (board STRING, total INT) WITH ('connector' ="
                            + " 'redis', 'url' = '"
                            + REDIS.url()
                            + "', 'command' = '"
                            + command
                            + "', 'key.fields' = 'board')");
            assertThatThrownBy(
                            () ->
                                    env.explainSql(
                                            "INSERT INTO sink_"
                                                    + command
                                                    + " SELECT board, SUM(points) FROM points"
                                                    + " GROUP BY board"))
                    .as(command)
                    .hasStackTraceContaining("'command' = '" + command + "' only appends")
                    .hasStackTraceContaining("use SADD / ZADD / ZINCRBY");
        }
    }

    @Test
    void optionsOfOtherCommandsAndMissingScoresAreRefused() {
        TableEnvironment env = FlinkMiniCluster.streaming();
        createSources(env);
        String url = "'connector' = 'redis', 'url' = '" + REDIS.url() + "'";
        env.executeSql(
                "CREATE TABLE no_score (board STRING, player STRING) WITH ("
                        + url
                        + ", 'command' = 'ZADD', 'key.fields' = 'board')");
        assertThatThrownBy(
                        () ->
                                env.explainSql(
                                        "INSERT INTO no_score SELECT board, player FROM points"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("'command' = 'ZADD' needs 'zset.score'");
        env.executeSql(
                "CREATE TABLE trimmed_set (board STRING, player STRING) WITH ("
                        + url
                        + ", 'command' = 'SADD', 'key.fields' = 'board', 'list.max-length' = '5')");
        assertThatThrownBy(
                        () ->
                                env.explainSql(
                                        "INSERT INTO trimmed_set SELECT board, player FROM points"))
                .hasStackTraceContaining(
                        "'list.max-length' only applies to [LPUSH, RPUSH], not SADD");
        env.executeSql(
                "CREATE TABLE text_score (board STRING, player STRING, s STRING) WITH ("
                        + url
                        + ", 'command' = 'ZADD', 'key.fields' = 'board', 'zset.score' = 's')");
        assertThatThrownBy(
                        () ->
                                env.explainSql(
                                        "INSERT INTO text_score SELECT board, player, 'x' FROM points"))
                .hasStackTraceContaining("'zset.score' = 's' is STRING");
        env.executeSql(
                "CREATE TABLE null_deletes (board STRING, player STRING) WITH ("
                        + url
                        + ", 'command' = 'SADD', 'key.fields' = 'board', 'sink.null-value' ="
                        + " 'delete')");
        assertThatThrownBy(
                        () ->
                                env.explainSql(
                                        "INSERT INTO null_deletes SELECT board, player FROM points"))
                .hasStackTraceContaining("'sink.null-value' = 'delete' would delete the whole key");
        env.executeSql(
                "CREATE TABLE rooms (room STRING, user_ STRING) WITH ("
                        + url
                        + ", 'command' = 'SADD', 'key.fields' = 'room')");
        assertThatThrownBy(() -> env.explainSql("SELECT * FROM rooms"))
                .hasStackTraceContaining("'command' = 'SADD' tables are written only");
    }

    private static void createSources(TableEnvironment env) {
        env.executeSql(
                "CREATE TEMPORARY VIEW membership AS SELECT CAST(room AS STRING) AS room,"
                        + " CAST(user_ AS STRING) AS user_, CAST(action AS STRING) AS action"
                        + " FROM (VALUES "
                        + rows(MEMBERSHIP)
                        + ") AS t(room, user_, action)");
        StringBuilder sequence = new StringBuilder();
        for (int n = 1; n <= 20; n++) {
            sequence.append(n == 1 ? "" : ", ").append("(").append(n).append(")");
        }
        env.executeSql(
                "CREATE TEMPORARY VIEW ordered AS SELECT CAST(n AS BIGINT) AS n FROM (VALUES "
                        + sequence
                        + ") AS t(n)");
        env.executeSql(
                "CREATE TEMPORARY VIEW points AS SELECT CAST(board AS STRING) AS board,"
                        + " CAST(player AS STRING) AS player, points FROM (VALUES "
                        + rows(POINTS)
                        + ") AS t(board, player, points)");
    }

    private static void writeEveryCommand(String connection, String guarantee) throws Exception {
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.getConfig().set("execution.checkpointing.interval", "100 ms");
        // Explicit stream ids must reach Redis in order: one task per operator keeps the order.
        env.getConfig().set("parallelism.default", "1");
        createSources(env);
        env.executeSql(
                "CREATE TEMPORARY TABLE numbers (n BIGINT) WITH ('connector' = 'datagen',"
                        + " 'fields.n.kind' = 'sequence', 'fields.n.start' = '1',"
                        + " 'fields.n.end' = '1000', 'rows-per-second' = '1000000000')");
        String redis =
                "'connector' = 'redis', "
                        + connection
                        + ", 'sink.delivery-guarantee' = '"
                        + guarantee
                        + "', ";
        env.executeSql(
                "CREATE TABLE members (room STRING, user_ STRING) WITH ("
                        + redis
                        + "'command' = 'SADD', 'key.fields' = 'room', 'key.prefix' = 'room:',"
                        + " 'ttl' = '1 h')");
        env.executeSql(
                "CREATE TABLE board (board STRING, player STRING, total INT) WITH ("
                        + redis
                        + "'command' = 'ZADD', 'key.fields' = 'board', 'zset.score' = 'total',"
                        + " 'key.prefix' = 'board:')");
        env.executeSql(
                "CREATE TABLE board_incr (board STRING, player STRING, total INT) WITH ("
                        + redis
                        + "'command' = 'ZINCRBY', 'key.fields' = 'board', 'zset.score' = 'total',"
                        + " 'key.prefix' = 'incr:')");
        env.executeSql(
                "CREATE TABLE recent_head (k STRING, v STRING) WITH ("
                        + redis
                        + "'command' = 'LPUSH', 'key.fields' = 'k', 'list.max-length' = '3')");
        env.executeSql(
                "CREATE TABLE recent_tail (k STRING, v STRING) WITH ("
                        + redis
                        + "'command' = 'RPUSH', 'key.fields' = 'k', 'list.max-length' = '3')");
        env.executeSql(
                "CREATE TABLE visitors (k STRING, visitor STRING) WITH ("
                        + redis
                        + "'command' = 'PFADD', 'key.fields' = 'k')");
        env.executeSql(
                "CREATE TABLE orders (k STRING, order_id BIGINT, amount DECIMAL(10, 2), note"
                        + " STRING, at_ms BIGINT) WITH ("
                        + redis
                        + "'command' = 'XADD', 'key.fields' = 'k', 'stream.id' = 'at_ms')");
        env.executeSql(
                "CREATE TABLE capped (k STRING, n BIGINT) WITH ("
                        + redis
                        + "'command' = 'XADD', 'key.fields' = 'k', 'stream.max-length' = '10')");
        env.executeSql(
                "CREATE TABLE alerts (channel STRING, message STRING) WITH ("
                        + redis
                        + "'command' = 'PUBLISH', 'key.fields' = 'channel')");
        env.createStatementSet()
                .addInsertSql(
                        "INSERT INTO members SELECT room, user_ FROM (SELECT room, user_,"
                                + " LAST_VALUE(action) AS action FROM membership GROUP BY room,"
                                + " user_) WHERE action = 'join'")
                .addInsertSql(
                        "INSERT INTO board SELECT board, player, SUM(points) FROM points GROUP BY"
                                + " board, player HAVING SUM(points) > 0")
                .addInsertSql(
                        "INSERT INTO board_incr SELECT board, player, SUM(points) FROM points"
                                + " GROUP BY board, player")
                .addInsertSql(
                        "INSERT INTO recent_head SELECT 'head', CAST(n AS STRING) FROM numbers"
                                + " WHERE n <= 5")
                .addInsertSql(
                        "INSERT INTO recent_tail SELECT 'tail', CAST(n AS STRING) FROM numbers"
                                + " WHERE n <= 5")
                .addInsertSql(
                        "INSERT INTO visitors SELECT 'site', 'visitor-' || CAST(n % 50 AS STRING)"
                                + " FROM numbers")
                .addInsertSql(
                        "INSERT INTO orders SELECT 'orders', n, CAST(n AS DECIMAL(10, 2)) / 4,"
                                + " CASE WHEN n % 2 = 0 THEN 'even' END, 1700000000000 + n FROM"
                                + " ordered")
                .addInsertSql("INSERT INTO capped SELECT 'capped', n FROM numbers")
                .addInsertSql(
                        "INSERT INTO alerts SELECT 'alerts', 'alert-' || CAST(n AS STRING) FROM"
                                + " numbers WHERE n <= 5")
                .execute()
                .await();
    }

    private static void assertEveryCommand(UnifiedJedis redis, List<String> published) {
        // Membership: exactly the live members; a room everybody left is gone.
        Map<String, Set<String>> live = new TreeMap<>();
        Map<List<String>, String> last = new HashMap<>();
        for (String[] row : MEMBERSHIP) {
            last.put(List.of(row[0], row[1]), row[2]);
        }
        last.forEach(
                (roomAndUser, action) -> {
                    if (action.equals("join")) {
                        live.computeIfAbsent(roomAndUser.get(0), r -> new TreeSet<>())
                                .add(roomAndUser.get(1));
                    }
                });
        assertThat(live).containsOnlyKeys("r1", "r2");
        for (String room : List.of("r1", "r2", "r3")) {
            assertThat(redis.smembers("room:" + room))
                    .as(room)
                    .isEqualTo(live.getOrDefault(room, Set.of()));
        }
        assertThat(redis.pttl("room:r1")).as("SADD's ttl").isBetween(3_000_000L, 3_600_000L);

        // Scores: ZADD holds the current totals of the players still above 0, ZINCRBY every
        // current total (a total that fell to 0 stays a member with score 0).
        Map<String, Map<String, Integer>> totals = new TreeMap<>();
        for (Object[] row : POINTS) {
            totals.computeIfAbsent((String) row[0], b -> new TreeMap<>())
                    .merge((String) row[1], (Integer) row[2], Integer::sum);
        }
        assertThat(totals.get("b1")).containsEntry("cid", 0);
        for (String b : totals.keySet()) {
            Map<String, Double> positive = new TreeMap<>();
            Map<String, Double> all = new TreeMap<>();
            totals.get(b)
                    .forEach(
                            (player, total) -> {
                                all.put(player, total.doubleValue());
                                if (total > 0) {
                                    positive.put(player, total.doubleValue());
                                }
                            });
            assertThat(scores(redis, "board:" + b)).as("ZADD " + b).isEqualTo(positive);
            assertThat(scores(redis, "incr:" + b)).as("ZINCRBY " + b).isEqualTo(all);
        }

        assertThat(redis.lrange("head", 0, -1)).containsExactly("5", "4", "3");
        assertThat(redis.lrange("tail", 0, -1)).containsExactly("3", "4", "5");
        assertThat(redis.pfcount("site")).isBetween(49L, 51L);

        List<StreamEntry> orders = redis.xrange("orders", (StreamEntryID) null, null);
        assertThat(orders).hasSize(20);
        for (int i = 0; i < 20; i++) {
            long n = i + 1;
            StreamEntry entry = orders.get(i);
            assertThat(entry.getID().getTime()).isEqualTo(1_700_000_000_000L + n);
            Map<String, String> fields = new TreeMap<>(entry.getFields());
            Map<String, String> expected = new TreeMap<>();
            expected.put("order_id", Long.toString(n));
            expected.put(
                    "amount",
                    BigDecimal.valueOf(n)
                            .divide(BigDecimal.valueOf(4))
                            .setScale(2, RoundingMode.HALF_UP)
                            .toPlainString());
            if (n % 2 == 0) {
                expected.put("note", "even");
            }
            assertThat(fields).as("entry %s", n).isEqualTo(expected);
        }
        long capped = redis.xlen("capped");
        assertThat(capped).as("MAXLEN ~ 10 trims whole nodes").isBetween(10L, 200L);
        List<StreamEntry> tail = redis.xrevrange("capped", (StreamEntryID) null, null, 1);
        assertThat(tail.get(0).getFields()).containsEntry("n", "1000");

        assertThat(published)
                .containsExactly("alert-1", "alert-2", "alert-3", "alert-4", "alert-5");
    }

    private static Map<String, Double> scores(UnifiedJedis redis, String key) {
        Map<String, Double> scores = new TreeMap<>();
        for (Tuple tuple : redis.zrangeWithScores(key, 0, -1)) {
            scores.put(tuple.getElement(), tuple.getScore());
        }
        return scores;
    }

    /** Runs {@code job} while {@code subscriber} listens on channel 'alerts'; returns what came. */
    private static List<String> subscribe(Jedis subscriber, ThrowingRunnable job) throws Exception {
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        JedisPubSub listener =
                new JedisPubSub() {
                    @Override
                    public void onMessage(String channel, String message) {
                        messages.add(message);
                    }
                };
        Thread thread = new Thread(() -> subscriber.subscribe(listener, "alerts"));
        thread.start();
        try {
            while (listener.getSubscribedChannels() == 0) {
                Thread.sleep(10);
            }
            job.run();
            long deadline = System.currentTimeMillis() + 5_000;
            while (messages.size() < 5 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            listener.unsubscribe();
            thread.join();
            subscriber.close();
        }
        return new ArrayList<>(messages);
    }

    private static String rows(Object[][] rows) {
        StringBuilder out = new StringBuilder();
        for (Object[] row : rows) {
            out.append(out.length() == 0 ? "(" : ", (");
            for (int i = 0; i < row.length; i++) {
                out.append(i == 0 ? "" : ", ");
                out.append(row[i] instanceof String ? "'" + row[i] + "'" : row[i]);
            }
            out.append(')');
        }
        return out.toString();
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
