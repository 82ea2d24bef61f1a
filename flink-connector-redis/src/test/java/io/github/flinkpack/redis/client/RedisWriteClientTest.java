package io.github.flinkpack.redis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.redis.client.CounterDelta.Operation;
import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.RedisMode;
import io.github.flinkpack.testing.redis.RedisCluster;
import io.github.flinkpack.testing.redis.RedisExtension;
import io.github.flinkpack.testing.redis.RedisServer;
import io.github.flinkpack.testing.redis.ReplayGuardKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A retried counter batch is not applied twice: the writer resends the same batch when a reply is
 * lost, and the marker-checked script must turn the resend into a no-op.
 */
public class RedisWriteClientTest {

    @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

    @BeforeEach
    void flush() {
        REDIS.flush();
    }

    /** A connection to {@code nodes} (host:port) with the tests' timeouts, no TLS or auth. */
    public static RedisConnectionConfig config(RedisMode mode, String... nodes) {
        return new RedisConnectionConfig(
                mode,
                Arrays.asList(nodes),
                0,
                null,
                null,
                null,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                false,
                null,
                null,
                true);
    }

    private static RedisConnectionConfig standalone() {
        return config(RedisMode.STANDALONE, REDIS.url().substring("redis://".length()));
    }

    private static CounterDelta incr(String key, long delta) {
        return new CounterDelta(
                bytes(key), null, Operation.INCRBY, String.valueOf(delta), null, false);
    }

    @Test
    void resentCounterBatchIsAppliedOnce() throws Exception {
        try (RedisWriteClient client = RedisWriteClient.connect(standalone());
                Jedis redis = REDIS.newClient()) {
            RedisBatch first = new RedisBatch(1, List.of(), List.of(incr("a", 5), incr("b", -2)));
            client.write(first);
            client.write(first); // the retry after a lost reply
            assertThat(redis.mget("a", "b")).containsExactly("5", "-2");

            client.write(new RedisBatch(2, List.of(), List.of(incr("a", 5))));
            assertThat(redis.get("a")).isEqualTo("10");

            // A different writer (another subtask, or after a restart) has its own marker.
            try (RedisWriteClient other = RedisWriteClient.connect(standalone())) {
                other.write(new RedisBatch(2, List.of(), List.of(incr("a", 1))));
            }
            assertThat(redis.get("a")).isEqualTo("11");

            // Beside the data, only one replay-guard key per writer, under the documented prefix.
            assertThat(redis.keys("*"))
                    .filteredOn(key -> !ReplayGuardKeys.isReplayGuard(key))
                    .containsExactlyInAnyOrder("a", "b");
            assertThat(redis.keys(ReplayGuardKeys.PATTERN)).hasSize(2);
        }
    }

    @Test
    void aRejectedCounterFailsWithoutRetryAndTheRestIsAppliedOnce() throws Exception {
        try (RedisWriteClient client = RedisWriteClient.connect(standalone());
                Jedis redis = REDIS.newClient()) {
            redis.hset("not-a-counter", "f", "v");
            RedisBatch batch =
                    new RedisBatch(7, List.of(), List.of(incr("ok", 1), incr("not-a-counter", 1)));

            assertThatThrownBy(() -> client.write(batch))
                    .isInstanceOf(RedisCommandException.class)
                    .hasMessageContaining("key 'not-a-counter'")
                    .hasMessageContaining("WRONGTYPE")
                    .matches(e -> !((RedisCommandException) e).isRetryable());
            // The batch was applied and marked apart from the rejected key: a resend is a no-op.
            client.write(batch);
            assertThat(redis.get("ok")).isEqualTo("1");
        }
    }

    @Test
    void plainCommandErrorNamesTheKeyAndIsNotRetryable() throws Exception {
        try (RedisWriteClient client = RedisWriteClient.connect(standalone());
                Jedis redis = REDIS.newClient()) {
            redis.set("text", "x");
            KeyedCommand hset =
                    new KeyedCommand(
                            bytes("text"),
                            Protocol.Command.HSET,
                            bytes("text"),
                            bytes("f"),
                            bytes("v"));
            assertThatThrownBy(() -> client.write(new RedisBatch(1, List.of(hset), List.of())))
                    .hasMessageContaining("HSET text")
                    .hasMessageContaining("WRONGTYPE")
                    .matches(e -> !((RedisCommandException) e).isRetryable());
        }
    }

