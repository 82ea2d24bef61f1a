package io.github.flinkpack.redis.sink;

import static io.github.flinkpack.redis.sink.CheckpointMutations.ABSOLUTE;
import static io.github.flinkpack.redis.sink.CheckpointMutations.APPEND;
import static io.github.flinkpack.redis.sink.CheckpointMutations.COUNTER;
import static io.github.flinkpack.redis.sink.CheckpointMutations.COUNTER_DECIMAL;
import static io.github.flinkpack.redis.sink.CheckpointMutations.COUNTER_DELETE_FIRST;
import static io.github.flinkpack.redis.sink.CheckpointMutations.COUNTER_EXPIRY_KIND;
import static io.github.flinkpack.redis.sink.CheckpointMutations.COUNTER_EXPIRY_MILLIS;
import static io.github.flinkpack.redis.sink.CheckpointMutations.COUNTER_SUM;
import static io.github.flinkpack.redis.sink.CheckpointMutations.DEAD;
import static io.github.flinkpack.redis.sink.CheckpointMutations.DEL;
import static io.github.flinkpack.redis.sink.CheckpointMutations.DELETE;
import static io.github.flinkpack.redis.sink.CheckpointMutations.HDEL;
import static io.github.flinkpack.redis.sink.CheckpointMutations.NO_EXPIRY;
import static io.github.flinkpack.redis.sink.CheckpointMutations.NX;
import static io.github.flinkpack.redis.sink.CheckpointMutations.PEXPIRE;
import static io.github.flinkpack.redis.sink.CheckpointMutations.PEXPIREAT;
import static io.github.flinkpack.redis.sink.CheckpointMutations.VALUE;
import static io.github.flinkpack.redis.sink.CheckpointMutations.WRITE;

import io.github.flinkpack.redis.client.RespBuilder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns the live entries of a {@link CheckpointMutations} log into {@link PackedWrites}, in the
 * order of their last write: plain SETs as key/value runs (one MSET each), integer counters as key
 * and delta, everything else as the RESP commands it commits as.
 */
final class EntryPacker {

    /** Keys per MSET: large enough to save Redis the per-command work, small per reply. */
    private static final int MSET_KEYS = 512;

    private static final byte[] INCRBY = ascii("INCRBY");
    private static final byte[] HINCRBY = ascii("HINCRBY");
    private static final byte[] INCRBYFLOAT = ascii("INCRBYFLOAT");
    private static final byte[] HINCRBYFLOAT = ascii("HINCRBYFLOAT");
    private static final byte[] ZINCRBY = ascii("ZINCRBY");
    private static final byte[] ZREM = ascii("ZREM");

    private final EntryLog entries;
    private final List<BigDecimal> decimals;
    private final boolean expireOnCreate;
    private final boolean scoreCounters;
    private final RespBuilder scratch = new RespBuilder(256);

    /**
     * @param decimals the decimal sums the counter entries index
     * @param scoreCounters the counters' fields are sorted-set members (ZINCRBY, ZREM)
     */
    EntryPacker(
            EntryLog entries,
            List<BigDecimal> decimals,
            boolean expireOnCreate,
            boolean scoreCounters) {
        this.entries = entries;
        this.decimals = decimals;
        this.expireOnCreate = expireOnCreate;
        this.scoreCounters = scoreCounters;
    }

    PackedWrites pack() {
        PackedWrites.Builder out = new PackedWrites.Builder(entries.liveBytes());
        for (int at = 0; at < entries.end(); ) {
            byte kind = entries.kind(at);
            if (kind == VALUE) {
                at = packValues(at, out);
                continue;
            }
            if (kind == WRITE || kind == DELETE || kind == APPEND) {
                int commandsAt = entries.payload(at);
                int end = entries.next(at);
                out.resp(log(), commandsAt + 4, end - commandsAt - 4, intAt(commandsAt));
            } else if (kind == COUNTER) {
                packCounter(at, out);
            }
            at = entries.next(at);
        }
        return out.build();
    }

