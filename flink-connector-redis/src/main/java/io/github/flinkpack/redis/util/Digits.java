package io.github.flinkpack.redis.util;

import java.nio.charset.StandardCharsets;

/** Decimal digits of integers written straight into byte arrays, with no String in between. */
public final class Digits {

    private static final byte[] MIN_VALUE =
            Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    private Digits() {}

    /** Writes {@code value} in decimal at {@code at} (room for 20 bytes); returns the end. */
    public static int write(long value, byte[] to, int at) {
        if (value == Long.MIN_VALUE) {
            System.arraycopy(MIN_VALUE, 0, to, at, MIN_VALUE.length);
            return at + MIN_VALUE.length;
        }
        if (value < 0) {
            to[at++] = '-';
            value = -value;
        }
        int end = at + length(value);
        int i = end;
        do {
            to[--i] = (byte) ('0' + (value % 10));
            value /= 10;
        } while (value != 0);
        return end;
    }

    /** The decimal text of {@code value} as ASCII bytes. */
    public static byte[] ascii(long value) {
        if (value == Long.MIN_VALUE) {
            return MIN_VALUE.clone();
        }
        byte[] digits = new byte[value < 0 ? 1 + length(-value) : length(value)];
        write(value, digits, 0);
        return digits;
    }

    /** Digits of a non-negative value. */
    private static int length(long value) {
        int digits = 1;
        for (long limit = 10; digits < 19 && value >= limit; limit *= 10) {
            digits++;
        }
        return digits;
    }
}
