package io.github.flinkpack.redis.client;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.providers.ConnectionProvider;
import redis.clients.jedis.providers.PooledConnectionProvider;
import redis.clients.jedis.providers.SentineledConnectionProvider;
import redis.clients.jedis.util.JedisClusterCRC16;

/** The server(s) a writer talks to, and which one serves a key. */
abstract class RedisNodes implements AutoCloseable {

    private static final int SLOTS = 16384;

    /** The node serving the key; one fixed node outside a cluster. */
    abstract HostAndPort nodeFor(byte[] key);

    /** A connection to the node; closing it returns it to its pool. */
    abstract Connection borrow(HostAndPort node);

    /** The nodes that serve keys: every master of a cluster, else the one server. */
    abstract List<HostAndPort> servingNodes();

    /** The items grouped by the node serving their key, in first-seen order. */
    <T> Map<HostAndPort, List<T>> byNode(List<T> items, Function<T, byte[]> key) {
        Map<HostAndPort, List<T>> groups = new LinkedHashMap<>();
        for (T item : items) {
            groups.computeIfAbsent(nodeFor(key.apply(item)), n -> new ArrayList<>()).add(item);
        }
        return groups;
    }

    /** Reloads the slot map after a MOVED reply. */
    void refreshTopology() {}

    boolean isCluster() {
        return false;
    }

    @Override
    public abstract void close();

    /**
     * Opens the connections and checks one with a PING: a wrong address, password or TLS setting
     * fails here, with a message that never contains the password.
     */
    static RedisNodes connect(RedisConnectionConfig config) {
        RedisNodes nodes = open(config);
        try (Connection connection = nodes.borrow(nodes.nodeFor(new byte[0]))) {
            connection.ping();
        } catch (RuntimeException e) {
            nodes.close();
            throw new IllegalStateException(
                    "Cannot reach "
                            + config.describe()
                            + ": "
                            + e.getMessage()
                            + ". Check 'url' / 'cluster.nodes' / 'sentinel.nodes', 'username',"
                            + " 'password' and the TLS options.",
                    e);
        }
        return nodes;
    }

    private static RedisNodes open(RedisConnectionConfig config) {
        JedisClientConfig client = JedisClientConfigs.forServers(config);
        Set<HostAndPort> nodes =
                config.nodes().stream().map(HostAndPort::from).collect(Collectors.toSet());
        switch (config.mode()) {
            case CLUSTER:
                return new Cluster(new ClusterConnectionProvider(nodes, client));
            case SENTINEL:
                return new Single(
                        new SentineledConnectionProvider(
                                config.sentinelMaster(),
                                client,
                                nodes,
                                JedisClientConfigs.forSentinels(config)));
            default:
                return new Single(new PooledConnectionProvider(nodes.iterator().next(), client));
        }
    }

    /** A standalone server, or the current master a Sentinel names. */
    private static final class Single extends RedisNodes {
        private static final HostAndPort THE_SERVER = new HostAndPort("redis", 0);
        private final ConnectionProvider provider;

        Single(ConnectionProvider provider) {
            this.provider = provider;
        }

        @Override
        HostAndPort nodeFor(byte[] key) {
            return THE_SERVER;
        }

        @Override
        Connection borrow(HostAndPort node) {
            return provider.getConnection();
        }

        @Override
        List<HostAndPort> servingNodes() {
            return List.of(THE_SERVER);
        }

        @Override
        public void close() {
            closeQuietly(provider);
        }
    }

    private static final class Cluster extends RedisNodes {
        private final ClusterConnectionProvider provider;

        Cluster(ClusterConnectionProvider provider) {
            this.provider = provider;
        }

        @Override
        HostAndPort nodeFor(byte[] key) {
            int slot = JedisClusterCRC16.getSlot(key);
            HostAndPort node = provider.getNode(slot);
            if (node == null) {
                provider.renewSlotCache();
                node = provider.getNode(slot);
            }
            if (node == null) {
                throw new IllegalStateException("No Redis Cluster node serves slot " + slot);
            }
            return node;
        }

        @Override
        Connection borrow(HostAndPort node) {
            return provider.getConnection(node);
        }

        @Override
        List<HostAndPort> servingNodes() {
            Set<HostAndPort> owners = new LinkedHashSet<>();
            for (int slot = 0; slot < SLOTS; slot++) {
                HostAndPort owner = provider.getNode(slot);
                if (owner != null) {
                    owners.add(owner);
                }
            }
            return new ArrayList<>(owners);
        }

        @Override
        void refreshTopology() {
            provider.renewSlotCache();
        }

        @Override
        boolean isCluster() {
            return true;
        }

        @Override
        public void close() {
            closeQuietly(provider);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing pools on shutdown: nothing left to do with a failure.
        }
    }
}
