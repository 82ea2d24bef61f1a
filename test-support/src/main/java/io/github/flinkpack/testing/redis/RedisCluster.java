package io.github.flinkpack.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;

/** A Redis Cluster of real processes with {@code cluster-enabled yes}, joined by redis-cli. */
public final class RedisCluster implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final List<RedisServer> masters;

    private RedisCluster(List<RedisServer> masters) {
        this.masters = masters;
    }

    /** Starts {@code masterCount} masters and assigns all 16384 slots. */
    public static RedisCluster start(int masterCount) {
        return start(masterCount, false);
    }

    /** The same with AOF (fsync on every write): a master can be restarted without losing data. */
    public static RedisCluster startWithAppendOnly(int masterCount) {
        return start(masterCount, true);
    }

    private static RedisCluster start(int masterCount, boolean appendOnly) {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < masterCount; i++) {
                RedisServer.Builder node =
                        RedisServer.builder()
                                .name("cluster-" + i)
                                .port(FreePorts.withClusterBus())
                                .config("cluster-enabled yes")
                                .config("cluster-config-file nodes.conf")
                                .config("cluster-node-timeout 5000");
                if (appendOnly) {
                    node.appendOnly();
                }
                nodes.add(node.start());
            }
            RedisCluster cluster = new RedisCluster(nodes);
            cluster.create();
            cluster.awaitReady();
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::close);
            throw e;
        }
    }

    public List<RedisServer> masters() {
        return masters;
    }

    public Set<HostAndPort> nodes() {
        return masters.stream().map(RedisServer::hostAndPort).collect(Collectors.toSet());
    }

    /** The {@code cluster.nodes} option value: {@code h1:p1,h2:p2,...}. */
    public String nodesOption() {
        return masters.stream()
                .map(server -> server.host() + ":" + server.port())
                .collect(Collectors.joining(","));
    }

    public JedisCluster newClient() {
        return new JedisCluster(
                nodes(), DefaultJedisClientConfig.builder().socketTimeoutMillis(5000).build());
    }

    /** The master that serves {@code slot} now. */
    public RedisServer ownerOf(int slot) {
        try (Jedis any = masters.get(0).newClient()) {
            for (String line : any.clusterNodes().split("\n")) {
                String[] parts = line.trim().split(" ");
                if (parts.length < 9 || !parts[2].contains("master")) {
                    continue;
                }
                for (int i = 8; i < parts.length; i++) {
                    String[] range = parts[i].split("-");
                    if (range[0].startsWith("[")) {
                        continue;
                    }
                    int from = Integer.parseInt(range[0]);
                    int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                    if (slot >= from && slot <= to) {
                        int port = Integer.parseInt(parts[1].split("[:@]")[1]);
                        return masters.stream()
                                .filter(m -> m.port() == port)
                                .findFirst()
                                .orElseThrow();
                    }
                }
            }
        }
        throw new IllegalStateException("No master serves slot " + slot);
    }

    /**
     * Moves {@code slot} with its keys to {@code target} the way {@code redis-cli --cluster
     * reshard} does (IMPORTING, MIGRATING, MIGRATE, NODE): clients that still route the slot to the
     * old owner get {@code MOVED}.
     */
    public void moveSlot(int slot, RedisServer target) {
        RedisServer source = ownerOf(slot);
        if (source == target) {
            throw new IllegalArgumentException("slot " + slot + " is already on " + target);
        }
        try (Jedis from = source.newClient();
                Jedis to = target.newClient()) {
            String fromId = from.clusterMyId();
            String toId = to.clusterMyId();
            to.clusterSetSlotImporting(slot, fromId);
            from.clusterSetSlotMigrating(slot, toId);
            List<String> keys;
            while (!(keys = from.clusterGetKeysInSlot(slot, 1000)).isEmpty()) {
                from.migrate(
                        target.host(),
                        target.port(),
                        0,
                        5000,
                        new redis.clients.jedis.params.MigrateParams(),
                        keys.toArray(new String[0]));
            }
            for (RedisServer master : masters) {
                try (Jedis node = master.newClient()) {
                    node.clusterSetSlotNode(slot, toId);
                }
            }
        }
    }

    @Override
    public void close() {
        masters.forEach(RedisServer::close);
    }

    private void create() {
        if (masters.size() < 3) {
            createByHand(); // redis-cli --cluster create refuses fewer than 3 masters
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(RedisBinaries.cli().toString());
        command.add("--cluster");
        command.add("create");
        masters.forEach(server -> command.add(server.host() + ":" + server.port()));
        command.add("--cluster-replicas");
        command.add("0");
        command.add("--cluster-yes");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Splits the slots evenly by ADDSLOTSRANGE and joins the nodes by MEET. */
    private void createByHand() {
        int slots = 16384;
        for (int i = 0; i < masters.size(); i++) {
            int from = i * slots / masters.size();
            int to = (i + 1) * slots / masters.size() - 1;
            try (Jedis client = masters.get(i).newClient()) {
                client.clusterAddSlotsRange(from, to);
                for (RedisServer other : masters) {
                    if (other != masters.get(i)) {
                        client.clusterMeet(other.host(), other.port());
                    }
                }
            }
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String lastState = "";
        while (System.nanoTime() < deadline) {
            Set<String> states = new HashSet<>();
            for (RedisServer server : masters) {
                try (Jedis client = server.newClient()) {
                    String info = client.clusterInfo();
                    states.add(info.contains("cluster_state:ok") ? "ok" : "fail");
                    lastState = info;
                }
            }
            if (states.equals(Set.of("ok"))) {
                return;
            }
            RedisServer.sleep(100);
        }
        throw new IllegalStateException("Redis cluster not ready: " + lastState);
    }
}
