package io.github.flinkpack.testing.redis;

import java.time.Duration;
import java.util.List;
import redis.clients.jedis.Jedis;

/** A master, one replica and one Sentinel monitoring them, all real processes. */
public final class RedisSentinelSet implements AutoCloseable {

    public static final String MASTER_NAME = "flinkpack-master";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final RedisServer master;
    private final RedisServer replica;
    private final RedisServer sentinel;

    private RedisSentinelSet(RedisServer master, RedisServer replica, RedisServer sentinel) {
        this.master = master;
        this.replica = replica;
        this.sentinel = sentinel;
    }

    public static RedisSentinelSet start() {
        RedisServer master = null;
        RedisServer replica = null;
        RedisServer sentinel = null;
        try {
            master = RedisServer.builder().name("sentinel-master").start();
            replica =
                    RedisServer.builder()
                            .name("sentinel-replica")
                            .config("replicaof " + master.host() + " " + master.port())
                            .start();
            sentinel =
                    RedisServer.builder()
                            .name("sentinel")
                            .sentinel()
                            .config(
                                    "sentinel monitor "
                                            + MASTER_NAME
                                            + " "
                                            + master.host()
                                            + " "
                                            + master.port()
                                            + " 1")
                            .config("sentinel down-after-milliseconds " + MASTER_NAME + " 2000")
                            .config("sentinel failover-timeout " + MASTER_NAME + " 10000")
                            .start();
            RedisSentinelSet set = new RedisSentinelSet(master, replica, sentinel);
            set.awaitReady();
            return set;
        } catch (RuntimeException e) {
            for (RedisServer server : new RedisServer[] {sentinel, replica, master}) {
                if (server != null) {
                    server.close();
                }
            }
            throw e;
        }
    }

    public RedisServer master() {
        return master;
    }

    public RedisServer replica() {
        return replica;
    }

    public RedisServer sentinel() {
        return sentinel;
    }

    public String masterName() {
        return MASTER_NAME;
    }

    /** The {@code sentinel.nodes} option value. */
    public String sentinelNodesOption() {
        return sentinel.host() + ":" + sentinel.port();
    }

    @Override
    public void close() {
        sentinel.close();
        replica.close();
        master.close();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Jedis client = sentinel.newClient();
                    Jedis replicaClient = replica.newClient()) {
                List<String> address = client.sentinelGetMasterAddrByName(MASTER_NAME);
                boolean replicaLinked =
                        replicaClient.info("replication").contains("master_link_status:up");
                if (address != null
                        && address.equals(List.of(master.host(), String.valueOf(master.port())))
                        && replicaLinked) {
                    return;
                }
            }
            RedisServer.sleep(100);
        }
        throw new IllegalStateException(
                "Sentinel set not ready. Sentinel log:\n" + sentinel.logTail());
    }
}
