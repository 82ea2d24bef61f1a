package io.github.flinkpack.redis.sink;

import io.github.flinkpack.redis.client.RespBlock;
import io.github.flinkpack.redis.client.RespBuilder;
import io.github.flinkpack.redis.util.BigEndian;
import io.github.flinkpack.redis.util.ByteBuilder;
import java.nio.charset.StandardCharsets;

/**
 * One checkpoint's reduced writes in the form they are checkpointed in, smaller than the RESP they
 * are sent as: the common writes (integer counters of a key or hash field, plain SETs) as runs of
 * bare keys, fields, values and varint deltas, everything else as RESP. A counter of a 15-byte key
 * takes ~18 bytes here against ~48 as {@code INCRBY}, and the checkpoint writes that many fewer
 * bytes. The RESP is rendered ({@link #toResp}) on the committer's thread, off the task's.
 *
 * <p>Records, back to back, each a tag byte and a count (4 bytes, big-endian), then:
 *
 * <ul>
 *   <li>{@link #RESP}: the byte length (4 bytes) and that many bytes of {@code count} commands;
 *   <li>{@link #COUNTERS}: per counter its key and its delta, sent as {@code INCRBY};
 *   <li>{@link #FIELD_COUNTERS}: per counter its key, field and delta, sent as {@code HINCRBY};
 *   <li>{@link #VALUES}: per key the key and its value, sent as one {@code MSET} (SET for one).
 * </ul>
 *
 * Keys, fields and values are a varint length and the bytes; deltas are zigzag varints.
 */
final class PackedWrites {

    static final byte RESP = 1;
    static final byte COUNTERS = 2;
    static final byte FIELD_COUNTERS = 3;
    static final byte VALUES = 4;

    private static final byte[] SET = ascii("SET");
    private static final byte[] MSET = ascii("MSET");
    private static final byte[] INCRBY = ascii("INCRBY");
    private static final byte[] HINCRBY = ascii("HINCRBY");

    private final byte[] bytes;
    private final int length;
    private final int commands;

    PackedWrites(byte[] bytes, int length, int commands) {
        this.bytes = bytes;
        this.length = length;
        this.commands = commands;
    }

    /** Commands already encoded, as one RESP record: for committables of version 2 and tests. */
    static PackedWrites of(RespBlock resp) {
        Builder out = new Builder(resp.length() + 16);
        out.resp(resp.bytes(), 0, resp.length(), resp.commands());
        return out.build();
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** The Redis commands these writes are sent as. */
    int commands() {
        return commands;
    }

    /** The writes as RESP commands. */
    RespBlock toResp() {
        return toResp(new RespBuilder(length * 3));
    }

    /**
     * The writes as RESP commands, rendered into {@code out} (reset first): the block shares its
     * array.
     */
    RespBlock toResp(RespBuilder out) {
        out.reset();
        int[] at = {0};
        while (at[0] < length) {
            byte tag = bytes[at[0]];
            int count = intAt(at[0] + 1);
            at[0] += 5;
            switch (tag) {
                case RESP:
                    int respLength = intAt(at[0]);
                    if (respLength < 0 || at[0] + 4 + respLength > length) {
                        throw new IllegalArgumentException(
                                "Commands overrun the writes at byte " + at[0]);
                    }
                    out.append(bytes, at[0] + 4, respLength, count);
                    at[0] += 4 + respLength;
                    break;
                case COUNTERS:
                case FIELD_COUNTERS:
                    for (int i = 0; i < count; i++) {
                        out.begin(tag == COUNTERS ? 3 : 4).bulk(tag == COUNTERS ? INCRBY : HINCRBY);
                        bulk(out, at);
                        if (tag == FIELD_COUNTERS) {
                            bulk(out, at);
                        }
                        out.bulk(zigzagDecode(varint(at)));
                    }
                    break;
                case VALUES:
                    out.begin(1 + 2 * count).bulk(count == 1 ? SET : MSET);
                    for (int i = 0; i < 2 * count; i++) {
                        bulk(out, at);
                    }
                    break;
                default:
                    throw new IllegalArgumentException(
                            "Unknown record " + tag + " at byte " + (at[0] - 5));
            }
        }
        if (at[0] != length || out.commands() != commands) {
            throw new IllegalArgumentException(
                    out.commands() + " commands in " + at[0] + " bytes, not " + commands);
        }
        return out.toBlock();
    }

    /**
     * Checks that the bytes are {@link #commands} well-formed writes, so that a damaged checkpoint
     * is reported when it is restored, not sent to Redis.
     *
     * @throws IllegalArgumentException when they are not
     */
    PackedWrites validate() {
        try {
            toResp().validate();
        } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("Packed writes truncated", e);
        }
        return this;
    }

    private void bulk(RespBuilder out, int[] at) {
        int partLength = (int) varint(at);
        if (partLength < 0 || at[0] + partLength > length) {
            throw new IllegalArgumentException("A part overruns the writes at byte " + at[0]);
        }
        out.bulk(bytes, at[0], partLength);
        at[0] += partLength;
    }

    private long varint(int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= length) {
                throw new IllegalArgumentException("A varint overruns the writes at byte " + at[0]);
            }
            byte next = bytes[at[0]++];
            value |= (long) (next & 0x7f) << shift;
            if (next >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("A varint longer than 10 bytes at byte " + at[0]);
    }

    private int intAt(int at) {
        return BigEndian.getInt(bytes, at);
    }

    private static long zigzagDecode(long encoded) {
        return (encoded >>> 1) ^ -(encoded & 1);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return commands + " commands, " + length + " bytes packed";
    }

    /**
     * Writes records: {@link #begin} one of a tag, then its entries, or {@link #resp} whole
     * commands. Consecutive entries of one tag, and consecutive RESP, share a record.
     */
    static final class Builder {

        private final ByteBuilder out;
        private int commands;

        /** Where the open record starts, -1 for none. */
        private int recordAt = -1;

        private byte recordTag;
        private int recordCount;

        Builder(int initialBytes) {
            this.out = new ByteBuilder(initialBytes);
        }

        /** Starts an entry of a {@link #COUNTERS}, {@link #FIELD_COUNTERS} or {@link #VALUES}. */
        Builder begin(byte tag) {
            if (recordAt < 0 || recordTag != tag) {
                open(tag);
            }
            recordCount++;
            return this;
        }

        /** Ends the open record, so that the next entry starts another (for VALUES: MSET). */
        void endRecord() {
            if (recordAt < 0) {
                return;
            }
            out.putInt(recordAt + 1, recordCount);
            if (recordTag == RESP) {
                out.putInt(recordAt + 5, out.size() - recordAt - 9);
            }
            commands += recordTag == VALUES ? 1 : recordCount;
            recordAt = -1;
        }

        /** A key, field or value. */
        Builder part(byte[] source, int from, int partLength) {
            out.appendVarint(partLength).append(source, from, partLength);
            return this;
        }

        Builder delta(long delta) {
            out.appendVarint((delta << 1) ^ (delta >> 63));
            return this;
        }

        /** {@code count} commands already encoded as RESP. */
        Builder resp(byte[] source, int from, int respLength, int count) {
            if (recordAt < 0 || recordTag != RESP) {
                open(RESP);
                out.reserve(4);
            }
            out.append(source, from, respLength);
            recordCount += count;
            return this;
        }

        PackedWrites build() {
            endRecord();
            return new PackedWrites(out.array(), out.size(), commands);
        }

        private void open(byte tag) {
            endRecord();
            recordAt = out.size();
            recordTag = tag;
            recordCount = 0;
            out.appendByte(tag).reserve(4);
        }
    }
}
