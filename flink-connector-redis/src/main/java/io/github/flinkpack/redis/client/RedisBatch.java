package io.github.flinkpack.redis.client;

import java.util.List;

/**
 * What one flush writes: plain commands (idempotent, pipelined) and counter deltas (applied at most
 * once per batch id through {@link CounterScript}).
 */
public final class RedisBatch {

    private final long id;
    private final List<KeyedCommand> commands;
    private final List<CounterDelta> counters;

    public RedisBatch(long id, List<KeyedCommand> commands, List<CounterDelta> counters) {
        this.id = id;
        this.commands = commands;
        this.counters = counters;
    }

    public long id() {
        return id;
    }

    public List<KeyedCommand> commands() {
        return commands;
    }

    public List<CounterDelta> counters() {
        return counters;
    }

    public int size() {
        return commands.size() + counters.size();
    }

    public boolean isEmpty() {
        return commands.isEmpty() && counters.isEmpty();
    }
}
