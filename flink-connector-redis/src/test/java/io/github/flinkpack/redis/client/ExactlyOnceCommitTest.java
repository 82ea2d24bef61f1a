package io.github.flinkpack.redis.client;

import static io.github.flinkpack.redis.client.RedisWriteClientTest.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.redis.client.CounterDelta.Operation;
import io.github.flinkpack.redis.config.RedisMode;
import io.github.flinkpack.testing.redis.RedisCluster;
import io.github.flinkpack.testing.redis.RedisExtension;
import io.github.flinkpack.testing.redis.RedisServer;
import io.github.flinkpack.testing.redis.ReplayGuardKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.JedisClusterCRC16;

/** An exactly-once commit applied twice (by hand, as after a restore) changes nothing. */
class ExactlyOnceCommitTest {

    @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

    private static final long RETENTION = 60_000;

    @BeforeEach
    void flush() {
        REDIS.flush();
    }

    private static RespBlock ops(String... keys) {
        List<CounterDelta> counters = new ArrayList<>();
        List<KeyedCommand> commands = new ArrayList<>();
        for (String key : keys) {
            counters.add(
                    new CounterDelta(bytes("n:" + key), null, Operation.INCRBY, "3", null, false));
            commands.add(
                    new KeyedCommand(
                            bytes("s:" + key),
                            Protocol.Command.SET,
                            bytes("s:" + key),
                            bytes(key)));
        }
        return RespBlock.of(CommitOps.of(new RedisBatch(1, commands, counters)));
    }

    @Test
    void aRepeatedCommitIsANoOpAndALaterOneApplies() throws Exception {
        try (RedisWriteClient client =
                        RedisWriteClient.connect(
                                config(RedisMode.STANDALONE, REDIS.url().substring(8)));
                Jedis redis = REDIS.newClient()) {
            redis.configResetStat();
            client.commit("lineage-a:0", 1, RETENTION, ops("x", "y"));
            client.commit("lineage-a:0", 1, RETENTION, ops("x", "y"));
            assertThat(redis.mget("n:x", "n:y", "s:x")).containsExactly("3", "3", "x");

            // An older commit of the same writer, replayed late, is skipped too.
            client.commit("lineage-a:0", 2, RETENTION, ops("x"));
            client.commit("lineage-a:0", 1, RETENTION, ops("x"));
            assertThat(redis.get("n:x")).isEqualTo("6");

            // Another writer (another subtask, or a restart) has its own marker.
            client.commit("lineage-b:0", 1, RETENTION, ops("x"));
            assertThat(redis.get("n:x")).isEqualTo("9");

            List<String> markers = new ArrayList<>(redis.keys(ReplayGuardKeys.PATTERN));
            assertThat(markers)
                    .containsExactlyInAnyOrder(
                            "flinkpack:batch:eo:lineage-a:0", "flinkpack:batch:eo:lineage-b:0");
            assertThat(redis.pttl("flinkpack:batch:eo:lineage-a:0")).isBetween(1L, RETENTION);

            String stats = redis.info("commandstats");
            assertThat(stats)
                    .as("outside a cluster a commit is one transaction, no script")
                    .contains("cmdstat_exec:calls=3,")
                    .doesNotContain("cmdstat_eval");
        }
    }

    @Test
    void aRefusedWriteFailsNamingTheKeyAndTheRestIsAppliedOnce() throws Exception {
        try (RedisWriteClient client =
                        RedisWriteClient.connect(
                                config(RedisMode.STANDALONE, REDIS.url().substring(8)));
                Jedis redis = REDIS.newClient()) {
            redis.hset("n:bad", "f", "1");
            assertThatThrownBy(() -> client.commit("l:0", 1, RETENTION, ops("ok", "bad")))
                    .isInstanceOf(RedisCommandException.class)
                    .hasMessageContaining("key 'n:bad'")
                    .hasMessageContaining("WRONGTYPE")
                    .satisfies(
                            e -> assertThat(((RedisCommandException) e).isRetryable()).isFalse());
            assertThat(redis.get("n:ok")).isEqualTo("3");
            client.commit("l:0", 1, RETENTION, ops("ok", "bad"));
            assertThat(redis.get("n:ok"))
                    .as("the repeat after a restore is skipped")
                    .isEqualTo("3");
        }
    }

    @Test
    void clusterMarkersPerSlotFollowAMovedSlot() throws Exception {
        try (RedisCluster cluster = RedisCluster.start(3);
                RedisWriteClient client =
                        RedisWriteClient.connect(
                                config(RedisMode.CLUSTER, cluster.nodesOption().split(",")));
                JedisCluster redis = cluster.newClient()) {
            String[] keys = new String[200];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = "k" + i;
            }
            client.commit("l:3", 1, RETENTION, ops(keys));

            // The slot of n:k7 moves (with its keys and its marker) behind the client's back.
            int slot = JedisClusterCRC16.getSlot("n:k7");
            RedisServer owner = cluster.ownerOf(slot);
            RedisServer other =
                    cluster.masters().stream().filter(m -> m != owner).findFirst().orElseThrow();
            cluster.moveSlot(slot, other);
            try (Jedis old = owner.newClient()) {
                old.configResetStat();
            }

            client.commit("l:3", 1, RETENTION, ops(keys));
            client.commit("l:3", 2, RETENTION, ops("k7"));
            for (String key : keys) {
                assertThat(redis.get("n:" + key)).as(key).isEqualTo(key.equals("k7") ? "6" : "3");
                assertThat(redis.get("s:" + key)).isEqualTo(key);
            }
            try (Jedis old = owner.newClient()) {
                assertThat(old.info("errorstats"))
                        .as("the commit was sent to the old owner, redirected, and resent")
                        .contains("errorstat_MOVED");
            }
            try (Jedis node = other.newClient()) {
                assertThat(node.keys("flinkpack:batch:eo:*"))
                        .as("the marker of the slot moved with it")
                        .contains("flinkpack:batch:eo:{" + tagOf(slot) + "}l:3");
            }
        }
    }

    private static String tagOf(int slot) {
        return SlotTags.forSlot(slot);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
