package io.github.flinkpack.redis.client;

import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.util.Digits;
import java.util.List;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Applies ops at most once on a single Redis server (standalone or Sentinel's master) as one
 * transaction: {@code WATCH} and {@code GET} the marker; a marker at or past the sequence means the
 * ops were applied before, so nothing is done; otherwise {@code MULTI}, the ops, {@code SET} marker
 * sequence, {@code EXEC}, which Redis runs at the speed of plain pipelined commands. Should the
 * marker change in between, {@code EXEC} does nothing and the check is made again.
 */
final class MarkedTransaction {

    private static final int MAX_WATCH_CONFLICTS = 5;
    private static final byte[] WATCH = Protocol.Command.WATCH.getRaw();
    private static final byte[] UNWATCH = Protocol.Command.UNWATCH.getRaw();
    private static final byte[] GET = Protocol.Command.GET.getRaw();
    private static final byte[] SET = Protocol.Command.SET.getRaw();
    private static final byte[] MULTI = Protocol.Command.MULTI.getRaw();
    private static final byte[] EXEC = Protocol.Command.EXEC.getRaw();
    private static final byte[] PX = Protocol.Keyword.PX.getRaw();

    private MarkedTransaction() {}

    /**
     * @param what the ops for messages, e.g. "an exactly-once commit"
     * @throws RedisCommandException not retryable when Redis refused ops (the rest is applied and
     *     marked) or refused the transaction (nothing is applied)
     */
    static void apply(
            RedisConnectionConfig config,
            RedisNodes nodes,
            byte[] marker,
            long sequence,
            long retentionMillis,
            RespBlock ops,
            String what)
            throws RedisCommandException {
        byte[] seq = Digits.ascii(sequence);
        for (int attempt = 0; attempt <= MAX_WATCH_CONFLICTS; attempt++) {
            try (Connection connection = nodes.borrow(nodes.nodeFor(marker))) {
                List<Object> seen =
                        new RespWriter(2)
                                .command(WATCH, marker)
                                .command(GET, marker)
                                .exchange(connection);
                throwIfError(config, seen.get(0), "WATCH of the marker of " + what);
                throwIfError(config, seen.get(1), "GET of the marker of " + what);
                if (seen.get(1) != null
                        && Long.parseLong(RedisCommandException.text(seen.get(1))) >= sequence) {
                    new RespWriter(1).command(UNWATCH).exchange(connection);
                    return;
                }
                RespWriter transaction = new RespWriter(3).command(MULTI).append(ops);
                transaction
                        .command(SET, marker, seq, PX, Digits.ascii(retentionMillis))
                        .command(EXEC);
                List<Object> replies = transaction.exchange(connection);
                Object executed = replies.get(replies.size() - 1);
                if (executed == null) {
                    continue; // the marker changed after WATCH: nothing applied, check again
                }
                if (executed instanceof JedisDataException) {
                    // EXECABORT: a command was refused while queued, nothing was applied.
                    throw RedisCommandException.rejected(
                            config,
                            what + " of " + ops.commands(),
                            firstError(replies, ((JedisDataException) executed).getMessage()));
                }
                refuseIfAny(config, ops, (List<?>) executed, what);
                return;
            }
        }
        throw new RedisCommandException(
                "The marker "
                        + RedisCommandException.printable(marker)
                        + " of "
                        + what
                        + " kept changing during "
                        + (MAX_WATCH_CONFLICTS + 1)
                        + " transactions: is another job writing with the same markers?",
                true,
                null);
    }

    /** Reports the ops Redis refused within the applied transaction, by key. */
    private static void refuseIfAny(
            RedisConnectionConfig config, RespBlock ops, List<?> results, String what)
            throws RedisCommandException {
        List<byte[][]> decoded = null;
        Refusals refusals = new Refusals();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof JedisDataException) {
                decoded = decoded == null ? ops.decode() : decoded;
                refusals.add(decoded.get(i)[1], ((JedisDataException) results.get(i)).getMessage());
            }
        }
        refusals.throwIfAny(config, what);
    }

    private static void throwIfError(RedisConnectionConfig config, Object reply, String what)
            throws RedisCommandException {
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
}
