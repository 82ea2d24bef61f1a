package io.github.flinkpack.redis.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.redis.RedisExtension;
import io.github.flinkpack.testing.redis.ReplayGuardKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * Several batches in flight ({@code sink.max-in-flight-batches}) keep every key's order and write a
 * counter batch at most once: a changelog that hammers a few keys (one of them with half of all
 * rows) with interleaved upserts and deletes, or with increments and their retractions, goes out in
 * batches of three rows over four lanes while another client keeps killing the sink's connections,
 * so batches fail half-way and are retried. The final state must be exactly the changelog's.
 */
class RedisSinkLanesITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

    private static final int ROWS = 20_000;
    private static final int KEYS = 12;
    private static final String LANES =
            "'sink.max-in-flight-batches' = '4', 'sink.buffer-flush.max-rows' = '3',"
                    + " 'sink.max-retries' = '50', 'sink.retry.backoff' = '5 ms'";

    @BeforeEach
    void flush() {
        REDIS.flush();
    }

    /** Key {@code k0} gets half the rows, the rest are spread over the other keys. */
    private static String key(Random random) {
        return random.nextBoolean() ? "k0" : "k" + (1 + random.nextInt(KEYS - 1));
    }

    @Test
    void upsertsAndDeletesOfHotKeysEndAsTheirLastChange() throws Exception {
        Random random = new Random(17);
        Map<String, String> live = new HashMap<>();
        List<Row> changelog = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            String key = key(random);
            String value = "v" + i;
            String old = live.get(key);
            if (old == null) {
                changelog.add(Row.ofKind(RowKind.INSERT, key, value));
                live.put(key, value);
            } else if (random.nextInt(3) == 0) {
                changelog.add(Row.ofKind(RowKind.DELETE, key, old));
                live.remove(key);
            } else {
                changelog.add(Row.ofKind(RowKind.UPDATE_BEFORE, key, old));
                changelog.add(Row.ofKind(RowKind.UPDATE_AFTER, key, value));
                live.put(key, value);
            }
        }
        long killed =
                runWhileKillingConnections(
                        changelog,
                        "STRING NOT NULL",
                        "STRING",
                        true,
                        "CREATE TABLE live (k STRING, v STRING, PRIMARY KEY (k) NOT ENFORCED)"
                                + " WITH ('connector' = 'redis', 'url' = '"
                                + REDIS.url()
                                + "', "
                                + LANES
                                + ")",
                        "INSERT INTO live SELECT f0, f1 FROM changes");

        assertThat(killed).as("connections killed while the job ran").isPositive();
        assertThat(dataKeys(value -> value)).isEqualTo(live);
    }

    @Test
    void incrementsAndRetractionsOfHotKeysSumExactly() throws Exception {
        Random random = new Random(23);
        Map<String, Long> sums = new HashMap<>();
        List<Row> changelog = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            String key = key(random);
            long delta = 1 + random.nextInt(9);
            boolean retract = random.nextInt(3) == 0;
            RowKind kind =
                    retract
                            ? (random.nextBoolean() ? RowKind.UPDATE_BEFORE : RowKind.DELETE)
                            : (random.nextBoolean() ? RowKind.INSERT : RowKind.UPDATE_AFTER);
            changelog.add(Row.ofKind(kind, key, delta));
            sums.merge(key, retract ? -delta : delta, Long::sum);
        }
        long killed =
                runWhileKillingConnections(
                        changelog,
                        "STRING NOT NULL",
                        "BIGINT",
                        false,
                        "CREATE TABLE counts (k STRING, n BIGINT) WITH ('connector' = 'redis',"
                                + " 'command' = 'INCR', 'key.fields' = 'k', 'url' = '"
                                + REDIS.url()
                                + "', "
                                + LANES
                                + ")",
                        "INSERT INTO counts SELECT f0, f1 FROM changes");

        assertThat(killed).as("connections killed while the job ran").isPositive();
        assertThat(dataKeys(Long::parseLong)).isEqualTo(sums);
        try (Jedis redis = REDIS.newClient()) {
            // One replay guard per lane that wrote.
            assertThat(redis.keys(ReplayGuardKeys.PATTERN)).hasSizeBetween(1, 4);
        }
    }

    /** Every data key ({@code k...}) with its value, parsed. */
    private static <T> Map<String, T> dataKeys(Function<String, T> parse) {
        Map<String, T> state = new HashMap<>();
        try (Jedis redis = REDIS.newClient()) {
            for (String key : redis.keys("k*")) {
                state.put(key, parse.apply(redis.get(key)));
            }
        }
        return state;
    }

    /**
     * Runs the insert; from its first write on, kills every other client connection every few ms.
     */
    private static long runWhileKillingConnections(
            List<Row> changelog,
            String keyType,
            String valueType,
            boolean upsert,
            String ddl,
            String insert)
            throws Exception {
        StreamExecutionEnvironment streams = StreamExecutionEnvironment.getExecutionEnvironment();
        streams.setParallelism(1);
        StreamTableEnvironment tables = StreamTableEnvironment.create(streams);
        Schema.Builder schema = Schema.newBuilder().column("f0", keyType).column("f1", valueType);
        if (upsert) {
            schema.primaryKey("f0");
        }
        tables.createTemporaryView(
                "changes",
                tables.fromChangelogStream(
                        streams.fromData(changelog), schema.build(), ChangelogMode.all()));
        tables.executeSql(ddl);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong killed = new AtomicLong();
        Thread killer =
                new Thread(
                        () -> {
                            try (Jedis redis = REDIS.newClient()) {
                                // Once the first batch is in, the writer is past its connect.
                                while (running.get() && redis.dbSize() == 0) {
                                    Thread.sleep(1);
                                }
                                while (running.get()) {
                                    killed.addAndGet(
                                            (Long)
                                                    redis.sendCommand(
                                                            Protocol.Command.CLIENT,
                                                            "KILL",
                                                            "TYPE",
                                                            "normal",
                                                            "SKIPME",
                                                            "yes"));
                                    Thread.sleep(3);
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "connection-killer");
        killer.start();
        try {
            tables.executeSql(insert).await();
        } finally {
            running.set(false);
            killer.join();
        }
        return killed.get();
    }
}
