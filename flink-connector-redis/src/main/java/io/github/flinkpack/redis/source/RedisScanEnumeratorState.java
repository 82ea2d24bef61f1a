package io.github.flinkpack.redis.source;

import java.util.ArrayList;
import java.util.List;

/** Whether the nodes were found yet, and the node splits no reader has taken. */
final class RedisScanEnumeratorState {

    private final boolean discovered;
    private final List<RedisScanSplit> unassigned = new ArrayList<>();

    RedisScanEnumeratorState(boolean discovered) {
        this.discovered = discovered;
    }

    boolean discovered() {
        return discovered;
    }

    List<RedisScanSplit> unassigned() {
        return unassigned;
    }
}
