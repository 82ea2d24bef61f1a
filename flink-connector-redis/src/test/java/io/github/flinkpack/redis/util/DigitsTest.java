package io.github.flinkpack.redis.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigitsTest {

    private static final long[] SAMPLES = {
        0,
        1,
        -1,
        9,
        10,
        -10,
        99,
        100,
        12345,
        -98765,
        999_999_999L,
        1_000_000_000L,
        999_999_999_999_999_999L,
        1_000_000_000_000_000_000L,
        Long.MAX_VALUE,
        Long.MIN_VALUE,
        Long.MIN_VALUE + 1,
        Integer.MAX_VALUE,
        Integer.MIN_VALUE
    };

    @Test
    void rendersEveryLengthAndSignAsLongToStringDoes() {
        for (long value : SAMPLES) {
            assertThat(new String(Digits.ascii(value), StandardCharsets.US_ASCII))
                    .isEqualTo(Long.toString(value));
        }
        for (long power = 1; power > 0 && power < Long.MAX_VALUE / 10; power *= 10) {
            for (long value : new long[] {power - 1, power, power + 1, -power, -(power - 1)}) {
                assertThat(new String(Digits.ascii(value), StandardCharsets.US_ASCII))
                        .isEqualTo(Long.toString(value));
            }
        }
    }

    @Test
    void writesInPlaceAndReturnsTheEnd() {
        byte[] to = new byte[30];
        to[0] = 'x';
        int end = Digits.write(-4096, to, 1);
        assertThat(end).isEqualTo(6);
        assertThat(new String(to, 0, end, StandardCharsets.US_ASCII)).isEqualTo("x-4096");
    }

    @Test
    void builderAppendsPartsAndIsReusable() {
        ByteBuilder builder = new ByteBuilder();
        for (int i = 0; i < 100; i++) {
            builder.append("user:".getBytes(StandardCharsets.US_ASCII));
        }
        builder.append(Long.MIN_VALUE);
        assertThat(new String(builder.toArray(), StandardCharsets.US_ASCII))
                .isEqualTo("user:".repeat(100) + Long.MIN_VALUE);
        assertThat(builder.reset().append(7).toArray()).containsExactly('7');
    }
}
