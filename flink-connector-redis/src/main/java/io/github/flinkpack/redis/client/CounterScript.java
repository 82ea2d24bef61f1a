package io.github.flinkpack.redis.client;

import java.nio.charset.StandardCharsets;

/**
 * Applies a batch of counter deltas at most once in a cluster (a single server uses a {@link
 * MarkedTransaction}). Only the marker is a declared key (it routes the call to a node); the
 * counters travel in ARGV, because a cluster refuses declared keys of different slots even with
 * {@code allow-cross-slot-keys}, which lets the script itself touch any key of its node (and still
 * fails on a key another node owns). The script first compares a per-writer marker key with the
 * batch id: equal means an earlier attempt of this batch already ran (its reply was lost), so it
 * does nothing. Otherwise it applies every delta with {@code redis.pcall}, so one bad key (e.g.
 * WRONGTYPE) cannot stop the others half-way, records the batch id in the marker, and returns the
 * failed keys with their errors. A script runs atomically, so a batch is either applied together
 * with its marker or not at all.
 *
 * <p>Reply: {@code [1, key, error, key, error, ...]} when applied, {@code [0]} when skipped.
 */
final class CounterScript {

    /** Per delta: key, operation, field, delta, expiry command, expiry argument, 'NX' or ''. */
    static final int ARGS_PER_DELTA = 7;

    private static final String BODY =
            "local token = ARGV[1]\n"
                    + "if redis.call('GET', KEYS[1]) == token then return {0} end\n"
                    + "local result = {1}\n"
                    + "local a = 3\n"
                    + "while a <= #ARGV do\n"
                    + "  local key, op, field, delta = ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3]\n"
                    + "  local expCmd, expArg, nx = ARGV[a + 4], ARGV[a + 5], ARGV[a + 6]\n"
                    + "  a = a + 7\n"
                    + "  local reply\n"
                    + "  if op == 'DEL' then reply = redis.pcall('DEL', key)\n"
                    + "  elseif op == 'HDEL' or op == 'ZREM' then reply = redis.pcall(op, key, field)\n"
                    + "  elseif op == 'ZINCRBY' then reply = redis.pcall(op, key, delta, field)\n"
                    + "  elseif op == 'HINCRBY' or op == 'HINCRBYFLOAT' then\n"
                    + "    reply = redis.pcall(op, key, field, delta)\n"
                    + "  else reply = redis.pcall(op, key, delta) end\n"
                    + "  if type(reply) == 'table' and reply.err then\n"
                    + "    result[#result + 1] = key\n"
                    + "    result[#result + 1] = reply.err\n"
                    + "  elseif expCmd ~= '' then\n"
                    + "    if nx == '' then reply = redis.pcall(expCmd, key, expArg)\n"
                    + "    else reply = redis.pcall(expCmd, key, expArg, 'NX') end\n"
                    + "    if type(reply) == 'table' and reply.err then\n"
                    + "      result[#result + 1] = key\n"
                    + "      result[#result + 1] = reply.err\n"
                    + "    end\n"
                    + "  end\n"
                    + "end\n"
                    + "redis.call('SET', KEYS[1], token, 'PX', ARGV[2])\n"
                    + "return result\n";

    /** Cluster (Redis 7+): the counters of one node may lie in different slots. */
    static final byte[] CLUSTER =
            ("#!lua flags=allow-cross-slot-keys\n" + BODY).getBytes(StandardCharsets.UTF_8);

    private CounterScript() {}
}
