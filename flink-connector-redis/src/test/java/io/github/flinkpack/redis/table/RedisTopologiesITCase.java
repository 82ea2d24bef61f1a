package io.github.flinkpack.redis.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.redis.RedisCluster;
import io.github.flinkpack.testing.redis.RedisSentinelSet;
import io.github.flinkpack.testing.redis.RedisServer;
import io.github.flinkpack.testing.redis.TlsMaterial;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/** Every command from SQL against Cluster, Sentinel, TLS-only and ACL-protected servers. */
class RedisTopologiesITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final int ROWS = 2000;

    /**
     * Every command into the server(s) the connection options name: SET with a TTL, INCR, HSET and
     * HINCR in one job, then EXPIRE on the SET keys in a second one (after the first, so the keys
     * exist).
     */
    private static void writeEveryCommand(String connection) throws Exception {
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.executeSql(
                "CREATE TEMPORARY TABLE numbers (n BIGINT) WITH ('connector' = 'datagen',"
                        + " 'fields.n.kind' = 'sequence', 'fields.n.start' = '1',"
                        + " 'fields.n.end' = '"
                        + ROWS
                        + "', 'rows-per-second' = '1000000000')");
        String redis = "'connector' = 'redis', " + connection;
        env.executeSql(
                "CREATE TABLE kv (n BIGINT, v STRING, PRIMARY KEY (n) NOT ENFORCED) WITH ("
                        + redis
                        + ", 'key.prefix' = 'kv:', 'ttl' = '1 h')");
        env.executeSql(
                "CREATE TABLE bucket_counts (bucket BIGINT) WITH ("
                        + redis
                        + ", 'command' = 'INCR', 'key.fields' = 'bucket', 'key.prefix' = 'bucket:')");
        env.executeSql(
                "CREATE TABLE hashes (bucket BIGINT, field STRING, v BIGINT) WITH ("
                        + redis
                        + ", 'command' = 'HSET', 'key.fields' = 'bucket', 'hash.field' ="
                        + " 'field', 'key.prefix' = 'hash:')");
        env.executeSql(
                "CREATE TABLE parity (bucket BIGINT, parity STRING) WITH ("
                        + redis
                        + ", 'command' = 'HINCR', 'key.fields' = 'bucket', 'hash.field' = 'parity',"
                        + " 'key.prefix' = 'parity:')");
        env.createStatementSet()
                .addInsertSql("INSERT INTO kv SELECT n, CAST(n * 10 AS STRING) FROM numbers")
                .addInsertSql("INSERT INTO bucket_counts SELECT n % 10 FROM numbers")
                .addInsertSql(
                        "INSERT INTO hashes SELECT n % 10, CAST(n AS STRING), n FROM" + " numbers")
                .addInsertSql(
                        "INSERT INTO parity SELECT n % 10, CASE WHEN n % 20 < 10 THEN"
                                + " 'low' ELSE 'high' END FROM numbers")
                .execute()
                .await();
        env.executeSql(
                "CREATE TABLE shorten (n BIGINT) WITH ("
                        + redis
                        + ", 'command' ="
                        + " 'EXPIRE', 'key.fields' = 'n', 'key.prefix' = 'kv:', 'ttl' = '30 min')");
        env.executeSql("INSERT INTO shorten SELECT n FROM numbers WHERE n <= 100").await();
    }

    private static void assertEveryCommand(UnifiedJedis redis) {
        for (long n : new long[] {1, 100, 777, ROWS}) {
            assertThat(redis.get("kv:" + n)).isEqualTo(String.valueOf(n * 10));
        }
        assertThat(redis.pttl("kv:100"))
                .as("EXPIRE shortened it")
                .isBetween(1_700_000L, 1_800_000L);
        assertThat(redis.pttl("kv:101")).as("SET ttl").isBetween(3_500_000L, 3_600_000L);
        for (int bucket = 0; bucket < 10; bucket++) {
            assertThat(redis.get("bucket:" + bucket)).isEqualTo(String.valueOf(ROWS / 10));
            assertThat(redis.hlen("hash:" + bucket)).isEqualTo(ROWS / 10);
            assertThat(redis.hgetAll("parity:" + bucket))
                    .isEqualTo(
                            Map.of(
                                    "low",
                                    String.valueOf(ROWS / 20),
                                    "high",
                                    String.valueOf(ROWS / 20)));
        }
        assertThat(redis.hget("hash:7", "777")).isEqualTo("777");
    }

    private static UnifiedJedis client(RedisServer server) {
        return new JedisPooled(server.hostAndPort(), server.clientConfig());
    }

    @Test
    void cluster() throws Exception {
        try (RedisCluster cluster = RedisCluster.start(3)) {
            writeEveryCommand(
                    "'mode' = 'cluster', 'cluster.nodes' = '" + cluster.nodesOption() + "'");
            try (JedisCluster redis = cluster.newClient()) {
                assertEveryCommand(redis);
            }
            long total = 0;
            Set<Integer> nodesWithKeys = new HashSet<>();
            for (RedisServer master : cluster.masters()) {
                try (Jedis node = master.newClient()) {
                    long keys = node.keys("kv:*").size();
                    total += keys;
                    if (keys > 0) {
                        nodesWithKeys.add(master.port());
                    }
                }
            }
            assertThat(total).isEqualTo(ROWS);
            assertThat(nodesWithKeys).hasSize(3);
        }
    }

    @Test
    void sentinelWritesToTheMasterAndFollowsAFailover() throws Exception {
        try (RedisSentinelSet set = RedisSentinelSet.start()) {
            String connection =
                    "'mode' = 'sentinel', 'sentinel.master' = '"
                            + set.masterName()
                            + "', 'sentinel.nodes' = '"
                            + set.sentinelNodesOption()
                            + "'";
            writeEveryCommand(connection);
            try (UnifiedJedis master = client(set.master())) {
                assertEveryCommand(master);
            }

            // The master dies; the Sentinel promotes the replica; a new job finds it.
            set.master().kill();
            try (Jedis sentinel = set.sentinel().newClient()) {
                long deadline = System.currentTimeMillis() + 30_000;
                while (!sentinel.sentinelGetMasterAddrByName(set.masterName())
                        .get(1)
                        .equals(String.valueOf(set.replica().port()))) {
                    assertThat(System.currentTimeMillis()).isLessThan(deadline);
                    Thread.sleep(200);
                }
            }
            TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
            env.executeSql(
                    "CREATE TABLE after_failover (k STRING, v STRING) WITH ('connector' ="
                            + " 'redis', 'key.fields' = 'k', "
                            + connection
                            + ")");
            env.executeSql("INSERT INTO after_failover VALUES ('promoted', 'yes')").await();
            try (Jedis promoted = set.replica().newClient()) {
                assertThat(promoted.get("promoted")).isEqualTo("yes");
                assertThat(promoted.get("kv:5")).isEqualTo("50");
            }
        }
    }

    @Test
    void tlsOnlyServer(@TempDir Path dir) throws Exception {
        TlsMaterial tls = TlsMaterial.generate(dir);
        try (RedisServer server = RedisServer.builder().name("tls").tls(tls).start()) {
            String trust =
                    "'tls.truststore.path' = '"
                            + tls.truststore()
                            + "', 'tls.truststore.password' = '"
                            + tls.truststorePassword()
                            + "'";
            writeEveryCommand("'url' = 'rediss://localhost:" + server.port() + "', " + trust);
            try (UnifiedJedis redis = client(server)) {
                assertEveryCommand(redis);
            }

            // The certificate names localhost and 127.0.0.1 only: another name fails the check.
            TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
            env.executeSql(
                    "CREATE TABLE wrong_host (k STRING, v STRING) WITH ('connector' = 'redis',"
                            + " 'key.fields' = 'k', 'url' = 'rediss://127.0.0.2:"
                            + server.port()
                            + "', "
                            + trust
                            + ")");
            assertThatThrownBy(
                            () ->
                                    env.executeSql("INSERT INTO wrong_host VALUES ('a', 'b')")
                                            .await())
                    .hasStackTraceContaining("Cannot reach rediss://127.0.0.2:" + server.port());
        }
    }

    @Test
    void aclUserWithPassword() throws Exception {
        try (RedisServer server =
                RedisServer.builder().name("acl").aclUser("flink-writer", "pw-Acl-123").start()) {
            writeEveryCommand(
                    "'url' = '"
                            + server.url()
                            + "', 'username' = 'flink-writer', 'password' = 'pw-Acl-123'");
            try (UnifiedJedis redis = client(server)) {
                assertEveryCommand(redis);
            }
        }
    }
}
