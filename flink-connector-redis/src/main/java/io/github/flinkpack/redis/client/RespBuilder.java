package io.github.flinkpack.redis.client;

import io.github.flinkpack.redis.util.Digits;
import java.util.Arrays;

/**
 * Encodes Redis commands as RESP into one growing array: a command is {@link #begin} with its part
 * count, then one {@link #bulk} per part (the name first).
 */
public final class RespBuilder {

    private final byte[] digits = new byte[20];
    private byte[] buffer;
    private int size;
    private int commands;

    public RespBuilder(int initialBytes) {
        this.buffer = new byte[Math.max(64, initialBytes)];
    }

    /** Starts a command of {@code parts} parts, its name included. */
    public RespBuilder begin(int parts) {
        header('*', parts);
        commands++;
        return this;
    }

    public RespBuilder bulk(byte[] part) {
        return bulk(part, 0, part.length);
    }

    /** A part of {@code length} bytes of {@code source} from {@code from}. */
    public RespBuilder bulk(byte[] source, int from, int length) {
        header('$', length);
        ensure(length + 2);
        System.arraycopy(source, from, buffer, size, length);
        size += length;
        crlf();
        return this;
    }

    /** A part holding the decimal digits of {@code number}, written without a String. */
    public RespBuilder bulk(long number) {
        int length = Digits.write(number, digits, 0);
        header('$', length);
        ensure(length + 2);
        System.arraycopy(digits, 0, buffer, size, length);
        size += length;
        crlf();
        return this;
    }

    /** One whole command: {@code name}, then {@code args[from..]}. */
    public RespBuilder command(byte[] name, byte[][] args, int from) {
        begin(args.length - from + 1).bulk(name);
        for (int i = from; i < args.length; i++) {
            bulk(args[i]);
        }
        return this;
    }

    public RespBuilder command(byte[] name, byte[]... args) {
        return command(name, args, 0);
    }

    /** Appends {@code length} bytes of commands already encoded, {@code count} of them. */
    public RespBuilder append(byte[] encoded, int from, int length, int count) {
        ensure(length);
        System.arraycopy(encoded, from, buffer, size, length);
        size += length;
        commands += count;
        return this;
    }

    public RespBuilder append(RespBlock block) {
        return append(block.bytes(), 0, block.length(), block.commands());
    }

    public int size() {
        return size;
    }

    public int commands() {
        return commands;
    }

    /** The array encoded into (valid up to {@link #size}); shared, not a copy. */
    public byte[] buffer() {
        return buffer;
    }

    public RespBuilder reset() {
        size = 0;
        commands = 0;
        return this;
    }

    /** What was built, sharing this builder's array: reset or drop the builder afterwards. */
    public RespBlock toBlock() {
        return new RespBlock(buffer, size, commands);
    }

    private void header(char type, int number) {
        ensure(14);
        buffer[size++] = (byte) type;
        size = Digits.write(number, buffer, size);
        crlf();
    }

    private void crlf() {
        buffer[size++] = '\r';
        buffer[size++] = '\n';
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