    /**
     * Packs an integer counter with no delete before it and no expiry as its key (and field) and
     * delta; renders any other as RESP.
     */
    private void packCounter(int at, PackedWrites.Builder out) {
        int counter = entries.payload(at);
        int fieldAt = entries.fieldAt(at);
        int fieldLength = intAt(fieldAt);
        boolean plain =
                log()[counter + COUNTER_DELETE_FIRST] == 0
                        && intAt(counter + COUNTER_DECIMAL) < 0
                        && log()[counter + COUNTER_EXPIRY_KIND] == NO_EXPIRY
                        && !(fieldLength >= 0 && scoreCounters);
        if (!plain) {
            renderCounter(at, scratch.reset());
            out.resp(scratch.buffer(), 0, scratch.size(), scratch.commands());
            return;
        }
        out.begin(fieldLength < 0 ? PackedWrites.COUNTERS : PackedWrites.FIELD_COUNTERS)
                .part(log(), entries.keyAt(at), entries.keyLength(at));
        if (fieldLength >= 0) {
            out.part(log(), fieldAt + 4, fieldLength);
        }
        out.delta(longAt(counter + COUNTER_SUM));
    }

    private void renderCounter(int at, RespBuilder out) {
        boolean hashField = intAt(entries.fieldAt(at)) >= 0;
        int parts = hashField ? 3 : 2;
        int counter = entries.payload(at);
        if (log()[counter + COUNTER_DELETE_FIRST] == 1) {
            byte[] delete = !hashField ? DEL : scoreCounters ? ZREM : HDEL;
            keyAndField(out.begin(parts).bulk(delete), at);
        }
        int decimal = intAt(counter + COUNTER_DECIMAL);
        if (hashField && scoreCounters) {
            int fieldAt = entries.fieldAt(at);
            out.begin(4).bulk(ZINCRBY).bulk(log(), entries.keyAt(at), entries.keyLength(at));
            if (decimal >= 0) {
                out.bulk(ascii(decimals.get(decimal).toPlainString()));
            } else {
                out.bulk(longAt(counter + COUNTER_SUM));
            }
            out.bulk(log(), fieldAt + 4, intAt(fieldAt));
        } else if (decimal >= 0) {
            byte[] sum = ascii(decimals.get(decimal).toPlainString());
            keyAndField(out.begin(parts + 1).bulk(hashField ? HINCRBYFLOAT : INCRBYFLOAT), at)
                    .bulk(sum);
        } else {
            keyAndField(out.begin(parts + 1).bulk(hashField ? HINCRBY : INCRBY), at)
                    .bulk(longAt(counter + COUNTER_SUM));
        }
        byte expiryKind = log()[counter + COUNTER_EXPIRY_KIND];
        if (expiryKind != NO_EXPIRY) {
            out.begin(expireOnCreate ? 4 : 3).bulk(expiryKind == ABSOLUTE ? PEXPIREAT : PEXPIRE);
            out.bulk(log(), entries.keyAt(at), entries.keyLength(at))
                    .bulk(longAt(counter + COUNTER_EXPIRY_MILLIS));
            if (expireOnCreate) {
                out.bulk(NX);
            }
        }
    }

    /** Appends the key of the entry at {@code at}, and its hash field if it has one. */
    private RespBuilder keyAndField(RespBuilder out, int at) {
        out.bulk(log(), entries.keyAt(at), entries.keyLength(at));
        int fieldAt = entries.fieldAt(at);
        int fieldLength = intAt(fieldAt);
        return fieldLength < 0 ? out : out.bulk(log(), fieldAt + 4, fieldLength);
    }

    /**
     * Packs the run of live {@link CheckpointMutations#VALUE} entries starting at {@code at} (dead
     * entries between them skipped) as one record of up to {@link #MSET_KEYS} keys, sent as one
     * MSET (or SET); returns where the run ends. One MSET costs Redis much less than as many SETs,
     * and sets the same keys in order.
     */
    private int packValues(int at, PackedWrites.Builder out) {
        int end = at;
        int keys = 0;
        while (end < entries.end()
                && keys < MSET_KEYS
                && (entries.kind(end) == VALUE || entries.kind(end) == DEAD)) {
            if (entries.kind(end) == VALUE) {
                keys++;
                out.begin(PackedWrites.VALUES)
                        .part(log(), entries.keyAt(end), entries.keyLength(end));
                int valueAt = entries.payload(end);
                out.part(log(), valueAt + 4, intAt(valueAt));
            }
            end = entries.next(end);
        }
        out.endRecord();
        return end;
    }

    private byte[] log() {
        return entries.array();
    }

    private int intAt(int at) {
        return entries.intAt(at);
    }

    private long longAt(int at) {
        return entries.longAt(at);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
