package io.github.flinkpack.redis.client;

import redis.clients.jedis.util.JedisClusterCRC16;

/** For every cluster slot, a short hash tag that maps to it, to place marker keys on a node. */
final class SlotTags {

    private static final int SLOTS = 16384;
    private static final String[] TAGS = computeTags();

    private SlotTags() {}

    static String forSlot(int slot) {
        return TAGS[slot];
    }

    private static String[] computeTags() {
        String[] tags = new String[SLOTS];
        int filled = 0;
        for (int i = 0; filled < SLOTS; i++) {
            String candidate = Integer.toString(i, 36);
            int slot = JedisClusterCRC16.getSlot(candidate);
            if (tags[slot] == null) {
                tags[slot] = candidate;
                filled++;
            }
        }
        return tags;
    }
}
