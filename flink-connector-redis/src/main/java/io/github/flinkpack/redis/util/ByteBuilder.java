package io.github.flinkpack.redis.util;

import java.util.Arrays;

/** A reusable, growing byte array for bytes assembled from parts (keys, hash fields, records). */
public final class ByteBuilder {

    private byte[] bytes;
    private int size;

    public ByteBuilder() {
        this(64);
    }

    public ByteBuilder(int initialBytes) {
        this.bytes = new byte[Math.max(64, initialBytes)];
    }

    public ByteBuilder reset() {
        size = 0;
        return this;
    }

    public ByteBuilder append(byte[] part) {
        ensure(part.length);
        System.arraycopy(part, 0, bytes, size, part.length);
        size += part.length;
        return this;
    }

    public ByteBuilder append(byte[] source, int from, int length) {
        ensure(length);
        System.arraycopy(source, from, bytes, size, length);
        size += length;
        return this;
    }

    /** Appends {@code count} bytes to be filled in later ({@link #putInt}). */
    public ByteBuilder reserve(int count) {
        ensure(count);
        size += count;
        return this;
    }

    public ByteBuilder appendByte(byte value) {
        ensure(1);
        bytes[size++] = value;
        return this;
    }

    /** Seven bits per byte, lowest first; the high bit set on every byte but the last. */
    public ByteBuilder appendVarint(long value) {
        ensure(10);
        while ((value & ~0x7fL) != 0) {
            bytes[size++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
        return this;
    }

    /** Overwrites four bytes at {@code at}, big-endian. */
    public void putInt(int at, int value) {
        BigEndian.putInt(bytes, at, value);
    }

    public int size() {
        return size;
    }

    /** The array appended to, valid up to {@link #size}; shared, not a copy. */
    public byte[] array() {
        return bytes;
    }

    /** Appends the decimal digits of {@code number}. */
    public ByteBuilder append(long number) {
        ensure(20);
        size = Digits.write(number, bytes, size);
        return this;
    }

    /** A copy of what was appended since the last reset. */
    public byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
