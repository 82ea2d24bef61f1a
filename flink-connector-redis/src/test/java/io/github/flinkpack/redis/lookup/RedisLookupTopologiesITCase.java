package io.github.flinkpack.redis.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.redis.RedisCluster;
import io.github.flinkpack.testing.redis.RedisSentinelSet;
import io.github.flinkpack.testing.redis.RedisServer;
import io.github.flinkpack.testing.redis.TlsMaterial;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * What the sink writes, read back by lookup joins with the same connection options: Redis Cluster
 * (keys on every master, a slot moved while the job runs), Sentinel, TLS and ACL.
 */
class RedisLookupTopologiesITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final int KEYS = 2000;

    /** Writes SET, HSET and INCR tables, then joins probes for every key and some missing. */
    private static void writeAndLookUp(String connection) throws Exception {
        TableEnvironment env = tables(connection);
        env.executeSql(
                "CREATE TEMPORARY TABLE numbers (n BIGINT) WITH ('connector' = 'datagen',"
                        + " 'fields.n.kind' = 'sequence', 'fields.n.start' = '1',"
                        + " 'fields.n.end' = '"
                        + KEYS
                        + "', 'rows-per-second' = '1000000000')");
        env.createStatementSet()
                .addInsertSql("INSERT INTO kv SELECT n, CAST(n * 10 AS STRING) FROM numbers")
                .addInsertSql("INSERT INTO rows_ SELECT n, n + 1, CAST(n AS STRING) FROM numbers")
                .addInsertSql(
                        "INSERT INTO counts SELECT MOD(n, 10), COUNT(*) FROM numbers GROUP BY MOD(n, 10)")
                .execute()
                .await();
        env.executeSql(
                "CREATE TEMPORARY TABLE probe_numbers (n BIGINT) WITH ('connector' = 'datagen',"
                        + " 'fields.n.kind' = 'sequence', 'fields.n.start' = '1',"
                        + " 'fields.n.end' = '"
                        + (KEYS + 100)
                        + "', 'rows-per-second' = '1000000000')");
        List<Row> rows =
                FlinkMiniCluster.collect(
                        env,
                        "SELECT p.n, kv.v, r.a, r.b, c.total FROM (SELECT n, PROCTIME() AS proc FROM"
                                + " probe_numbers) AS p"
                                + " LEFT JOIN kv FOR SYSTEM_TIME AS OF p.proc AS kv ON p.n = kv.n"
                                + " LEFT JOIN rows_ FOR SYSTEM_TIME AS OF p.proc AS r ON p.n = r.n"
                                + " LEFT JOIN counts FOR SYSTEM_TIME AS OF p.proc AS c"
                                + "   ON MOD(p.n, 10) = c.bucket");
        assertThat(rows).hasSize(KEYS + 100);
        for (Row row : rows) {
            long n = (Long) row.getField(0);
            if (n <= KEYS) {
                assertThat(row)
                        .isEqualTo(
                                Row.of(n, String.valueOf(n * 10), n + 1, String.valueOf(n), 200L));
            } else {
                assertThat(row).isEqualTo(Row.of(n, null, null, null, 200L));
            }
        }
    }

    private static TableEnvironment tables(String connection) {
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        String redis = "'connector' = 'redis', " + connection;
        env.executeSql(
                "CREATE TABLE kv (n BIGINT, v STRING, PRIMARY KEY (n) NOT ENFORCED) WITH ("
                        + redis
                        + ", 'key.prefix' = 'kv:')");
        env.executeSql(
                "CREATE TABLE rows_ (n BIGINT, a BIGINT, b STRING, PRIMARY KEY (n) NOT ENFORCED)"
                        + " WITH ("
                        + redis
                        + ", 'command' = 'HSET', 'key.prefix' = 'row:')");
        env.executeSql(
                "CREATE TABLE counts (bucket BIGINT, total BIGINT, PRIMARY KEY (bucket) NOT"
                        + " ENFORCED) WITH ("
                        + redis
                        + ", 'command' = 'INCR', 'key.prefix' = 'count:')");
        return env;
    }

    @Test
    void clusterWithASlotMovedDuringTheJob() throws Exception {
        try (RedisCluster cluster = RedisCluster.start(3)) {
            String connection =
                    "'mode' = 'cluster', 'cluster.nodes' = '" + cluster.nodesOption() + "'";
            writeAndLookUp(connection);
            for (RedisServer master : cluster.masters()) {
                try (Jedis node = master.newClient()) {
                    assertThat(node.keys("kv:*")).as("keys on %s", master).isNotEmpty();
                    node.configResetStat();
                }
            }

            TableEnvironment env = tables(connection);
            env.executeSql(
                    "CREATE TEMPORARY TABLE slow (n BIGINT) WITH ('connector' = 'datagen',"
                            + " 'fields.n.kind' = 'sequence', 'fields.n.start' = '1',"
                            + " 'fields.n.end' = '600', 'rows-per-second' = '200')");
            int slot = JedisClusterCRC16.getSlot("kv:7");
            RedisServer oldOwner = cluster.ownerOf(slot);
            RedisServer newOwner =
                    cluster.masters().stream().filter(m -> m != oldOwner).findFirst().orElseThrow();
            List<Row> rows = new ArrayList<>();
            try (CloseableIterator<Row> it =
                    env.executeSql(
                                    "SELECT p.n, kv.v FROM (SELECT n, CAST(MOD(n, 7) + 7 AS BIGINT)"
                                            + " AS k, PROCTIME() AS proc FROM slow) AS p LEFT JOIN kv"
                                            + " FOR SYSTEM_TIME AS OF p.proc AS kv ON p.k = kv.n")
                            .collect()) {
                for (int i = 0; i < 100; i++) {
                    rows.add(it.next());
                }
                cluster.moveSlot(slot, newOwner);
                it.forEachRemaining(rows::add);
            }
            assertThat(rows).hasSize(600);
            for (Row row : rows) {
                long k = (Long) row.getField(0) % 7 + 7;
                assertThat(row.getField(1)).isEqualTo(String.valueOf(k * 10));
            }
            try (Jedis old = oldOwner.newClient()) {
                assertThat(old.info("errorstats"))
                        .as("the old owner answered MOVED")
                        .contains("errorstat_MOVED");
            }
            assertThat(cluster.ownerOf(slot)).isSameAs(newOwner);
        }
    }

    @Test
    void sentinel() throws Exception {
        try (RedisSentinelSet set = RedisSentinelSet.start()) {
            writeAndLookUp(
                    "'mode' = 'sentinel', 'sentinel.master' = '"
                            + set.masterName()
                            + "', 'sentinel.nodes' = '"
                            + set.sentinelNodesOption()
                            + "'");
        }
    }

    @Test
    void tlsOnlyServer(@TempDir Path dir) throws Exception {
        TlsMaterial tls = TlsMaterial.generate(dir);
        try (RedisServer server = RedisServer.builder().name("tls-lookup").tls(tls).start()) {
            writeAndLookUp(
                    "'url' = 'rediss://localhost:"
                            + server.port()
                            + "', 'tls.truststore.path' = '"
                            + tls.truststore()
                            + "', 'tls.truststore.password' = '"
                            + tls.truststorePassword()
                            + "'");
        }
    }

    @Test
    void aclUser() throws Exception {
        try (RedisServer server =
                RedisServer.builder().name("acl-rw").aclUser("flink-rw", "pw-Rw-456").start()) {
            writeAndLookUp(
                    "'url' = '"
                            + server.url()
                            + "', 'username' = 'flink-rw', 'password' = 'pw-Rw-456'");
        }
    }
}
