package io.github.flinkpack.redis.util;

import java.io.IOException;

/** One check, with one message, for every versioned form the connector keeps in Flink state. */
public final class StateVersions {

    private StateVersions() {}

    /**
     * Fails on a version this build does not read, e.g. state written by a newer connector and
     * restored with an older jar.
     */
    public static void check(String what, int version, int supported) throws IOException {
        if (version != supported) {
            throw new IOException(
                    String.format(
                            "%s of version %d in the restored state; this connector reads version"
                                    + " %d. Restore with the connector version that wrote it.",
                            what, version, supported));
        }
    }
}
