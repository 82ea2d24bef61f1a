package io.github.flinkpack.json.convert;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import org.apache.flink.table.data.TimestampData;

/**
 * Timestamps from ISO-8601 text (with or without offset, 'T' or space), epoch milliseconds, and
 * MongoDB {@code $date}. Text with an offset and epoch values are instants, stored as UTC wall
 * time; text without one is taken as written. Years outside 0000-9999 (Flink's range) give null.
 */
final class Timestamps {

    private static final long MIN_MILLIS =
            LocalDateTime.of(0, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final long MAX_MILLIS =
            LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000)
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();

    /** Nanoseconds in one unit of each precision 0..9. */
    private static final int[] NANOS_PER_UNIT = {
        1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
    };

    private Timestamps() {}

    static TimestampData timestamp(JsonScalar scalar, int precision) {
        LocalDateTime value = localDateTime(scalar);
        if (value == null || value.getYear() < 0 || value.getYear() > 9999) {
            return null;
        }
        int unit = NANOS_PER_UNIT[precision];
        int nanos = value.getNano() / unit * unit;
        return TimestampData.fromLocalDateTime(value.withNano(nanos));
    }

    static Integer date(JsonScalar scalar) {
        LocalDateTime value = localDateTime(scalar);
        if (value == null || value.getYear() < 0 || value.getYear() > 9999) {
            return null;
        }
        return (int) value.toLocalDate().toEpochDay();
    }

    private static LocalDateTime localDateTime(JsonScalar scalar) {
        if (scalar.wrapper != null && !JsonScalar.DATE.equals(scalar.wrapper)) {
            if (!"$numberLong".equals(scalar.wrapper)) {
                return null;
            }
        }
        switch (scalar.kind) {
            case INTEGER:
                return fromMillis(scalar.text);
            case STRING:
                String text = scalar.text.trim();
                return isEpochText(text) ? fromMillis(text) : parseText(text);
            default:
                return null;
        }
    }

    private static boolean isEpochText(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start || text.length() - start > 19) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static LocalDateTime fromMillis(String text) {
        long millis;
        try {
            millis = Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
        if (millis < MIN_MILLIS || millis > MAX_MILLIS) {
            return null;
        }
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    private static LocalDateTime parseText(String text) {
        if (text.length() < 10 || text.length() > 64) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay();
            }
            String iso =
                    text.charAt(10) == ' '
                            ? text.substring(0, 10) + 'T' + text.substring(11)
                            : text;
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(iso);
            LocalDateTime local = LocalDateTime.from(parsed);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                int offset = parsed.get(ChronoField.OFFSET_SECONDS);
                return local.minus(offset, ChronoUnit.SECONDS);
            }
            return local;
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }
}
