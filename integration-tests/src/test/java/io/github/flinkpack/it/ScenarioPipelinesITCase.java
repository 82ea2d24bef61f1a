package io.github.flinkpack.it;

import static io.github.flinkpack.testing.debezium.DebeziumEvents.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.testing.cluster.Deadline;
import io.github.flinkpack.testing.kafka.KafkaBroker;
import io.github.flinkpack.testing.redis.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * SCENARIOS 003, 004 case 2 and 000's flags read back by a lookup join on the session cluster,
 * submitted with the SQL client; the other scenarios run in {@link ClusterEndToEndITCase} (000,
 * 001, 002, 004 cases 1 and 3).
 */
class ScenarioPipelinesITCase {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();
    @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

    @RegisterExtension static final SessionCluster CLUSTER = SessionCluster.withPackInLib();

    private static final String[] CATEGORIES = {"Electronics", "Books", "Clothing"};
    private static final String[] BEHAVIORS = {"pv", "pv", "pv", "cart", "fav", "buy"};

    private static String behaviorTable(boolean bounded) {
        return "CREATE TABLE user_behavior (user_id BIGINT, item_id BIGINT, category STRING,"
                + " behavior STRING, ts BIGINT) WITH ('connector' = 'kafka',"
                + " 'topic' = 'user_behavior', 'properties.bootstrap.servers' = '${kafka}',"
                + " 'scan.startup.mode' = 'earliest-offset',"
                + (bounded ? " 'scan.bounded.mode' = 'latest-offset'," : "")
                + " 'format' = 'json');\n";
    }

    private static String countsInto(String prefix) {
        return "CREATE TABLE behavior_counts (category STRING, behavior STRING, n BIGINT) WITH ("
                + "'connector' = 'redis', 'url' = '${redis}', 'command' = 'HINCR',"
                + " 'key.fields' = 'category', 'hash.field' = 'behavior',"
                + " 'key.prefix' = '"
                + prefix
                + "');\n"
                + "INSERT INTO behavior_counts SELECT category, behavior, COUNT(*)"
                + " FROM user_behavior GROUP BY category, behavior;\n";
    }

    /**
     * SCENARIOS 003: user-behaviour events (the seed's Python producer's shape) counted per
     * (category, behaviour) into a Redis hash per category with HINCR: live in a streaming job as
     * events arrive (the counts' updates arrive as retractions, added and subtracted), and the same
     * job in batch mode over the bounded topic.
     */
    @Test
    void scenario003BehaviourCountsInRedisHashesStreamingAndBatch() {
        KAFKA.createTopic("user_behavior", 1);
        Map<String, Map<String, String>> expected = new TreeMap<>();
        Random random = new Random(3);
        produceBehaviour(random, 0, 150, expected);

        CLUSTER.runScript(
                "003-streaming",
                "SET 'pipeline.name' = 'scenario-003-behaviour-counts';\n"
                        + behaviorTable(false)
                        + countsInto("behavior:"),
                KAFKA,
                REDIS);
        awaitHashes("behavior:", expected);
        produceBehaviour(random, 150, 400, expected);
        awaitHashes("behavior:", expected);
        CLUSTER.flink().cancelAllJobs();

        CLUSTER.runScript(
                "003-batch",
                "SET 'execution.runtime-mode' = 'batch';\n"
                        + "SET 'table.dml-sync' = 'true';\n"
                        + behaviorTable(true)
                        + countsInto("behavior-batch:"),
                KAFKA,
                REDIS);
        assertThat(hashes("behavior-batch:")).isEqualTo(expected);
    }

