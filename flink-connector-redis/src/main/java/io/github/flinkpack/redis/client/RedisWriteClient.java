package io.github.flinkpack.redis.client;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.util.Digits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Writes batches: plain commands pipelined per node (one round trip per node), counter deltas at
 * most once per batch: as a {@link MarkedTransaction} on a single server, through {@link
 * CounterScript} (one call per node) in a cluster. In a cluster, commands are grouped by the node
 * serving their slot, MOVED replies reload the slot map and resend, ASK replies are sent to the
 * named node after ASKING.
 */
public final class RedisWriteClient implements AutoCloseable {

    private static final int MAX_REDIRECTS = RoutedPipeline.MAX_REDIRECTS;

    /** Prefix of the counter writers' replay-guard keys, which scans leave out. */
    public static final String MARKER_PREFIX = "flinkpack:batch:";

    private static final byte[] EVAL = Protocol.Command.EVAL.getRaw();
    private static final long MARKER_TTL_MILLIS = TimeUnit.HOURS.toMillis(1);

    private final RedisConnectionConfig config;
    private final RedisNodes nodes;
    private final String writerId;
    private final ExactlyOnceCommits commits;

    private RedisWriteClient(RedisConnectionConfig config, RedisNodes nodes) {
        this.config = config;
        this.nodes = nodes;
        this.commits = new ExactlyOnceCommits(config, nodes);
        this.writerId = UUID.randomUUID().toString();
    }

    /** Connects; a wrong address, password or TLS setting fails here with a clear message. */
    public static RedisWriteClient connect(RedisConnectionConfig config) {
        return new RedisWriteClient(config, RedisNodes.connect(config));
    }

    public void write(RedisBatch batch) throws RedisCommandException {
        try {
            if (!batch.counters().isEmpty()) {
                writeCounters(batch);
            }
            if (!batch.commands().isEmpty()) {
                writeCommands(batch.commands());
            }
        } catch (JedisException e) {
            throw RedisCommandException.unreachable(
                    config, "Writing a batch of " + batch.size() + " to", e);
        }
    }

    /**
     * Applies an exactly-once commit, see {@link ExactlyOnceCommits}. A repeat of an applied commit
     * changes nothing.
     *
     * @throws RedisCommandException retryable when Redis could not be reached or kept redirecting;
     *     not retryable when Redis refused ops of the commit (the rest is applied and marked)
     */
    public void commit(String markerBase, long sequence, long retentionMillis, RespBlock ops)
            throws RedisCommandException {
        commits.apply(markerBase, sequence, retentionMillis, ops);
    }

    private void writeCommands(List<KeyedCommand> commands) throws RedisCommandException {
        Object[] replies = RoutedPipeline.send(nodes, commands);
        for (int i = 0; i < replies.length; i++) {
            if (replies[i] instanceof JedisDataException) {
                throw commandFailed(
                        commands.get(i).toString(), ((JedisDataException) replies[i]).getMessage());
            }
        }
    }

    private void writeCounters(RedisBatch batch) throws RedisCommandException {
        if (!nodes.isCluster()) {
            MarkedTransaction.apply(
                    config,
                    nodes,
                    (MARKER_PREFIX + writerId + ":" + batch.lane())
                            .getBytes(StandardCharsets.UTF_8),
                    batch.id(),
                    MARKER_TTL_MILLIS,
                    RespBlock.of(CommitOps.counterOps(batch.counters(), new ArrayList<>())),
                    "a counter batch");
            return;
        }
        byte[] token = String.valueOf(batch.id()).getBytes(StandardCharsets.US_ASCII);
        List<CounterDelta> pending = batch.counters();
        for (int redirect = 0; redirect <= MAX_REDIRECTS; redirect++) {
            List<CounterDelta> redirected = new ArrayList<>();
            for (Map.Entry<HostAndPort, List<CounterDelta>> group :
                    nodes.byNode(pending, d -> d.key).entrySet()) {
                List<CounterDelta> deltas = group.getValue();
                RespWriter eval =
                        new RespWriter(1).command(EVAL, scriptArgs(deltas, batch.lane(), token));
                Object reply;
                try (Connection connection = nodes.borrow(group.getKey())) {
                    reply = eval.exchange(connection).get(0);
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
        throw new RedisCommandException(
                "Counter batch still redirected after " + MAX_REDIRECTS + " reloads", true, null);
    }

    private byte[][] scriptArgs(List<CounterDelta> deltas, int lane, byte[] token) {
        byte[][] args = new byte[5 + deltas.size() * CounterScript.ARGS_PER_DELTA][];
        int a = 0;
        args[a++] = CounterScript.CLUSTER;
        args[a++] = Digits.ascii(1);
        args[a++] = markerKey(deltas.get(0).key, lane);
        args[a++] = token;
        args[a++] = Digits.ascii(MARKER_TTL_MILLIS);
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
                args[a++] = delta.expiry.isAbsolute() ? CommitOps.PEXPIREAT : CommitOps.PEXPIRE;
                args[a++] = Digits.ascii(delta.expiry.millis());
                args[a++] = delta.expiryOnlyIfNone ? CommitOps.NX : empty;
            }
        }
        return args;
    }

    /** One marker per writer, lane and node, in a slot of that node (the first key's slot). */
    private byte[] markerKey(byte[] firstKey, int lane) {
        String tag = "{" + SlotTags.forSlot(JedisClusterCRC16.getSlot(firstKey)) + "}";
        return (MARKER_PREFIX + tag + writerId + ":" + lane).getBytes(StandardCharsets.UTF_8);
    }

    private void throwCounterErrors(List<?> reply) throws RedisCommandException {
        // The batch is applied and marked, except for these keys: retrying cannot help.
        Refusals refusals = new Refusals();
        for (int i = 1; i + 1 < reply.size(); i += 2) {
            refusals.add((byte[]) reply.get(i), text(reply.get(i + 1)));
        }
        refusals.throwIfAny(config, "a counter batch");
    }

    private RedisCommandException commandFailed(String what, String error) {
        return RedisCommandException.rejected(config, what, error);
    }

    private static String text(Object reply) {
        return RedisCommandException.text(reply);
    }

    @Override
    public void close() {
        nodes.close();
    }
}
