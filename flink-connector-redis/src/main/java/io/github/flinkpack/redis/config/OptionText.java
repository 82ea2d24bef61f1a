package io.github.flinkpack.redis.config;

import java.util.Locale;

/** How enum option values are written: lower case with hyphens, e.g. {@code at-least-once}. */
final class OptionText {

    private OptionText() {}

    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
