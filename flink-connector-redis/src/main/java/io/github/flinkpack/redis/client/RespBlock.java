package io.github.flinkpack.redis.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Redis commands already encoded as RESP, back to back, and their count: the form in which an
 * exactly-once commit is built, checkpointed and sent, so no step between the writer and the socket
 * takes it apart. Immutable by convention: the array may be shared, nobody writes to it.
 */
public final class RespBlock {

    private static final byte[] MSET = "MSET".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SET = "SET".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes;
    private final int length;
    private final int commands;

    public RespBlock(byte[] bytes, int length, int commands) {
        this.bytes = bytes;
        this.length = length;
        this.commands = commands;
    }

    /** Each op: the command name, then its arguments. */
    public static RespBlock of(List<byte[][]> ops) {
        RespBuilder out = new RespBuilder(ops.size() * 48);
        for (byte[][] op : ops) {
            out.command(op[0], op, 1);
        }
        return out.toBlock();
    }

    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public int commands() {
        return commands;
    }

    /**
     * The commands taken apart, each its name and then its arguments; for the paths that route or
     * report commands one by one (a Cluster, an error message).
     *
     * @throws IllegalArgumentException when the bytes are not {@link #commands} RESP commands
     */
    public List<byte[][]> decode() {
        return walk(true);
    }

    /**
     * As {@link #decode}, with each MSET taken apart into one SET per key: for a Cluster, where the
     * keys of one MSET may live in different slots.
     */
    public List<byte[][]> decodePerKey() {
        List<byte[][]> ops = decode();
        List<byte[][]> perKey = new ArrayList<>(ops.size());
        for (byte[][] op : ops) {
            if (!Arrays.equals(op[0], MSET)) {
                perKey.add(op);
                continue;
            }
            for (int i = 1; i + 1 < op.length; i += 2) {
                perKey.add(new byte[][] {SET, op[i], op[i + 1]});
            }
        }
        return perKey;
    }

    /**
     * Checks, without copying anything, that the bytes are {@link #commands} RESP commands: a
     * damaged checkpoint is then reported when it is restored, not sent to Redis.
     *
     * @throws IllegalArgumentException when they are not
     */
    public RespBlock validate() {
        walk(false);
        return this;
    }

    private List<byte[][]> walk(boolean keepParts) {
        List<byte[][]> ops = keepParts ? new ArrayList<>(commands) : null;
        int count = 0;
        int[] at = {0};
        try {
            while (at[0] < length) {
                expect('*', at);
                int parts = number(at);
                byte[][] op = keepParts ? new byte[parts][] : null;
                for (int p = 0; p < parts; p++) {
                    expect('$', at);
                    int partLength = number(at);
                    if (keepParts) {
                        op[p] = Arrays.copyOfRange(bytes, at[0], at[0] + partLength);
                    }
                    at[0] += partLength;
                    crlf(at);
                }
                if (keepParts) {
                    ops.add(op);
                }
                count++;
            }
        } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException e) {
            throw corrupt("truncated at byte " + at[0]);
        }
        if (at[0] != length || count != commands) {
            throw corrupt(count + " commands in " + at[0] + " bytes");
        }
        return ops;
    }

    private void expect(char type, int[] at) {
        if (at[0] >= length || bytes[at[0]] != type) {
            throw corrupt("'" + type + "' expected at byte " + at[0]);
        }
        at[0]++;
    }

    private int number(int[] at) {
        int value = 0;
        int start = at[0];
        while (bytes[at[0]] >= '0' && bytes[at[0]] <= '9') {
            value = Math.addExact(Math.multiplyExact(value, 10), bytes[at[0]++] - '0');
        }
        if (at[0] == start) {
            throw corrupt("a number expected at byte " + start);
        }
        crlf(at);
        return value;
    }

    private void crlf(int[] at) {
        if (bytes[at[0]] != '\r' || bytes[at[0] + 1] != '\n') {
            throw corrupt("CRLF expected at byte " + at[0]);
        }
        at[0] += 2;
    }

    private IllegalArgumentException corrupt(String what) {
        return new IllegalArgumentException(
                "Not " + commands + " RESP commands in " + length + " bytes: " + what);
    }

    @Override
    public String toString() {
        return commands + " commands, " + length + " bytes";
    }
}
