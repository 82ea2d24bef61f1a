package io.github.flinkpack.redis.client;

import java.util.List;

/**
 * What one flush writes: plain commands (idempotent, pipelined) and counter deltas (applied at most
 * once per batch id through {@link CounterScript}).
 */
public final class RedisBatch {

    private final long id;
    private final int lane;
    private final List<KeyedCommand> commands;
    private final List<CounterDelta> counters;

    public RedisBatch(long id, List<KeyedCommand> commands, List<CounterDelta> counters) {
        this(id, 0, commands, counters);
    }

    /**
     * @param lane the writer's lane: batches of one lane are written one after the other, with ids
     *     that grow; counter batches of different lanes have markers of their own
     */
    public RedisBatch(long id, int lane, List<KeyedCommand> commands, List<CounterDelta> counters) {
        this.id = id;
        this.lane = lane;
        this.commands = commands;
        this.counters = counters;
    }

    public long id() {
        return id;
    }

    public int lane() {
        return lane;
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
