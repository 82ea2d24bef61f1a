package io.github.flinkpack.testing.redis;

/**
 * The keys the Redis sink's counter writer keeps beside the users' data, one per writer, to
 * recognise a resent batch (docs/redis-connector.md). Tools that list or count what a pipeline
 * wrote leave them out; {@code RedisWriteClientTest} pins this prefix to the connector's.
 */
public final class ReplayGuardKeys {

    public static final String PREFIX = "flinkpack:batch:";

    /** A pattern for {@code KEYS}/{@code SCAN} that matches only replay-guard keys. */
    public static final String PATTERN = PREFIX + "*";

    private ReplayGuardKeys() {}

    public static boolean isReplayGuard(String key) {
        return key.startsWith(PREFIX);
    }
}
