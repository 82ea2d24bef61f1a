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
        check(what, version, supported, supported);
    }

    /** The same for a form whose versions {@code oldest} to {@code newest} are all read. */
    public static void check(String what, int version, int oldest, int newest) throws IOException {
        if (version < oldest || version > newest) {
            throw new IOException(
                    String.format(
                            "%s of version %d in the restored state; this connector reads %s."
                                    + " Restore with the connector version that wrote it.",
                            what,
                            version,
                            oldest == newest
                                    ? "version " + newest
                                    : "versions " + oldest + " to " + newest));
        }
    }
}
