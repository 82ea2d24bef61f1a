package io.github.flinkpack.redis.stream;

/** Redis stream entry ids, {@code <millis>-<sequence>}: their order and their time. */
final class StreamIds {

    /** Before every entry: reading after it reads the whole stream. */
    static final String BEFORE_ALL = "0-0";

    private StreamIds() {}

    /** Negative, zero or positive as {@code a} is before, equal to or after {@code b}. */
    static int compare(String a, String b) {
        int byMillis = Long.compareUnsigned(millis(a), millis(b));
        return byMillis != 0 ? byMillis : Long.compareUnsigned(sequence(a), sequence(b));
    }

    /** The entry's time: the milliseconds part of its id. */
    static long millis(String id) {
        int dash = id.indexOf('-');
        return Long.parseUnsignedLong(dash < 0 ? id : id.substring(0, dash));
    }

    /** The last possible id before {@code millis}: reading after it starts at that time. */
    static String justBefore(long millis) {
        return millis <= 0 ? BEFORE_ALL : (millis - 1) + "-" + Long.toUnsignedString(-1L);
    }

    private static long sequence(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? 0 : Long.parseUnsignedLong(id.substring(dash + 1));
    }
}
