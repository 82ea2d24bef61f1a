package io.github.flinkpack.redis.util;

import java.util.Arrays;

/** A reusable, growing byte array for text assembled from parts (keys, hash fields). */
public final class ByteBuilder {

    private byte[] bytes = new byte[64];
    private int size;

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