    @Test
    void clusterCounterBatchSpanningNodesIsAppliedOnce() throws Exception {
        try (RedisCluster cluster = RedisCluster.start(3);
                RedisWriteClient client =
                        RedisWriteClient.connect(
                                config(RedisMode.CLUSTER, cluster.nodesOption().split(",")));
                JedisCluster redis = cluster.newClient()) {
            List<CounterDelta> deltas = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                deltas.add(incr("c" + i, i));
            }
            RedisBatch batch = new RedisBatch(1, List.of(), deltas);
            client.write(batch);
            client.write(batch);
            for (int i = 0; i < 300; i += 37) {
                assertThat(redis.get("c" + i)).isEqualTo(String.valueOf(i));
            }
        }
    }

    @Test
    void clusterRedirectsAreFollowedForCommandsAndCounters() throws Exception {
        try (RedisCluster cluster = RedisCluster.start(3);
                RedisWriteClient client =
                        RedisWriteClient.connect(
                                config(RedisMode.CLUSTER, cluster.nodesOption().split(",")));
                JedisCluster redis = cluster.newClient()) {
            // The client has cached the slot map. Move the (empty) slots of two keys elsewhere.
            String movedKey = "moved-key";
            String askedKey = "asked-key";
            int movedSlot = JedisClusterCRC16.getSlot(movedKey);
            int askedSlot = JedisClusterCRC16.getSlot(askedKey);
            RedisServer movedOwner = ownerOf(cluster, movedSlot);
            RedisServer movedTarget = otherThan(cluster, movedOwner);
            String targetId = nodeId(movedTarget);
            for (RedisServer node : cluster.masters()) {
                try (Jedis jedis = node.newClient()) {
                    jedis.clusterSetSlotNode(movedSlot, targetId);
                }
            }
            // Half-way migration of the other slot: the old owner answers ASK for absent keys.
            RedisServer askedOwner = ownerOf(cluster, askedSlot);
            RedisServer askedTarget = otherThan(cluster, askedOwner);
            try (Jedis target = askedTarget.newClient();
                    Jedis owner = askedOwner.newClient()) {
                target.clusterSetSlotImporting(askedSlot, nodeId(askedOwner));
                owner.clusterSetSlotMigrating(askedSlot, nodeId(askedTarget));
            }

            KeyedCommand set =
                    new KeyedCommand(
                            bytes(movedKey), Protocol.Command.SET, bytes(movedKey), bytes("v"));
            KeyedCommand asked =
                    new KeyedCommand(
                            bytes(askedKey), Protocol.Command.SET, bytes(askedKey), bytes("a"));
            client.write(new RedisBatch(1, List.of(set, asked), List.of()));
            client.write(new RedisBatch(2, List.of(), List.of(incr(movedKey + "-n", 0))));

            try (Jedis target = movedTarget.newClient();
                    Jedis importing = askedTarget.newClient()) {
                assertThat(target.get(movedKey)).isEqualTo("v");
                importing.asking();
                assertThat(importing.get(askedKey)).isEqualTo("a");
            }
            assertThat(redis.get(movedKey)).isEqualTo("v");
        }
    }

    private static RedisServer ownerOf(RedisCluster cluster, int slot) {
        for (RedisServer node : cluster.masters()) {
            try (Jedis jedis = node.newClient()) {
                String myId = jedis.clusterMyId();
                for (Object range : jedis.clusterSlots()) {
                    List<?> fields = (List<?>) range;
                    long from = (Long) fields.get(0);
                    long to = (Long) fields.get(1);
                    String owner =
                            new String(
                                    (byte[]) ((List<?>) fields.get(2)).get(2),
                                    StandardCharsets.UTF_8);
                    if (from <= slot && slot <= to && owner.equals(myId)) {
                        return node;
                    }
                }
            }
        }
        throw new AssertionError("no owner for slot " + slot);
    }

    private static RedisServer otherThan(RedisCluster cluster, RedisServer node) {
        return cluster.masters().stream().filter(n -> n != node).findFirst().orElseThrow();
    }

    private static String nodeId(RedisServer node) {
        try (Jedis jedis = node.newClient()) {
            return jedis.clusterMyId();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
