package io.github.flinkpack.redis.client;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Applies an exactly-once commit so that a repeat changes nothing: the ops and a marker recording
 * the commit's sequence are applied in one atomic step, and a marker at or past the sequence means
 * the ops were applied before. Keys named {@code <prefix>[{slot tag}]<markerBase>}.
 *
 * <p>Outside a cluster (standalone, Sentinel) the step is a transaction: {@code WATCH} and {@code
 * GET} the marker, then {@code MULTI}, the ops, {@code SET} marker, {@code EXEC}, which Redis runs
 * at the speed of plain commands; should the marker change in between, {@code EXEC} does nothing
 * and the check is made again. In a cluster a transaction cannot span slots, so {@link
 * CommitScript} runs once per node with one marker per slot, moving with the slot's keys.
 */
final class ExactlyOnceCommits {

    private static final int MAX_REDIRECTS = RoutedPipeline.MAX_REDIRECTS;
    private static final int MAX_WATCH_CONFLICTS = 5;
    private static final byte[] PX = "PX".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_REPORTED_REFUSALS = 10;
    private static final byte[][] NO_ARGS = new byte[0][];

    private final RedisConnectionConfig config;
    private final RedisNodes nodes;

    ExactlyOnceCommits(RedisConnectionConfig config, RedisNodes nodes) {
        this.config = config;
        this.nodes = nodes;
    }

    void apply(String markerBase, long sequence, long retentionMillis, List<byte[][]> ops)
            throws RedisCommandException {
        try {
            if (nodes.isCluster()) {
                applyWithScripts(markerBase, sequence, retentionMillis, ops);
            } else {
                applyInTransaction(markerBase, sequence, retentionMillis, ops);
            }
        } catch (JedisException e) {
            throw RedisCommandException.unreachable(
                    config, "An exactly-once commit of " + ops.size() + " writes to", e);
        }
    }

    private void applyInTransaction(
            String markerBase, long sequence, long retentionMillis, List<byte[][]> ops)
            throws RedisCommandException {
        byte[] marker = markerKey(-1, markerBase);
        byte[] seq = ascii(sequence);
        for (int attempt = 0; attempt <= MAX_WATCH_CONFLICTS; attempt++) {
            try (Connection connection = nodes.borrow(nodes.nodeFor(marker))) {
                Pipeline check = new Pipeline(connection);
                check.sendCommand(Protocol.Command.WATCH, marker);
                check.sendCommand(Protocol.Command.GET, marker);
                List<Object> seen = check.syncAndReturnAll();
                throwIfError(seen.get(0), "WATCH of the commit marker");
                throwIfError(seen.get(1), "GET of the commit marker");
                if (seen.get(1) != null && Long.parseLong(text(seen.get(1))) >= sequence) {
                    Pipeline unwatch = new Pipeline(connection);
                    unwatch.sendCommand(Protocol.Command.UNWATCH, NO_ARGS);
                    unwatch.sync();
                    return;
                }
                Pipeline transaction = new Pipeline(connection);
                transaction.sendCommand(Protocol.Command.MULTI, NO_ARGS);
                for (byte[][] op : ops) {
                    ProtocolCommand name = rawCommand(op[0]);
                    transaction.sendCommand(name, Arrays.copyOfRange(op, 1, op.length));
                }
                transaction.sendCommand(
                        Protocol.Command.SET, marker, seq, PX, ascii(retentionMillis));
                transaction.sendCommand(Protocol.Command.EXEC, NO_ARGS);
                List<Object> replies = transaction.syncAndReturnAll();
                Object executed = replies.get(replies.size() - 1);
                if (executed == null) {
                    continue; // the marker changed after WATCH: nothing applied, check again
                }
                if (executed instanceof JedisDataException) {
                    // EXECABORT: a command was refused while queued, nothing was applied.
                    throw RedisCommandException.rejected(
                            config,
                            "an exactly-once commit of " + ops.size(),
                            firstError(replies, ((JedisDataException) executed).getMessage()));
                }
                List<?> results = (List<?>) executed;
                StringBuilder refused = new StringBuilder();
                int refusals = 0;
                for (int i = 0; i < ops.size(); i++) {
                    if (results.get(i) instanceof JedisDataException) {
                        refusals =
                                appendRefusal(
                                        refused,
                                        refusals,
                                        ops.get(i)[1],
                                        ((JedisDataException) results.get(i)).getMessage());
                    }
                }
                throwIfRefused(refusals, refused);
                return;
            }
        }
        throw new RedisCommandException(
                "The exactly-once commit marker of "
                        + markerBase
                        + " kept changing during "
                        + (MAX_WATCH_CONFLICTS + 1)
                        + " transactions: is another job writing with the same markers?",
                true,
                null);
    }

