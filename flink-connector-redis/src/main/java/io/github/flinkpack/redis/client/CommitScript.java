package io.github.flinkpack.redis.client;

import java.nio.charset.StandardCharsets;

/**
 * Applies an exactly-once commit on one node of a cluster, atomically: a Lua script runs alone. The
 * ops are grouped by marker (one per slot, so that a marker always lives in the slot of the keys it
 * guards and moves with them). For each group it reads the marker: at or past this commit's
 * sequence means the group was applied before (the commit is a repeat after a lost reply or a
 * restore) and is skipped; otherwise it runs the group's ops with {@code redis.pcall}, so one bad
 * key (e.g. WRONGTYPE) cannot stop the others half-way, and records the sequence in the marker with
 * the retention as its TTL. A group whose marker is not served by this node (its slot moved) is
 * left untouched and reported, to be sent to its new owner.
 *
 * <p>ARGV: sequence, retention ms, group count, (marker, op count) per group, then per op its part
 * count and parts. Reply: flat triples {@code 'moved', group, error} and {@code 'error', key,
 * error}.
 */
final class CommitScript {

    private static final String BODY =
            "local seq = tonumber(ARGV[1])\n"
                    + "local groups = tonumber(ARGV[3])\n"
                    + "local a = 4\n"
                    + "local markers, counts = {}, {}\n"
                    + "for g = 1, groups do\n"
                    + "  markers[g] = ARGV[a]; counts[g] = tonumber(ARGV[a + 1]); a = a + 2\n"
                    + "end\n"
                    + "local result = {}\n"
                    + "for g = 1, groups do\n"
                    + "  local seen = redis.pcall('GET', markers[g])\n"
                    + "  local moved = type(seen) == 'table' and seen.err\n"
                    + "  local skip = moved or (seen and tonumber(seen) >= seq)\n"
                    + "  if moved then\n"
                    + "    result[#result + 1] = 'moved'; result[#result + 1] = tostring(g)\n"
                    + "    result[#result + 1] = seen.err\n"
                    + "  end\n"
                    + "  for i = 1, counts[g] do\n"
                    + "    local n = tonumber(ARGV[a])\n"
                    + "    if not skip then\n"
                    + "      local reply = redis.pcall(unpack(ARGV, a + 1, a + n))\n"
                    + "      if type(reply) == 'table' and reply.err then\n"
                    + "        result[#result + 1] = 'error'; result[#result + 1] = ARGV[a + 2]\n"
                    + "        result[#result + 1] = reply.err\n"
                    + "      end\n"
                    + "    end\n"
                    + "    a = a + 1 + n\n"
                    + "  end\n"
                    + "  if not skip then redis.call('SET', markers[g], ARGV[1], 'PX', ARGV[2]) end\n"
                    + "end\n"
                    + "return result\n";

    /** Redis 7+: the groups of one node lie in different slots. */
    static final byte[] CLUSTER =
            ("#!lua flags=allow-cross-slot-keys\n" + BODY).getBytes(StandardCharsets.UTF_8);

    private CommitScript() {}
}
