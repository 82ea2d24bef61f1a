package io.github.flinkpack.redis.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Sends commands pipelined, one round trip per node serving their keys, and follows Cluster
 * redirects: {@code MOVED} reloads the slot map and resends, {@code ASK} resends to the named node
 * after {@code ASKING}. Replies come back in the order of the commands; an error reply other than a
 * redirect is left in its place as a {@link JedisDataException} for the caller to judge.
 */
final class RoutedPipeline {

    static final int MAX_REDIRECTS = 5;

    private static final byte[] ASKING = Protocol.Command.ASKING.getRaw();

    private RoutedPipeline() {}

    static Object[] send(RedisNodes nodes, List<KeyedCommand> commands)
            throws RedisCommandException {
        Object[] replies = new Object[commands.size()];
        List<Integer> pending = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            pending.add(i);
        }
        for (int redirect = 0; redirect <= MAX_REDIRECTS; redirect++) {
            List<Integer> moved = new ArrayList<>();
            Map<HostAndPort, List<Integer>> asked = new LinkedHashMap<>();
            for (Map.Entry<HostAndPort, List<Integer>> group :
                    nodes.byNode(pending, i -> commands.get(i).key).entrySet()) {
                List<Object> sent =
                        pipeline(nodes, group.getKey(), commands, group.getValue(), false);
                sort(group.getValue(), sent, replies, moved, asked);
            }
            for (Map.Entry<HostAndPort, List<Integer>> ask : asked.entrySet()) {
                List<Object> sent = pipeline(nodes, ask.getKey(), commands, ask.getValue(), true);
                // A second redirect for the same command is followed after a slot map reload.
                sort(ask.getValue(), sent, replies, moved, null);
            }
            if (moved.isEmpty()) {
                return replies;
            }
            nodes.refreshTopology();
            pending = moved;
        }
        throw new RedisCommandException(
                "Still redirected after " + MAX_REDIRECTS + " slot map reloads", true, null);
    }

    private static void sort(
            List<Integer> indices,
            List<Object> sent,
            Object[] replies,
            List<Integer> moved,
            Map<HostAndPort, List<Integer>> asked) {
        for (int i = 0; i < indices.size(); i++) {
            Object reply = sent.get(i);
            int index = indices.get(i);
            if (reply instanceof JedisDataException) {
                String error = ((JedisDataException) reply).getMessage();
                if (error.startsWith("MOVED ")) {
                    moved.add(index);
                    continue;
                }
                if (error.startsWith("ASK ") && asked == null) {
                    moved.add(index);
                    continue;
                }
                if (error.startsWith("ASK ")) {
                    asked.computeIfAbsent(redirectTarget(error), n -> new ArrayList<>()).add(index);
                    continue;
                }
            }
            replies[index] = reply;
        }
    }

    private static List<Object> pipeline(
            RedisNodes nodes,
            HostAndPort node,
            List<KeyedCommand> commands,
            List<Integer> indices,
            boolean asking) {
        RespWriter out = new RespWriter(indices.size() * (asking ? 2 : 1));
        for (int index : indices) {
            if (asking) {
                out.command(ASKING);
            }
            KeyedCommand command = commands.get(index);
            out.command(command.command.getRaw(), command.args, 0);
        }
        try (Connection connection = nodes.borrow(node)) {
            List<Object> all = out.exchange(connection);
            if (!asking) {
                return all;
            }
            List<Object> replies = new ArrayList<>(indices.size());
            for (int i = 1; i < all.size(); i += 2) {
                replies.add(all.get(i));
            }
            return replies;
        }
    }

    /** The node of an {@code ASK <slot> <host>:<port>} reply. */
    static HostAndPort redirectTarget(String error) {
        return HostAndPort.from(error.substring(error.lastIndexOf(' ') + 1));
    }
}
