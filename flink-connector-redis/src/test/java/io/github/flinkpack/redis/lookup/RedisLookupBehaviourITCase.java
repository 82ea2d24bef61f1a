package io.github.flinkpack.redis.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.metrics.CapturingMetricReporter;
import io.github.flinkpack.testing.redis.RedisExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * How lookups reach Redis, counted by the server itself ({@code INFO commandstats}): Flink's
 * partial cache serves repeated keys, async lookups batch the keys in flight into few round trips
 * with the same answers as synchronous ones and in input order, and the metrics count them.
 */
class RedisLookupBehaviourITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            FlinkMiniCluster.extension(CapturingMetricReporter.configure(new Configuration()));

    @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

    private static final int KEYS = 50;
    private static final int PROBES = 5000;

    private TableEnvironment env;

    @BeforeEach
    void setUp() throws Exception {
        REDIS.flush();
        env = FlinkMiniCluster.streamingNoRestart();
        env.getConfig().set("parallelism.default", "1");
        env.executeSql(
                "CREATE TEMPORARY TABLE numbers (n BIGINT) WITH ('connector' = 'datagen',"
                        + " 'fields.n.kind' = 'sequence', 'fields.n.start' = '1',"
                        + " 'fields.n.end' = '"
                        + PROBES
                        + "', 'rows-per-second' = '1000000000')");
        env.executeSql(
                "CREATE TEMPORARY VIEW probes AS SELECT n, CAST(MOD(n, "
                        + KEYS * 2
                        + ") AS STRING) AS id, PROCTIME() AS proc FROM numbers");
        // Keys 0..KEYS-1 exist, KEYS..2*KEYS-1 do not.
        try (Jedis redis = REDIS.newClient()) {
            for (int k = 0; k < KEYS; k++) {
                redis.set("dim:" + k, "value-" + k);
            }
            redis.configResetStat();
        }
    }

    private void dimension(String name, String... options) {
        StringBuilder ddl =
                new StringBuilder("CREATE TABLE ")
                        .append(name)
                        .append(
                                " (id STRING, v STRING, PRIMARY KEY (id) NOT ENFORCED) WITH"
                                        + " ('connector' = 'redis', 'url' = '")
                        .append(REDIS.url())
                        .append("', 'key.prefix' = 'dim:'");
        for (String option : options) {
            ddl.append(", ").append(option);
        }
        env.executeSql(ddl.append(")").toString());
    }

    private List<Row> join(String dimension) {
        return FlinkMiniCluster.collect(
                env,
                "SELECT p.n, p.id, d.v FROM probes AS p LEFT JOIN "
                        + dimension
                        + " FOR SYSTEM_TIME AS OF p.proc AS d ON p.id = d.id");
    }

    private static Map<String, Long> commandCalls() {
        Map<String, Long> calls = new HashMap<>();
        try (Jedis redis = REDIS.newClient()) {
            for (String line : redis.info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_")) {
                    String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                    String count = line.replaceAll("^[^:]+:calls=(\\d+),.*", "$1");
                    calls.put(name, Long.parseLong(count));
                }
            }
        }
        return calls;
    }

    private static void assertAnswers(List<Row> rows) {
        assertThat(rows).hasSize(PROBES);
        for (Row row : rows) {
            int key = Integer.parseInt((String) row.getField(1));
            assertThat(row.getField(2)).isEqualTo(key < KEYS ? "value-" + key : null);
        }
    }

    @Test
    void synchronousWithoutCacheReadsOncePerRow() {
        dimension("dim", "'lookup.async' = 'false'");
        assertAnswers(join("dim"));
        Map<String, Long> calls = commandCalls();
        assertThat(calls.get("get")).isEqualTo(PROBES);
        assertThat(calls).doesNotContainKey("mget");
    }

    @Test
    void partialCacheServesRepeatedKeysIncludingMissingOnes() {
        dimension(
                "dim",
                "'lookup.async' = 'false'",
                "'lookup.cache' = 'PARTIAL'",
                "'lookup.partial-cache.max-rows' = '1000'");
        assertAnswers(join("dim"));
        // One read per distinct key, present or missing (missing keys are cached by default).
        assertThat(commandCalls().get("get")).isEqualTo(2L * KEYS);
    }

    @Test
    void asyncBatchesKeysInFlightInInputOrderWithTheSynchronousAnswers() {
        dimension("dim_async");
        CapturingMetricReporter.clear();
        List<Row> rows = join("dim_async");
        assertAnswers(rows);
        // ORDERED output mode (the default): the probe order survives.
        List<Long> order = new ArrayList<>();
        rows.forEach(row -> order.add((Long) row.getField(0)));
        assertThat(order).isSorted();

        Map<String, Long> calls = commandCalls();
        long roundTrips = calls.getOrDefault("mget", 0L) + calls.getOrDefault("get", 0L);
        assertThat(roundTrips)
                .as("round trips for %s probes, commands %s", PROBES, calls)
                .isLessThan(PROBES / 5);
        assertThat(CapturingMetricReporter.counterSum("numLookups", "LookupJoin"))
                .isEqualTo(PROBES);
        assertThat(CapturingMetricReporter.counterSum("numLookupMisses", "LookupJoin"))
                .isEqualTo(PROBES / 2);
        assertThat(CapturingMetricReporter.counterSum("numLookupBatches", "LookupJoin"))
                .isEqualTo(roundTrips);
        assertThat(CapturingMetricReporter.counterSum("numLookupErrors", "LookupJoin")).isZero();

        // The same probes through the synchronous function give the same rows.
        dimension("dim_sync", "'lookup.async' = 'false'");
        assertThat(join("dim_sync")).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void asyncWithCacheAndExpireAfterWriteSeesAChangedValueAfterExpiry() throws Exception {
        dimension(
                "dim",
                "'lookup.cache' = 'PARTIAL'",
                "'lookup.partial-cache.expire-after-write' = '1 s'");
        env.executeSql(
                "CREATE TEMPORARY TABLE ticks (n BIGINT) WITH ('connector' = 'datagen',"
                        + " 'fields.n.kind' = 'sequence', 'fields.n.start' = '1',"
                        + " 'fields.n.end' = '60', 'rows-per-second' = '20')");
        List<String> seen = new ArrayList<>();
        try (CloseableIterator<Row> it =
                env.executeSql(
                                "SELECT d.v FROM (SELECT n, '7' AS id, PROCTIME() AS proc FROM"
                                        + " ticks) AS p JOIN dim FOR SYSTEM_TIME AS OF p.proc AS d"
                                        + " ON p.id = d.id")
                        .collect()) {
            seen.add((String) it.next().getField(0));
            try (Jedis redis = REDIS.newClient()) {
                redis.set("dim:7", "changed");
            }
            it.forEachRemaining(row -> seen.add((String) row.getField(0)));
        }
        assertThat(seen).hasSize(60);
        int firstChanged = seen.indexOf("changed");
        assertThat(seen.subList(0, 1)).containsExactly("value-7");
        assertThat(firstChanged).as("rows in %s", seen).isGreaterThan(5);
        assertThat(seen.subList(0, firstChanged)).containsOnly("value-7");
        assertThat(seen.subList(firstChanged, 60)).containsOnly("changed");
        // 3 s of probes, entries live 1 s: a handful of reads, not 60.
        assertThat(commandCalls().get("get")).isBetween(2L, 6L);
    }
}
