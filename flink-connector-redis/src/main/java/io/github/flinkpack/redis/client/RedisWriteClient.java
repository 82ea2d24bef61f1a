package io.github.flinkpack.redis.client;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Writes batches: plain commands pipelined per node (one round trip per node), counter deltas
 * through {@link CounterScript}, one call per node. In a cluster, commands are grouped by the node
 * serving their slot, MOVED replies reload the slot map and resend, ASK replies are sent to the
 * named node after ASKING.
 */
public final class RedisWriteClient implements AutoCloseable {

    private static final int MAX_REDIRECTS = 5;
    private static final String MARKER_PREFIX = "flinkpack:batch:";
    private static final byte[] MARKER_TTL_MILLIS =
            String.valueOf(TimeUnit.HOURS.toMillis(1)).getBytes(StandardCharsets.US_ASCII);

    private final RedisConnectionConfig config;
    private final RedisNodes nodes;
    private final String writerId;

    private RedisWriteClient(RedisConnectionConfig config, RedisNodes nodes) {
        this.config = config;
        this.nodes = nodes;
        this.writerId = UUID.randomUUID().toString();
    }

    /** Connects; a wrong address, password or TLS setting fails here with a clear message. */
    public static RedisWriteClient connect(RedisConnectionConfig config) {
        RedisNodes nodes = RedisNodes.open(config);
        RedisWriteClient client = new RedisWriteClient(config, nodes);
        try {
            client.ping();
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
        return client;
    }

    public void write(RedisBatch batch) throws RedisWriteException {
        try {
            if (!batch.counters().isEmpty()) {
                writeCounters(batch);
            }
            if (!batch.commands().isEmpty()) {
                writeCommands(batch.commands());
            }
        } catch (JedisException e) {
            throw new RedisWriteException(
                    "Writing a batch of "
                            + batch.size()
                            + " to "
                            + config.describe()
                            + " failed: "
                            + e.getMessage(),
                    true,
                    e);
        }
    }

    private void ping() {
        HostAndPort node = nodes.nodeFor(new byte[0]);
        try (Connection connection = nodes.borrow(node)) {
            connection.ping();
        }
    }

    private void writeCommands(List<KeyedCommand> commands) throws RedisWriteException {
        List<KeyedCommand> pending = commands;
        for (int redirect = 0; redirect <= MAX_REDIRECTS; redirect++) {
            List<KeyedCommand> moved = new ArrayList<>();
            Map<HostAndPort, List<KeyedCommand>> asked = new LinkedHashMap<>();
            for (Map.Entry<HostAndPort, List<KeyedCommand>> group :
                    groupByNode(pending, c -> c.key).entrySet()) {
                List<Object> replies = pipeline(group.getKey(), group.getValue(), false);
                collectErrors(group.getValue(), replies, moved, asked);
            }
            for (Map.Entry<HostAndPort, List<KeyedCommand>> ask : asked.entrySet()) {
                List<Object> replies = pipeline(ask.getKey(), ask.getValue(), true);
                collectErrors(ask.getValue(), replies, moved, new LinkedHashMap<>());
            }
            if (moved.isEmpty()) {
                return;
            }
            nodes.refreshTopology();
            pending = moved;
        }
        throw new RedisWriteException(
                "Still redirected after " + MAX_REDIRECTS + " slot map reloads", true, null);
    }

    private void collectErrors(
            List<KeyedCommand> sent,
            List<Object> replies,
            List<KeyedCommand> moved,
            Map<HostAndPort, List<KeyedCommand>> asked)
            throws RedisWriteException {
        for (int i = 0; i < sent.size(); i++) {
            Object reply = replies.get(i);
            if (!(reply instanceof JedisDataException)) {
                continue;
            }
            String error = ((JedisDataException) reply).getMessage();
            if (error.startsWith("MOVED ")) {
                moved.add(sent.get(i));
            } else if (error.startsWith("ASK ")) {
                asked.computeIfAbsent(redirectTarget(error), n -> new ArrayList<>())
                        .add(sent.get(i));
            } else {
                throw commandFailed(sent.get(i).toString(), error);
            }
        }
    }

    private List<Object> pipeline(HostAndPort node, List<KeyedCommand> commands, boolean asking) {
        try (Connection connection = nodes.borrow(node)) {
            Pipeline pipeline = new Pipeline(connection);
            List<Object> replies = new ArrayList<>(commands.size());
            for (KeyedCommand command : commands) {
                if (asking) {
                    pipeline.sendCommand(Protocol.Command.ASKING, new byte[0][]);
                }
                pipeline.sendCommand(command.command, command.args);
            }
            List<Object> all = pipeline.syncAndReturnAll();
            if (!asking) {
                return all;
            }
            for (int i = 1; i < all.size(); i += 2) {
                replies.add(all.get(i));
            }
            return replies;
        }
    }

    private void writeCounters(RedisBatch batch) throws RedisWriteException {
        byte[] token = String.valueOf(batch.id()).getBytes(StandardCharsets.US_ASCII);
        List<CounterDelta> pending = batch.counters();
        for (int redirect = 0; redirect <= MAX_REDIRECTS; redirect++) {
            List<CounterDelta> redirected = new ArrayList<>();
            for (Map.Entry<HostAndPort, List<CounterDelta>> group :
                    groupByNode(pending, d -> d.key).entrySet()) {
                List<CounterDelta> deltas = group.getValue();
                Object reply;
                try (Connection connection = nodes.borrow(group.getKey())) {
                    Pipeline pipeline = new Pipeline(connection);
                    pipeline.sendCommand(Protocol.Command.EVAL, scriptArgs(deltas, token));
                    reply = pipeline.syncAndReturnAll().get(0);
                }
                if (reply instanceof JedisDataException) {
                    String error = ((JedisDataException) reply).getMessage();
                    if (error.startsWith("MOVED ") || error.startsWith("ASK ")) {
                        // The script checks every key's slot before it runs: nothing applied.
                        redirected.addAll(deltas);
                        continue;
                    }
                    throw commandFailed("counter batch of " + deltas.size(), error);
                }
                throwCounterErrors((List<?>) reply);
            }
            if (redirected.isEmpty()) {
                return;
            }
            nodes.refreshTopology();
            pending = redirected;
        }
        throw new RedisWriteException(
                "Counter batch still redirected after " + MAX_REDIRECTS + " reloads", true, null);
    }

    private byte[][] scriptArgs(List<CounterDelta> deltas, byte[] token) {
        byte[][] args = new byte[5 + deltas.size() * CounterScript.ARGS_PER_DELTA][];
        int a = 0;
        args[a++] = nodes.isCluster() ? CounterScript.CLUSTER : CounterScript.STANDALONE;
        args[a++] = ascii(1);
        args[a++] = markerKey(deltas.get(0).key);
        args[a++] = token;
        args[a++] = MARKER_TTL_MILLIS;
        byte[] empty = new byte[0];
        for (CounterDelta delta : deltas) {
            args[a++] = delta.key;
            args[a++] = delta.operation.wireName();
            args[a++] = delta.field == null ? empty : delta.field;
            args[a++] = delta.delta.getBytes(StandardCharsets.US_ASCII);
            if (delta.expiry == null) {
                args[a++] = empty;
                args[a++] = empty;
                args[a++] = empty;
            } else {
                args[a++] = ascii(delta.expiry.isAbsolute() ? "PEXPIREAT" : "PEXPIRE");
                args[a++] = ascii(delta.expiry.millis());
                args[a++] = delta.expiryOnlyIfNone ? ascii("NX") : empty;
            }
        }
        return args;
    }

    /** One marker per writer and node, in a slot of that node (the first key's slot). */
    private byte[] markerKey(byte[] firstKey) {
        String tag =
                nodes.isCluster()
                        ? "{"
                                + SlotTags.forSlot(
                                        redis.clients.jedis.util.JedisClusterCRC16.getSlot(
                                                firstKey))
                                + "}"
                        : "";
        return (MARKER_PREFIX + tag + writerId).getBytes(StandardCharsets.UTF_8);
    }

    private static void throwCounterErrors(List<?> reply) throws RedisWriteException {
        if (reply.size() <= 1) {
            return;
        }
        StringBuilder errors = new StringBuilder();
        for (int i = 1; i + 1 < reply.size() && i < 11; i += 2) {
            errors.append(errors.length() == 0 ? "" : "; ")
                    .append("key '")
                    .append(RedisWriteException.printable((byte[]) reply.get(i)))
                    .append("': ")
                    .append(text(reply.get(i + 1)));
        }
        // The batch is applied and marked, except for these keys: retrying cannot help.
        throw new RedisWriteException(
                "Redis rejected " + (reply.size() - 1) / 2 + " counter update(s): " + errors,
                false,
                null);
    }

    private RedisWriteException commandFailed(String what, String error) {
        boolean retryable = RedisWriteException.isTransientReply(error);
        return new RedisWriteException(
                "Redis at " + config.describe() + " rejected " + what + ": " + error,
                retryable,
                null);
    }

    private <T> Map<HostAndPort, List<T>> groupByNode(List<T> items, Function<T, byte[]> key) {
        Map<HostAndPort, List<T>> groups = new LinkedHashMap<>();
        for (T item : items) {
            groups.computeIfAbsent(nodes.nodeFor(key.apply(item)), n -> new ArrayList<>())
                    .add(item);
        }
        return groups;
    }

    private static HostAndPort redirectTarget(String error) {
        // "ASK <slot> <host>:<port>"
        return HostAndPort.from(error.substring(error.lastIndexOf(' ') + 1));
    }

    private static String text(Object reply) {
        return reply instanceof byte[]
                ? new String((byte[]) reply, StandardCharsets.UTF_8)
                : String.valueOf(reply);
    }

    private static byte[] ascii(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        nodes.close();
    }
}