    private void applyWithScripts(
            String markerBase, long sequence, long retentionMillis, List<byte[][]> ops)
            throws RedisCommandException {
        Map<Integer, CommitGroup> bySlot = new LinkedHashMap<>();
        for (byte[][] op : ops) {
            int slot = JedisClusterCRC16.getSlot(op[1]);
            bySlot.computeIfAbsent(slot, s -> new CommitGroup(markerKey(s, markerBase)))
                    .ops
                    .add(op);
        }
        List<CommitGroup> pending = new ArrayList<>(bySlot.values());
        for (int redirect = 0; redirect <= MAX_REDIRECTS; redirect++) {
            List<CommitGroup> again = new ArrayList<>();
            StringBuilder refused = new StringBuilder();
            int refusals = 0;
            for (Map.Entry<HostAndPort, List<CommitGroup>> node :
                    nodes.byNode(pending, g -> g.marker).entrySet()) {
                List<CommitGroup> groups = node.getValue();
                Object reply = evalCommit(node.getKey(), groups, sequence, retentionMillis);
                if (reply instanceof JedisDataException) {
                    String error = ((JedisDataException) reply).getMessage();
                    if (error.startsWith("MOVED ") || error.startsWith("ASK ")) {
                        again.addAll(groups);
                        continue;
                    }
                    throw RedisCommandException.rejected(
                            config, "an exactly-once commit of " + ops.size(), error);
                }
                List<?> triples = (List<?>) reply;
                for (int i = 0; i + 2 < triples.size(); i += 3) {
                    if (text(triples.get(i)).equals("moved")) {
                        again.add(groups.get(Integer.parseInt(text(triples.get(i + 1))) - 1));
                    } else {
                        refusals =
                                appendRefusal(
                                        refused,
                                        refusals,
                                        (byte[]) triples.get(i + 1),
                                        text(triples.get(i + 2)));
                    }
                }
            }
            throwIfRefused(refusals, refused);
            if (again.isEmpty()) {
                return;
            }
            nodes.refreshTopology();
            pending = again;
        }
        throw new RedisCommandException(
                "Exactly-once commit still redirected after " + MAX_REDIRECTS + " reloads",
                true,
                null);
    }

    private Object evalCommit(
            HostAndPort node, List<CommitGroup> groups, long sequence, long retentionMillis) {
        List<byte[]> args = new ArrayList<>();
        args.add(CommitScript.CLUSTER);
        args.add(ascii(1));
        args.add(groups.get(0).marker);
        args.add(ascii(sequence));
        args.add(ascii(retentionMillis));
        args.add(ascii(groups.size()));
        for (CommitGroup group : groups) {
            args.add(group.marker);
            args.add(ascii(group.ops.size()));
        }
        for (CommitGroup group : groups) {
            for (byte[][] op : group.ops) {
                args.add(ascii(op.length));
                for (byte[] part : op) {
                    args.add(part);
                }
            }
        }
        try (Connection connection = nodes.borrow(node)) {
            Pipeline pipeline = new Pipeline(connection);
            pipeline.sendCommand(Protocol.Command.EVAL, args.toArray(new byte[0][]));
            return pipeline.syncAndReturnAll().get(0);
        }
    }

    private static int appendRefusal(
            StringBuilder refused, int refusals, byte[] key, String error) {
        if (refusals < MAX_REPORTED_REFUSALS) {
            refused.append(refused.length() == 0 ? "" : "; ")
                    .append("key '")
                    .append(RedisCommandException.printable(key))
                    .append("': ")
                    .append(error);
        }
        return refusals + 1;
    }

    private void throwIfRefused(int refusals, StringBuilder refused) throws RedisCommandException {
        if (refusals > 0) {
            // Applied and marked except for these keys: a retry would change nothing.
            throw new RedisCommandException(
                    "Redis at "
                            + config.describe()
                            + " refused "
                            + refusals
                            + " write(s) of an exactly-once commit: "
                            + refused,
                    false,
                    null);
        }
    }

    private void throwIfError(Object reply, String what) throws RedisCommandException {
        if (reply instanceof JedisDataException) {
            throw RedisCommandException.rejected(
                    config, what, ((JedisDataException) reply).getMessage());
        }
    }

    /** The reason of an EXECABORT: the first command refused while queued. */
    private static String firstError(List<Object> replies, String otherwise) {
        for (int i = 1; i < replies.size() - 1; i++) {
            if (replies.get(i) instanceof JedisDataException) {
                return ((JedisDataException) replies.get(i)).getMessage();
            }
        }
        return otherwise;
    }

    private static ProtocolCommand rawCommand(byte[] name) {
        return () -> name;
    }

    private static byte[] markerKey(int slot, String markerBase) {
        String tag = slot < 0 ? "" : "{" + SlotTags.forSlot(slot) + "}";
        return (CommitOps.MARKER_PREFIX + tag + markerBase).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Object reply) {
        return RedisCommandException.text(reply);
    }

    private static byte[] ascii(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.US_ASCII);
    }

    /** The ops of one slot, under one marker. */
    private static final class CommitGroup {
        final byte[] marker;
        final List<byte[][]> ops = new ArrayList<>();

        CommitGroup(byte[] marker) {
            this.marker = marker;
        }
    }
}
