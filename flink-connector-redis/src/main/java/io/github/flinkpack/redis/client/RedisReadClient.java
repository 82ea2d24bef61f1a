package io.github.flinkpack.redis.client;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Reads for the lookup and scan sources: a batch of reads goes out as one pipelined round trip per
 * node (one {@code MGET} for plain {@code GET}s outside a cluster), with Cluster redirects followed
 * as for writes.
 */
public final class RedisReadClient implements AutoCloseable {

    private final RedisConnectionConfig config;
    private final RedisNodes nodes;

    private RedisReadClient(RedisConnectionConfig config, RedisNodes nodes) {
        this.config = config;
        this.nodes = nodes;
    }

    /** Connects; a wrong address, password or TLS setting fails here with a clear message. */
    public static RedisReadClient connect(RedisConnectionConfig config) {
        return new RedisReadClient(config, RedisNodes.connect(config));
    }

    /**
     * The replies to {@code commands}, in their order: {@code byte[]}, {@code List} or {@code null}
     * as Redis answers, or a {@link JedisDataException} for a command Redis refused (such as {@code
     * WRONGTYPE}), which the caller judges per key.
     *
     * @throws RedisCommandException when the batch could not be sent or answered (retryable)
     */
    public Object[] read(List<KeyedCommand> commands) throws RedisCommandException {
        try {
            if (!nodes.isCluster() && commands.size() > 1 && allGets(commands)) {
                return multiGet(commands);
            }
            return RoutedPipeline.send(nodes, commands);
        } catch (JedisException e) {
            throw RedisCommandException.unreachable(
                    config, "Reading " + commands.size() + " key(s) from", e);
        }
    }

    /** The nodes a scan must visit to see every key: each master of a cluster. */
    public List<String> scanNodes() {
        List<String> names = new ArrayList<>();
        for (HostAndPort node : nodes.servingNodes()) {
            names.add(node.toString());
        }
        return names;
    }

    /**
     * One {@code SCAN cursor MATCH pattern COUNT count} on the node named by {@link #scanNodes()}:
     * the next cursor ("0" when done) and the keys of this page.
     */
    public ScanPage scan(String node, String cursor, byte[] pattern, int count)
            throws RedisCommandException {
        HostAndPort target = nodes.isCluster() ? HostAndPort.from(node) : nodes.nodeFor(pattern);
        try (Connection connection = nodes.borrow(target)) {
            Object reply =
                    connection.executeCommand(
                            new redis.clients.jedis.CommandArguments(Protocol.Command.SCAN)
                                    .add(cursor)
                                    .add("MATCH")
                                    .add(pattern)
                                    .add("COUNT")
                                    .add(count));
            List<?> parts = (List<?>) reply;
            String next = new String((byte[]) parts.get(0), StandardCharsets.US_ASCII);
            List<byte[]> keys = new ArrayList<>();
            for (Object key : (List<?>) parts.get(1)) {
                keys.add((byte[]) key);
            }
            return new ScanPage(next, keys);
        } catch (JedisException e) {
            throw RedisCommandException.unreachable(config, "SCAN of " + node + " at", e);
        }
    }

    public String describe() {
        return config.describe();
    }

    private Object[] multiGet(List<KeyedCommand> commands) throws RedisCommandException {
        byte[][] keys = new byte[commands.size()][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = commands.get(i).key;
        }
        Object reply =
                RoutedPipeline.send(
                        nodes, List.of(new KeyedCommand(keys[0], Protocol.Command.MGET, keys)))[0];
        if (reply instanceof JedisDataException) {
            throw new RedisCommandException(
                    "Redis at "
                            + config.describe()
                            + " refused MGET: "
                            + ((Exception) reply).getMessage(),
                    RedisCommandException.isTransientReply(((Exception) reply).getMessage()),
                    null);
        }
        return ((List<?>) reply).toArray();
    }

    private static boolean allGets(List<KeyedCommand> commands) {
        for (KeyedCommand command : commands) {
            if (command.command != Protocol.Command.GET) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        nodes.close();
    }

    /** A page of a {@code SCAN}. */
    public static final class ScanPage {
        private final String nextCursor;
        private final List<byte[]> keys;

        ScanPage(String nextCursor, List<byte[]> keys) {
            this.nextCursor = nextCursor;
            this.keys = keys;
        }

        /** "0" once the scan of the node is complete. */
        public String nextCursor() {
            return nextCursor;
        }

        public List<byte[]> keys() {
            return keys;
        }
    }
}
