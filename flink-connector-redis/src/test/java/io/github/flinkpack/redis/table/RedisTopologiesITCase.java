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
import java.util.Set;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;

/** SET and INCR from SQL against Cluster, Sentinel, TLS-only and ACL-protected servers. */
class RedisTopologiesITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final int ROWS = 2000;

    /** Writes ROWS keys with SET and counts them per bucket with INCR into the given table. */
    private static void writeSetAndIncr(String connection) throws Exception {
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.executeSql(
                "CREATE TEMPORARY TABLE numbers (n BIGINT) WITH ('connector' = 'datagen',"
                        + " 'fields.n.kind' = 'sequence', 'fields.n.start' = '1',"
                        + " 'fields.n.end' = '"
                        + ROWS
                        + "', 'rows-per-second' = '1000000000')");
        env.executeSql(
                "CREATE TABLE kv (n BIGINT, v STRING, PRIMARY KEY (n) NOT ENFORCED) WITH"
                        + " ('connector' = 'redis', 'key.prefix' = 'kv:', 'ttl' = '1 h', "
                        + connection
                        + ")");
        env.executeSql(
                "CREATE TABLE bucket_counts (bucket BIGINT) WITH ('connector' = 'redis', 'command' ="
                        + " 'INCR', 'key.fields' = 'bucket', 'key.prefix' = 'bucket:', "
                        + connection
                        + ")");
        env.createStatementSet()
                .addInsertSql("INSERT INTO kv SELECT n, CAST(n * 10 AS STRING) FROM numbers")
                .addInsertSql("INSERT INTO bucket_counts SELECT n % 10 FROM numbers")
                .execute()
                .await();
    }

    @Test
    void cluster() throws Exception {
        try (RedisCluster cluster = RedisCluster.start(3)) {
            writeSetAndIncr(
                    "'mode' = 'cluster', 'cluster.nodes' = '" + cluster.nodesOption() + "'");
            try (JedisCluster redis = cluster.newClient()) {
                for (long n : new long[] {1, 777, ROWS}) {
                    assertThat(redis.get("kv:" + n)).isEqualTo(String.valueOf(n * 10));
                    assertThat(redis.pttl("kv:" + n)).isGreaterThan(3_500_000L);
                }
                for (int bucket = 0; bucket < 10; bucket++) {
                    assertThat(redis.get("bucket:" + bucket)).isEqualTo(String.valueOf(ROWS / 10));
                }
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
            writeSetAndIncr(connection);
            try (Jedis master = set.master().newClient()) {
                assertThat(master.get("kv:5")).isEqualTo("50");
                assertThat(master.get("bucket:3")).isEqualTo(String.valueOf(ROWS / 10));
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
            writeSetAndIncr("'url' = 'rediss://localhost:" + server.port() + "', " + trust);
            try (Jedis redis = server.newClient()) {
                assertThat(redis.get("kv:42")).isEqualTo("420");
                assertThat(redis.get("bucket:9")).isEqualTo(String.valueOf(ROWS / 10));
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
            writeSetAndIncr(
                    "'url' = '"
                            + server.url()
                            + "', 'username' = 'flink-writer', 'password' = 'pw-Acl-123'");
            try (Jedis redis = server.newClient()) {
                assertThat(redis.get("kv:1")).isEqualTo("10");
                assertThat(redis.get("bucket:0")).isEqualTo(String.valueOf(ROWS / 10));
            }
        }
    }
}
