package io.github.flinkpack.redis.client;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.util.Digits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Applies an exactly-once commit so that a repeat changes nothing: the ops and a marker recording
 * the commit's sequence are applied in one atomic step, and a marker at or past the sequence means
 * the ops were applied before. Keys named {@code <prefix>[{slot tag}]<markerBase>}.
 *
 * <p>Outside a cluster (standalone, Sentinel) the step is a {@link MarkedTransaction}. In a cluster
 * a transaction cannot span slots, so {@link CommitScript} runs once per node with one marker per
 * slot, moving with the slot's keys.
 */
final class ExactlyOnceCommits {

    private static final int MAX_REDIRECTS = RoutedPipeline.MAX_REDIRECTS;
    private static final String COMMIT = "an exactly-once commit";
    private static final byte[] EVAL = Protocol.Command.EVAL.getRaw();

    private final RedisConnectionConfig config;
    private final RedisNodes nodes;

    ExactlyOnceCommits(RedisConnectionConfig config, RedisNodes nodes) {
        this.config = config;
        this.nodes = nodes;
    }

    void apply(String markerBase, long sequence, long retentionMillis, RespBlock ops)
            throws RedisCommandException {
        try {
            if (nodes.isCluster()) {
                applyWithScripts(markerBase, sequence, retentionMillis, ops.decodePerKey());
            } else {
                MarkedTransaction.apply(
                        config,
                        nodes,
                        markerKey(-1, markerBase),
                        sequence,
                        retentionMillis,
                        ops,
                        COMMIT);
            }
        } catch (JedisException e) {
            throw RedisCommandException.unreachable(
                    config, "An exactly-once commit of " + ops.commands() + " writes to", e);
        }
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
            Refusals refusals = new Refusals();
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
                            config, COMMIT + " of " + ops.size(), error);
                }
                List<?> triples = (List<?>) reply;
                for (int i = 0; i + 2 < triples.size(); i += 3) {
                    if (text(triples.get(i)).equals("moved")) {
                        again.add(groups.get(Integer.parseInt(text(triples.get(i + 1))) - 1));
                    } else {
                        refusals.add((byte[]) triples.get(i + 1), text(triples.get(i + 2)));
                    }
                }
            }
            refusals.throwIfAny(config, COMMIT);
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
        args.add(Digits.ascii(1));
        args.add(groups.get(0).marker);
        args.add(Digits.ascii(sequence));
        args.add(Digits.ascii(retentionMillis));
        args.add(Digits.ascii(groups.size()));
        for (CommitGroup group : groups) {
            args.add(group.marker);
            args.add(Digits.ascii(group.ops.size()));
        }
        for (CommitGroup group : groups) {
            for (byte[][] op : group.ops) {
                args.add(Digits.ascii(op.length));
                for (byte[] part : op) {
                    args.add(part);
                }
            }
        }
        RespWriter eval = new RespWriter(1).command(EVAL, args.toArray(new byte[0][]));
        try (Connection connection = nodes.borrow(node)) {
            return eval.exchange(connection).get(0);
        }
    }

    private static byte[] markerKey(int slot, String markerBase) {
        String tag = slot < 0 ? "" : "{" + SlotTags.forSlot(slot) + "}";
        return (CommitOps.MARKER_PREFIX + tag + markerBase).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Object reply) {
        return RedisCommandException.text(reply);
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
