package io.github.flinkpack.redis.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.redis.sink.FailOnceAt;
import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.redis.RedisCluster;
import io.github.flinkpack.testing.redis.RedisExtension;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.resps.StreamPendingSummary;

/**
 * {@code 'connector' = 'redis-stream'}: what the XADD sink writes is read back typed (standalone
 * and Cluster), with metadata, JSON values, start modes and watermarks from the entry times; a
 * consumer group's entries are acknowledged when a checkpoint completes; a job restored from its
 * checkpoints reads every entry exactly once into an exactly-once sink.
 */
class RedisStreamSourceITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

    private static final long T0 = 1_700_000_000_000L;

    @BeforeEach
    void setUp() {
        REDIS.flush();
        FailOnceAt.reset();
    }

    private static String url() {
        return "'url' = '" + REDIS.url() + "'";
    }

    @Test
    void whatTheXaddSinkWritesIsReadBackTypedWithMetadata() throws Exception {
        writeOrders(url());
        assertOrdersReadBack(url());
    }

    @Test
    void aClusterIsReadBackToo() throws Exception {
        try (RedisCluster cluster = RedisCluster.start(3)) {
            String connection =
                    "'mode' = 'cluster', 'cluster.nodes' = '" + cluster.nodesOption() + "'";
            writeOrders(connection);
            assertOrdersReadBack(connection);
        }
    }

    /** 30 orders into streams s0, s1, s2 (by n % 3), ids at T0 + n ms, every third note NULL. */
    private static void writeOrders(String connection) throws Exception {
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.getConfig().set("parallelism.default", "1");
        env.executeSql(
                "CREATE TEMPORARY VIEW numbers AS SELECT CAST(n AS BIGINT) AS n FROM (VALUES "
                        + sequence(30)
                        + ") AS t(n)");
        env.executeSql(
                "CREATE TABLE orders_out (s STRING, n BIGINT, amount DECIMAL(10, 2), note STRING,"
                        + " paid BOOLEAN, at_ms BIGINT) WITH ('connector' = 'redis', "
                        + connection
                        + ", 'command' = 'XADD', 'key.fields' = 's', 'stream.id' = 'at_ms')");
        env.executeSql(
                        "INSERT INTO orders_out SELECT 's' || CAST(n % 3 AS STRING), n,"
                                + " CAST(n AS DECIMAL(10, 2)) / 4, CASE WHEN n % 3 <> 0 THEN"
                                + " 'note ' || CAST(n AS STRING) END, n % 2 = 0, "
                                + T0
                                + " + n FROM numbers")
                .await();
    }

    private static void assertOrdersReadBack(String connection) {
        TableEnvironment env = FlinkMiniCluster.streaming();
        env.executeSql(
                "CREATE TABLE orders_in (n BIGINT, amount DECIMAL(10, 2), note STRING, paid"
                        + " BOOLEAN, missing INT, s STRING METADATA FROM 'stream' VIRTUAL, id"
                        + " STRING METADATA VIRTUAL, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp'"
                        + " VIRTUAL) WITH ('connector' = 'redis-stream', "
                        + connection
                        + ", 'stream' = 's0;s1;s2', 'scan.bounded.mode' = 'latest',"
                        + " 'scan.read.count' = '4')");
        List<Row> rows = FlinkMiniCluster.collect(env, "SELECT * FROM orders_in");
        assertThat(rows).hasSize(30);
        Map<Long, Row> byN = new TreeMap<>();
        for (Row row : rows) {
            byN.put((Long) row.getField(0), row);
        }
        assertThat(byN).hasSize(30);
        for (long n = 1; n <= 30; n++) {
            Row row = byN.get(n);
            assertThat(row.getField(1).toString())
                    .isEqualTo(
                            BigDecimal.valueOf(n)
                                    .divide(BigDecimal.valueOf(4))
                                    .setScale(2, RoundingMode.HALF_UP)
                                    .toPlainString());
            assertThat(row.getField(2)).isEqualTo(n % 3 != 0 ? "note " + n : null);
            assertThat(row.getField(3)).isEqualTo(n % 2 == 0);
            assertThat(row.getField(4)).as("a column no field names is NULL").isNull();
            assertThat(row.getField(5)).isEqualTo("s" + (n % 3));
            assertThat(row.getField(6)).isEqualTo((T0 + n) + "-0");
            assertThat(row.getField(7)).isEqualTo(Instant.ofEpochMilli(T0 + n));
        }
        // Per stream, in entry order.
        Map<Object, List<Long>> order =
                rows.stream()
                        .collect(
                                Collectors.groupingBy(
                                        r -> r.getField(5),
                                        Collectors.mapping(
                                                r -> (Long) r.getField(0), Collectors.toList())));
        order.values().forEach(ns -> assertThat(ns).isSorted());
    }

    @Test
    void oneJsonFieldReadWithValueFormat() throws Exception {
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.getConfig().set("parallelism.default", "1");
        env.executeSql(
                "CREATE TABLE events_out (k STRING, user_id BIGINT, tags ARRAY<STRING>) WITH"
                        + " ('connector' = 'redis', "
                        + url()
                        + ", 'command' = 'XADD', 'key.fields' = 'k', 'value.format' = 'json')");
        env.executeSql(
                        "INSERT INTO events_out VALUES ('events', 1, ARRAY['a', 'b']), ('events',"
                                + " 2, ARRAY['c'])")
                .await();
        try (Jedis redis = REDIS.newClient()) {
            redis.xadd("events", StreamEntryID.NEW_ENTRY, Map.of("value", "{not json"));
        }
        env.executeSql(
                "CREATE TABLE events_in (user_id BIGINT, tags ARRAY<STRING>) WITH ('connector' ="
                        + " 'redis-stream', "
                        + url()
                        + ", 'stream' = 'events', 'scan.bounded.mode' = 'latest', 'value.format' ="
                        + " 'json', 'scan.on-parse-error' = 'null')");
        assertThat(FlinkMiniCluster.collect(env, "SELECT user_id, tags FROM events_in"))
                .as("the malformed entry is skipped and counted")
                .containsExactly(
                        Row.of(1L, new String[] {"a", "b"}), Row.of(2L, new String[] {"c"}));
        env.executeSql(
                "CREATE TABLE events_strict (user_id BIGINT, tags ARRAY<STRING>) WITH ('connector'"
                        + " = 'redis-stream', "
                        + url()
                        + ", 'stream' = 'events', 'scan.bounded.mode' = 'latest', 'value.format' ="
                        + " 'json')");
        assertThatThrownBy(() -> FlinkMiniCluster.collect(env, "SELECT * FROM events_strict"))
                .hasStackTraceContaining("does not read with 'value.format'")
                .hasStackTraceContaining("'events'");
    }

    @Test
    void startsAtATimestampAndWatermarksFollowTheEntryTimes() throws Exception {
        try (Jedis redis = REDIS.newClient()) {
            for (int n = 0; n < 60; n++) {
                // Entries 1 s apart: six 10-second windows.
                redis.xadd(
                        "ticks",
                        new StreamEntryID(T0 + n * 1000L, 0),
                        Map.of("n", Integer.toString(n)));
            }
        }
        TableEnvironment env = FlinkMiniCluster.streaming();
        env.getConfig().set("parallelism.default", "1");
        env.executeSql(
                "CREATE TABLE ticks (n INT, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,"
                        + " WATERMARK FOR ts AS ts) WITH ('connector' = 'redis-stream', "
                        + url()
                        + ", 'stream' = 'ticks', 'scan.bounded.mode' = 'latest',"
                        + " 'scan.startup.mode' = 'timestamp', 'scan.startup.timestamp-millis' = '"
                        + (T0 + 20_000)
                        + "')");
        List<Row> windows =
                FlinkMiniCluster.collect(
                        env,
                        "SELECT window_start, COUNT(*), MIN(n) FROM TABLE(TUMBLE(TABLE ticks,"
                                + " DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start,"
                                + " window_end");
        List<String> seen = new ArrayList<>();
        for (Row row : windows) {
            seen.add(row.getField(1) + "@" + row.getField(2));
        }
        assertThat(seen)
                .as("entries from T0 + 20 s on, in 10 s windows of the entry times")
                .containsExactly("10@20", "10@30", "10@40", "10@50");
    }

    @Test
    void aConsumerGroupAcknowledgesWhenACheckpointCompletes() throws Exception {
        try (Jedis redis = REDIS.newClient()) {
            for (int n = 1; n <= 50; n++) {
                redis.xadd("jobs", StreamEntryID.NEW_ENTRY, Map.of("n", Integer.toString(n)));
            }
        }
        // Without checkpoints nothing is acknowledged: the entries stay pending in the group.
        runGroupJob("unchecked", null);
        try (Jedis redis = REDIS.newClient()) {
            assertThat(pending(redis, "unchecked")).isEqualTo(50);
        }
        runGroupJob("checked", "100 ms");
        try (Jedis redis = REDIS.newClient()) {
            assertThat(pending(redis, "checked")).isZero();
            StreamGroupInfo group =
                    redis.xinfoGroups("jobs").stream()
                            .filter(g -> g.getName().equals("checked"))
                            .findFirst()
                            .orElseThrow();
            assertThat(group.getLastDeliveredId())
                    .isEqualTo(redis.xrevrange("jobs", "+", "-", 1).get(0).getID());
        }
    }

    /** Reads the 50 entries of 'jobs' in {@code group} into INCR counters, then cancels. */
    private static void runGroupJob(String group, String checkpoints) throws Exception {
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        if (checkpoints != null) {
            env.getConfig().set("execution.checkpointing.interval", checkpoints);
        }
        env.executeSql(
                "CREATE TABLE jobs (n INT) WITH ('connector' = 'redis-stream', "
                        + url()
                        + ", 'stream' = 'jobs', 'group.name' = '"
                        + group
                        + "')");
        env.executeSql(
                "CREATE TABLE seen (g STRING) WITH ('connector' = 'redis', "
                        + url()
                        + ", 'command' = 'INCR', 'key.fields' = 'g', 'key.prefix' = 'seen:',"
                        + " 'sink.buffer-flush.max-rows' = '1')");
        TableResult job = env.executeSql("INSERT INTO seen SELECT '" + group + "' FROM jobs");
        try (Jedis redis = REDIS.newClient()) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!"50".equals(redis.get("seen:" + group))) {
                assertThat(System.currentTimeMillis()).as("50 rows read").isLessThan(deadline);
                Thread.sleep(50);
            }
            if (checkpoints != null) {
                while (pending(redis, group) > 0) {
                    assertThat(System.currentTimeMillis()).as("acknowledged").isLessThan(deadline);
                    Thread.sleep(50);
                }
            }
        }
        job.getJobClient().orElseThrow().cancel().get();
    }

    private static long pending(Jedis redis, String group) {
        StreamPendingSummary summary = redis.xpending("jobs", group);
        return summary.getTotal();
    }

    @Test
    void aJobRestoredFromItsCheckpointsReadsEveryEntryOnceIntoAnExactlyOnceSink() throws Exception {
        int rows = 3000;
        try (Jedis redis = REDIS.newClient()) {
            for (int n = 1; n <= rows; n++) {
                redis.xadd("input", XAddParams.xAddParams(), Map.of("n", Integer.toString(n)));
            }
        }
        TableEnvironment env = FlinkMiniCluster.streaming();
        env.getConfig().set("execution.checkpointing.interval", "100 ms");
        FailOnceAt.restartingJob(env);
        env.createTemporarySystemFunction("SLOWLY", Slowly.class);
        env.executeSql(
                "CREATE TABLE input (n BIGINT) WITH ('connector' = 'redis-stream', "
                        + url()
                        + ", 'stream' = 'input', 'scan.bounded.mode' = 'latest',"
                        + " 'scan.read.count' = '20')");
        env.executeSql(
                "CREATE TABLE counts (k BIGINT) WITH ('connector' = 'redis', "
                        + url()
                        + ", 'command' = 'INCR', 'key.fields' = 'k', 'key.prefix' = 'count:',"
                        + " 'sink.delivery-guarantee' = 'exactly-once')");
        env.executeSql(
                        "INSERT INTO counts SELECT MOD(FAIL_ONCE_AT(SLOWLY(n), 700, 1500, 2300),"
                                + " 10) FROM input")
                .await();
        assertThat(FailOnceAt.failures()).isEqualTo(3);
        try (UnifiedJedis redis = new UnifiedJedis(URI.create(REDIS.url()))) {
            Map<String, String> counts = new HashMap<>();
            for (int k = 0; k < 10; k++) {
                counts.put("count:" + k, redis.get("count:" + k));
            }
            for (int k = 0; k < 10; k++) {
                assertThat(counts.get("count:" + k))
                        .as("count:" + k)
                        .isEqualTo(Integer.toString(rows / 10));
            }
        }
    }

    @Test
    void latestStartsAfterTheEntriesPresentAtTheStart() throws Exception {
        try (Jedis redis = REDIS.newClient()) {
            for (int n = 1; n <= 5; n++) {
                redis.xadd("late", StreamEntryID.NEW_ENTRY, Map.of("n", "old" + n));
            }
        }
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.executeSql(
                "CREATE TABLE late (n STRING) WITH ('connector' = 'redis-stream', "
                        + url()
                        + ", 'stream' = 'late', 'scan.startup.mode' = 'latest')");
        env.executeSql(
                "CREATE TABLE late_seen (k STRING, v STRING) WITH ('connector' = 'redis', "
                        + url()
                        + ", 'key.fields' = 'k', 'key.prefix' = 'late-seen:',"
                        + " 'sink.buffer-flush.max-rows' = '1')");
        // 'late-seen:<n>' exists once entry n is read.
        TableResult job = env.executeSql("INSERT INTO late_seen SELECT n, n FROM late");
        try (Jedis redis = REDIS.newClient()) {
            long deadline = System.currentTimeMillis() + 60_000;
            // A marker entry, added until the job shows it read: then the start position is set.
            int probe = 0;
            while (redis.keys("late-seen:probe*").isEmpty()) {
                assertThat(System.currentTimeMillis()).as("the job reads").isLessThan(deadline);
                redis.xadd("late", StreamEntryID.NEW_ENTRY, Map.of("n", "probe" + probe++));
                Thread.sleep(200);
            }
            for (int n = 1; n <= 5; n++) {
                redis.xadd("late", StreamEntryID.NEW_ENTRY, Map.of("n", "new" + n));
            }
            while (redis.keys("late-seen:new*").size() < 5) {
                assertThat(System.currentTimeMillis()).as("new entries read").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(redis.keys("late-seen:old*")).as("entries before the start").isEmpty();
        }
        job.getJobClient().orElseThrow().cancel().get();
    }

    @Test
    void misconfigurationsFailAtPlanningWithTheFix() {
        TableEnvironment env = FlinkMiniCluster.streaming();
        String base = "'connector' = 'redis-stream', " + url() + ", 'stream' = 's'";
        env.executeSql(
                "CREATE TABLE no_group (n INT) WITH ("
                        + base
                        + ", 'scan.startup.mode' = 'group-offsets')");
        assertThatThrownBy(() -> env.explainSql("SELECT * FROM no_group"))
                .hasStackTraceContaining("'group-offsets' needs 'group.name'");
        env.executeSql(
                "CREATE TABLE bounded_group (n INT) WITH ("
                        + base
                        + ", 'group.name' = 'g', 'scan.bounded.mode' = 'latest')");
        assertThatThrownBy(() -> env.explainSql("SELECT * FROM bounded_group"))
                .hasStackTraceContaining(
                        "'scan.bounded.mode' = 'latest' reads without a consumer group");
        env.executeSql(
                "CREATE TABLE no_time (n INT) WITH ("
                        + base
                        + ", 'scan.startup.mode' = 'timestamp')");
        assertThatThrownBy(() -> env.explainSql("SELECT * FROM no_time"))
                .hasStackTraceContaining("needs 'scan.startup.timestamp-millis'");
    }

    /** {@code SLOWLY(n)}: n, a millisecond later, so checkpoints fall between the entries. */
    public static class Slowly extends ScalarFunction {
        public Long eval(Long n) throws InterruptedException {
            Thread.sleep(1);
            return n;
        }
    }

    private static String sequence(int count) {
        StringBuilder out = new StringBuilder();
        for (int n = 1; n <= count; n++) {
            out.append(n == 1 ? "" : ", ").append('(').append(n).append(')');
        }
        return out.toString();
    }
}