    /**
     * SCENARIOS 003 with Redis Streams in place of the producer's Kafka topic: the events are
     * entries of the stream 'user_behavior' (fields by name, as a Python producer's {@code XADD}
     * writes them), read by {@code 'connector' = 'redis-stream'} and counted into the same hashes;
     * live in a streaming job, then in batch mode over the stream read to its last entry.
     */
    @Test
    void scenario003WithRedisStreamsAsTheEventBus() {
        Map<String, Map<String, String>> expected = new TreeMap<>();
        Random random = new Random(30);
        addBehaviourEntries(random, 0, 150, expected);
        String streamTable =
                "CREATE TABLE user_behavior (user_id BIGINT, item_id BIGINT, category STRING,"
                        + " behavior STRING, ts BIGINT) WITH ('connector' = 'redis-stream',"
                        + " 'url' = '${redis}', 'stream' = 'user_behavior'";
        CLUSTER.runScript(
                "003-streams",
                "SET 'pipeline.name' = 'scenario-003-streams';\n"
                        + streamTable
                        + ", 'group.name' = 'behavior-counts');\n"
                        + countsInto("streams-behavior:"),
                KAFKA,
                REDIS);
        awaitHashes("streams-behavior:", expected);
        addBehaviourEntries(random, 150, 400, expected);
        awaitHashes("streams-behavior:", expected);
        CLUSTER.flink().cancelAllJobs();

        CLUSTER.runScript(
                "003-streams-batch",
                "SET 'execution.runtime-mode' = 'batch';\n"
                        + "SET 'table.dml-sync' = 'true';\n"
                        + streamTable
                        + ", 'scan.bounded.mode' = 'latest');\n"
                        + countsInto("streams-behavior-batch:"),
                KAFKA,
                REDIS);
        assertThat(hashes("streams-behavior-batch:")).isEqualTo(expected);
    }

    private static void addBehaviourEntries(
            Random random, int from, int to, Map<String, Map<String, String>> expected) {
        try (Jedis jedis = REDIS.newClient()) {
            for (int i = from; i < to; i++) {
                String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                String behavior = BEHAVIORS[random.nextInt(BEHAVIORS.length)];
                Map<String, String> fields = new TreeMap<>();
                fields.put("user_id", Integer.toString(random.nextInt(50)));
                fields.put("item_id", Integer.toString(random.nextInt(500)));
                fields.put("category", category);
                fields.put("behavior", behavior);
                fields.put("ts", Long.toString(1_700_000_000L + i));
                jedis.xadd("user_behavior", redis.clients.jedis.StreamEntryID.NEW_ENTRY, fields);
                expected.computeIfAbsent(category, c -> new TreeMap<>())
                        .merge(behavior, "1", (a, b) -> String.valueOf(Long.parseLong(a) + 1));
            }
        }
    }

