package io.github.flinkpack.testing.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.exceptions.JedisException;

/** Each fixture topology starts real processes that behave as that topology should. */
class RedisTopologiesTest {

    @Test
    void standaloneServerAnswersAndStopsOnClose() {
        RedisServer server = RedisServer.startStandalone();
        try (Jedis client = server.newClient()) {
            client.set("k", "v");
            assertThat(client.get("k")).isEqualTo("v");
            assertThat(client.configGet("save").get("save")).isEmpty();
        } finally {
            server.close();
        }
        assertThat(server.isRunning()).isFalse();
        assertThat(FreePorts.isFree(server.port())).isTrue();
    }

    @Test
    void killedServerWithoutPersistenceLosesDataAndWithAofKeepsIt() {
        try (RedisServer volatileServer = RedisServer.startStandalone();
                RedisServer durable = RedisServer.builder().appendOnly().start()) {
            for (RedisServer server : List.of(volatileServer, durable)) {
                try (Jedis client = server.newClient()) {
                    client.set("survives", "yes");
                }
                server.kill();
                assertThat(server.isRunning()).isFalse();
                assertThatThrownBy(() -> server.newClient().ping())
                        .isInstanceOf(JedisException.class);
                server.restart();
            }
            try (Jedis lost = volatileServer.newClient();
                    Jedis kept = durable.newClient()) {
                assertThat(lost.get("survives")).isNull();
                assertThat(kept.get("survives")).isEqualTo("yes");
            }
        }
    }

    @Test
    void clusterSpreadsSlotsOverThreeMasters() {
        try (RedisCluster cluster = RedisCluster.start(3);
                JedisCluster client = cluster.newClient()) {
            for (int i = 0; i < 100; i++) {
                client.set("key-" + i, String.valueOf(i));
            }
            Set<Integer> mastersHoldingKeys = new HashSet<>();
            long total = 0;
            for (RedisServer master : cluster.masters()) {
                try (Jedis node = master.newClient()) {
                    assertThat(node.clusterInfo()).contains("cluster_slots_assigned:16384");
                    long size = node.dbSize();
                    total += size;
                    if (size > 0) {
                        mastersHoldingKeys.add(master.port());
                    }
                }
            }
            assertThat(total).isEqualTo(100);
            assertThat(mastersHoldingKeys).hasSize(3);
            assertThat(client.get("key-42")).isEqualTo("42");
        }
    }

    @Test
    void sentinelNamesTheMasterAndTheReplicaFollowsIt() throws Exception {
        try (RedisSentinelSet set = RedisSentinelSet.start();
                Jedis sentinel = set.sentinel().newClient();
                Jedis master = set.master().newClient();
                Jedis replica = set.replica().newClient()) {
            assertThat(sentinel.sentinelGetMasterAddrByName(set.masterName()))
                    .containsExactly(set.master().host(), String.valueOf(set.master().port()));
            master.set("replicated", "1");
            master.waitReplicas(1, 5000);
            assertThat(replica.get("replicated")).isEqualTo("1");
            assertThat(replica.info("replication")).contains("role:slave");
        }
    }

    @Test
    void tlsServerRefusesPlainClientsAndServesTrustedOnes(@TempDir Path dir) {
        TlsMaterial tls = TlsMaterial.generate(dir);
        try (RedisServer server = RedisServer.builder().name("tls").tls(tls).start()) {
            assertThat(server.url()).startsWith("rediss://");
            try (Jedis client = server.newClient()) {
                client.set("secure", "1");
                assertThat(client.get("secure")).isEqualTo("1");
            }
            assertThatThrownBy(
                            () -> {
                                try (Jedis plain =
                                        new Jedis(
                                                server.hostAndPort(),
                                                DefaultJedisClientConfig.builder()
                                                        .socketTimeoutMillis(1000)
                                                        .build())) {
                                    plain.ping();
                                }
                            })
                    .isInstanceOf(JedisException.class);
        }
    }

    @Test
    void aclServerAcceptsOnlyItsUser() {
        try (RedisServer server =
                RedisServer.builder().name("acl").aclUser("flink", "s3cret-pw").start()) {
            try (Jedis client = server.newClient()) {
                assertThat(client.aclWhoAmI()).isEqualTo("flink");
            }
            assertThatThrownBy(
                            () -> {
                                try (Jedis anonymous = new Jedis(server.hostAndPort())) {
                                    anonymous.ping();
                                }
                            })
                    .hasMessageContaining("NOAUTH");
            assertThatThrownBy(
                            () -> {
                                try (Jedis wrong =
                                        new Jedis(
                                                server.hostAndPort(),
                                                DefaultJedisClientConfig.builder()
                                                        .user("flink")
                                                        .password("wrong")
                                                        .build())) {
                                    wrong.ping();
                                }
                            })
                    .hasMessageContaining("WRONGPASS");
        }
    }
}
