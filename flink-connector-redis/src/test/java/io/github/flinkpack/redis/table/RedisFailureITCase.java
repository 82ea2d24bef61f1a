package io.github.flinkpack.redis.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.redis.RedisServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** Redis going away mid-job: recovery without loss, or a failure that says what failed. */
class RedisFailureITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static void numbers(TableEnvironment env, long rows, long rowsPerSecond) {
        env.executeSql(
                "CREATE TEMPORARY TABLE numbers (n BIGINT) WITH ('connector' = 'datagen',"
                        + " 'fields.n.kind' = 'sequence', 'fields.n.start' = '1',"
                        + " 'fields.n.end' = '"
                        + rows
                        + "', 'rows-per-second' = '"
                        + rowsPerSecond
                        + "')");
    }

    private static long dbSize(RedisServer server) {
        try (Jedis redis = server.newClient()) {
            return redis.dbSize();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static void awaitKeys(RedisServer server, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (dbSize(server) < atLeast) {
            assertThat(System.nanoTime()).as("keys appear in Redis").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void redisKilledMidJobAndRestartedLosesNoWrite() throws Exception {
        long rows = 20_000;
        try (RedisServer server = RedisServer.builder().name("crashing").appendOnly().start()) {
            TableEnvironment env = FlinkMiniCluster.streaming();
            env.getConfig().set("execution.checkpointing.interval", "300 ms");
            env.getConfig().set("restart-strategy.type", "fixed-delay");
            env.getConfig().set("restart-strategy.fixed-delay.attempts", "30");
            env.getConfig().set("restart-strategy.fixed-delay.delay", "500 ms");
            numbers(env, rows, 5_000);
            env.executeSql(
                    "CREATE TABLE doubled (n BIGINT, v BIGINT, PRIMARY KEY (n) NOT ENFORCED) WITH"
                            + " ('connector' = 'redis', 'url' = '"
                            + server.url()
                            + "',"
                            + " 'sink.max-retries' = '2', 'sink.retry.backoff' = '100 ms',"
                            + " 'connect.timeout' = '1 s', 'socket.timeout' = '2 s')");
            TableResult job = env.executeSql("INSERT INTO doubled SELECT n, n * 2 FROM numbers");

            awaitKeys(server, 3_000);
            long keysWhenKilled = dbSize(server);
            server.kill();
            assertThat(keysWhenKilled).as("killed mid-job").isLessThan(rows);
            Thread.sleep(3_000);
            server.restart();
            assertThat(dbSize(server)).as("AOF kept what was acknowledged").isGreaterThan(0);

            CompletableFuture.runAsync(
                            () -> {
                                try {
                                    job.await();
                                } catch (Exception e) {
                                    throw new RuntimeException(e);
                                }
                            })
                    .get(120, TimeUnit.SECONDS);

            try (Jedis redis = server.newClient()) {
                assertThat(redis.dbSize()).isEqualTo(rows);
                for (long n = 1; n <= rows; n += 997) {
                    assertThat(redis.get(String.valueOf(n))).isEqualTo(String.valueOf(n * 2));
                }
                assertThat(redis.get(String.valueOf(rows))).isEqualTo(String.valueOf(rows * 2));
            }
        }
    }

    @Test
    void redisGoneForGoodFailsTheJobAfterItsRetriesNamingTableAndCause() throws Exception {
        try (RedisServer server = RedisServer.builder().name("vanishing").start()) {
            TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
            numbers(env, 100_000, 200);
            env.executeSql(
                    "CREATE TABLE lost (n BIGINT, v BIGINT, PRIMARY KEY (n) NOT ENFORCED) WITH"
                            + " ('connector' = 'redis', 'url' = '"
                            + server.url()
                            + "',"
                            + " 'sink.max-retries' = '2', 'sink.retry.backoff' = '50 ms',"
                            + " 'sink.buffer-flush.interval' = '50 ms', 'connect.timeout' = '1 s')");
            TableResult job = env.executeSql("INSERT INTO lost SELECT n, n FROM numbers");
            awaitKeys(server, 10);
            server.kill();

            assertThatThrownBy(job::await)
                    .hasStackTraceContaining(
                            "Table 'default_catalog.default_database.lost': writing a batch of")
                    .hasStackTraceContaining("failed after 3 attempt(s)")
                    .hasStackTraceContaining(server.url().substring("redis://".length()));
        }
    }
}