    private static void produceBehaviour(
            Random random, int from, int to, Map<String, Map<String, String>> expected) {
        List<String> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            String behavior = BEHAVIORS[random.nextInt(BEHAVIORS.length)];
            events.add(
                    String.format(
                            "{\"user_id\": %d, \"item_id\": %d, \"category\": \"%s\","
                                    + " \"behavior\": \"%s\", \"ts\": %d}",
                            random.nextInt(50),
                            random.nextInt(500),
                            category,
                            behavior,
                            1_700_000_000L + i));
            expected.computeIfAbsent(category, c -> new TreeMap<>())
                    .merge(behavior, "1", (a, b) -> String.valueOf(Long.parseLong(a) + 1));
        }
        KAFKA.produce("user_behavior", events.toArray(new String[0]));
    }

    private static Map<String, Map<String, String>> hashes(String prefix) {
        Map<String, Map<String, String>> hashes = new TreeMap<>();
        try (Jedis jedis = REDIS.newClient()) {
            for (String key : jedis.keys(prefix + "*")) {
                hashes.put(key.substring(prefix.length()), new TreeMap<>(jedis.hgetAll(key)));
            }
        }
        return hashes;
    }

    private static void awaitHashes(String prefix, Map<String, Map<String, String>> expected) {
        Map<String, Map<String, String>> actual = new TreeMap<>();
        Deadline.await(
                Duration.ofMinutes(2),
                "Redis hashes " + prefix + "* to hold " + expected,
                () -> {
                    actual.clear();
                    actual.putAll(hashes(prefix));
                    return actual.equals(expected);
                },
                () -> "found " + actual + "\n" + CLUSTER.flink().describe());
    }

    private static final String FIRST_ORDER =
            "SET 'table.dml-sync' = 'true';\n"
                    + "SET 'pipeline.name' = 'scenario-004-first-order';\n"
                    + "CREATE TABLE warehouse_orders (user_id BIGINT, order_id BIGINT) WITH ("
                    + "'connector' = 'kafka', 'topic' = 'warehouse-orders',"
                    + " 'properties.bootstrap.servers' = '${kafka}',"
                    + " 'scan.startup.mode' = 'earliest-offset',"
                    + " 'scan.bounded.mode' = 'latest-offset', 'format' = 'json');\n"
                    + "CREATE TABLE orders (order_id BIGINT, user_id BIGINT, amount INT) WITH ("
                    + "'connector' = 'kafka', 'topic' = 'ORDER_MYSQL.ORDER.ORDERS',"
                    + " 'properties.bootstrap.servers' = '${kafka}',"
                    + " 'scan.startup.mode' = 'earliest-offset',"
                    + " 'scan.bounded.mode' = 'latest-offset',"
                    + " 'format' = 'debezium-json-ext', 'debezium-json-ext.ops' = 'c');\n"
                    + "CREATE VIEW first_order AS SELECT user_id, MIN(order_id) AS first_order_id"
                    + " FROM (SELECT user_id, order_id FROM warehouse_orders UNION ALL"
                    + " SELECT user_id, order_id FROM orders) GROUP BY user_id;\n"
                    + "CREATE TABLE first_order_of_user (user_id BIGINT, first_order_id BIGINT,"
                    + " PRIMARY KEY (user_id) NOT ENFORCED) WITH ('connector' = 'redis',"
                    + " 'url' = '${redis}', 'key.prefix' = 'first-order:');\n"
                    + "CREATE TABLE order_is_first (order_id BIGINT, is_first BOOLEAN,"
                    + " PRIMARY KEY (order_id) NOT ENFORCED) WITH ('connector' = 'redis',"
                    + " 'url' = '${redis}', 'key.prefix' = 'order:first:');\n"
                    + "EXECUTE STATEMENT SET BEGIN\n"
                    + "INSERT INTO first_order_of_user SELECT * FROM first_order;\n"
                    + "INSERT INTO order_is_first SELECT o.order_id,"
                    + " LAST_VALUE(o.order_id = f.first_order_id) FROM orders o"
                    + " JOIN first_order f ON o.user_id = f.user_id GROUP BY o.order_id;\n"
                    + "END;\n";

    private static String order(long orderId, long userId, int amount) {
        return String.format(
                "{\"order_id\": %d, \"user_id\": %d, \"amount\": %d}", orderId, userId, amount);
    }

    /**
     * SCENARIOS 004 case 2: the first order ever per user is min(order_id) over orders back-filled
     * from the warehouse and new orders from CDC (creates only); each new order is marked first or
     * not by joining it to that table. Debezium delivers at least once: the same events replayed
     * and the pipeline run again leave Redis exactly as it was.
     */
    @Test
    void scenario004Case2FirstOrderIsIdempotentUnderReplay() {
        KAFKA.createTopic("warehouse-orders", 1);
        KAFKA.produce(
                "warehouse-orders",
                "{\"user_id\": 1, \"order_id\": 130}",
                "{\"user_id\": 2, \"order_id\": 205}",
                "{\"user_id\": 1, \"order_id\": 100}");
        List<String> cdc =
                List.of(
                        mysql("c", "null", order(301, 1, 20_000), 1_710_000_001_000L, "orders"),
                        mysql("c", "null", order(302, 3, 15_000), 1_710_000_002_000L, "orders"),
                        mysql(
                                "u",
                                order(301, 1, 20_000),
                                order(301, 1, 18_000),
                                1_710_000_003_000L,
                                "orders"),
                        mysql("c", "null", order(303, 3, 9_000), 1_710_000_004_000L, "orders"),
                        mysql("c", "null", order(304, 4, 5_000), 1_710_000_005_000L, "orders"));
        KAFKA.createTopic("ORDER_MYSQL.ORDER.ORDERS", 1);
        KAFKA.produce("ORDER_MYSQL.ORDER.ORDERS", cdc.toArray(new String[0]));

        CLUSTER.runScript("004-first-order", FIRST_ORDER, KAFKA, REDIS);
        Map<String, String> expected = new TreeMap<>();
        expected.put("first-order:1", "100");
        expected.put("first-order:2", "205");
        expected.put("first-order:3", "302");
        expected.put("first-order:4", "304");
        expected.put("order:first:301", "false");
        expected.put("order:first:302", "true");
        expected.put("order:first:303", "false");
        expected.put("order:first:304", "true");
        assertThat(orderKeys()).isEqualTo(expected);

        // Redelivery: the CDC events again, and the pipeline re-run over the whole topic.
        KAFKA.produce("ORDER_MYSQL.ORDER.ORDERS", cdc.toArray(new String[0]));
        CLUSTER.runScript("004-first-order-replay", FIRST_ORDER, KAFKA, REDIS);
        assertThat(orderKeys()).isEqualTo(expected);
    }

    private static Map<String, String> orderKeys() {
        Map<String, String> keys = new TreeMap<>();
        try (Jedis jedis = REDIS.newClient()) {
            for (String pattern : new String[] {"first-order:*", "order:first:*"}) {
                jedis.keys(pattern).forEach(key -> keys.put(key, jedis.get(key)));
            }
        }
        return keys;
    }

    /** One table definition: the flag query writes it, the routing query looks it up. */
    private static final String FLAG_TABLE =
            "CREATE TABLE frequent_login_flag (user_id STRING, flag STRING,"
                    + " PRIMARY KEY (user_id) NOT ENFORCED) WITH ('connector' = 'redis',"
                    + " 'url' = '${redis}', 'key.prefix' = 'flag:frequent-login:',"
                    + " 'ttl' = '10 s', 'lookup.cache' = 'NONE');\n";

    /**
     * SCENARIOS 000: the matching team's rules read the flags another query keeps in Redis. A
     * streaming routing query joins match events from Kafka with the flags (FOR SYSTEM_TIME AS OF,
     * asynchronous lookups) and routes each event; a flag query over the login events sets a flag
     * with a TTL for users who logged in 3 times. Events of flagged users are routed as flagged
     * while the flag lives, and as normal once it has expired.
     */
    @Test
    void scenario000FlagsSetWithATtlAreReadBackByALookupJoinUntilTheyExpire() {
        KAFKA.createTopic("match-events", 1);
        KAFKA.createTopic("logins-000", 1);
        CLUSTER.runScript(
                "000-route",
                "SET 'pipeline.name' = 'scenario-000-route-flagged';\n"
                        + "CREATE TABLE match_event (event_id STRING, user_id STRING,"
                        + " proc AS PROCTIME()) WITH ('connector' = 'kafka', 'topic' ="
                        + " 'match-events', 'properties.bootstrap.servers' = '${kafka}',"
                        + " 'scan.startup.mode' = 'earliest-offset', 'format' = 'json');\n"
                        + FLAG_TABLE
                        + "CREATE TABLE routed (event_id STRING, route STRING,"
                        + " PRIMARY KEY (event_id) NOT ENFORCED) WITH ('connector' = 'redis',"
                        + " 'url' = '${redis}', 'key.prefix' = 'route:',"
                        + " 'sink.buffer-flush.interval' = '100 ms');\n"
                        + "INSERT INTO routed SELECT e.event_id, CASE WHEN f.flag = 'true' THEN"
                        + " 'flagged' ELSE 'normal' END FROM match_event AS e LEFT JOIN"
                        + " frequent_login_flag FOR SYSTEM_TIME AS OF e.proc AS f"
                        + " ON e.user_id = f.user_id;\n",
                KAFKA,
                REDIS);
        KAFKA.produce("match-events", matchEvent("e0", "u9"));
        awaitRoutes(Map.of("e0", "normal"));

        List<String> logins = new ArrayList<>();
        for (String user : new String[] {"u1", "u1", "u1", "u2", "u2", "u2", "u3"}) {
            logins.add("{\"user_id\": \"" + user + "\"}");
        }
        KAFKA.produce("logins-000", logins.toArray(new String[0]));
        CLUSTER.runScript(
                "000-flags",
                "SET 'table.dml-sync' = 'true';\n"
                        + "CREATE TABLE logins (user_id STRING) WITH ('connector' = 'kafka',"
                        + " 'topic' = 'logins-000', 'properties.bootstrap.servers' = '${kafka}',"
                        + " 'scan.startup.mode' = 'earliest-offset',"
                        + " 'scan.bounded.mode' = 'latest-offset', 'format' = 'json');\n"
                        + FLAG_TABLE
                        + "INSERT INTO frequent_login_flag SELECT user_id, 'true' FROM logins"
                        + " GROUP BY user_id HAVING COUNT(*) >= 3;\n",
                KAFKA,
                REDIS);
        try (Jedis jedis = REDIS.newClient()) {
            assertThat(jedis.pttl("flag:frequent-login:u1")).isBetween(1L, 10_000L);
            assertThat(jedis.exists("flag:frequent-login:u3")).isFalse();
        }
        KAFKA.produce(
                "match-events",
                matchEvent("e1", "u1"),
                matchEvent("e2", "u2"),
                matchEvent("e3", "u3"));
        awaitRoutes(Map.of("e0", "normal", "e1", "flagged", "e2", "flagged", "e3", "normal"));

        Deadline.await(
                Duration.ofSeconds(30),
                "the flags to expire",
                () -> {
                    try (Jedis jedis = REDIS.newClient()) {
                        return jedis.keys("flag:frequent-login:*").isEmpty();
                    }
                },
                () -> "flags still there");
        KAFKA.produce("match-events", matchEvent("e4", "u1"), matchEvent("e5", "u2"));
        awaitRoutes(
                Map.of(
                        "e0", "normal", "e1", "flagged", "e2", "flagged", "e3", "normal", "e4",
                        "normal", "e5", "normal"));
        CLUSTER.flink().cancelAllJobs();

        // The routes read back by a bounded scan of the same table, in batch mode.
        String output =
                CLUSTER.runScript(
                        "000-routes-scan",
                        "SET 'execution.runtime-mode' = 'batch';\n"
                                + "SET 'sql-client.execution.result-mode' = 'tableau';\n"
                                + "CREATE TABLE routed (event_id STRING, route STRING,"
                                + " PRIMARY KEY (event_id) NOT ENFORCED) WITH ('connector' ="
                                + " 'redis', 'url' = '${redis}', 'key.prefix' = 'route:');\n"
                                + "SELECT route, COUNT(*) AS events FROM routed GROUP BY route;\n",
                        KAFKA,
                        REDIS);
        assertThat(output)
                .containsPattern("flagged +\\| +2 +\\|")
                .containsPattern("normal +\\| +4 +\\|");
    }

    private static String matchEvent(String eventId, String userId) {
        return "{\"event_id\": \"" + eventId + "\", \"user_id\": \"" + userId + "\"}";
    }

    private static void awaitRoutes(Map<String, String> expected) {
        Map<String, String> actual = new TreeMap<>();
        Deadline.await(
                Duration.ofMinutes(2),
                "routes " + expected,
                () -> {
                    actual.clear();
                    try (Jedis jedis = REDIS.newClient()) {
                        for (String key : jedis.keys("route:*")) {
                            actual.put(key.substring("route:".length()), jedis.get(key));
                        }
                    }
                    return actual.equals(new TreeMap<>(expected));
                },
                () -> "found " + actual + "\n" + CLUSTER.flink().describe());
    }
}
