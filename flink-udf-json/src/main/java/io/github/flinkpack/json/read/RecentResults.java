package io.github.flinkpack.json.read;

import java.util.Arrays;

/**
 * The latest results per thread, keyed by what was read (function, path or type) and the document
 * bytes. The planner inlines a subquery's {@code FROM_JSON(doc, ...) AS r} into every {@code
 * r.field} access, and users repeat {@code JSON_STR(v, '$.after')} across a query: each is a
 * separate call site, so without this every one of them would parse the same document again.
 *
 * <p>The document bytes are a copy (Flink may reuse the memory of a row), compared in full, so a
 * hit is always the same input. Entries hold only JDK and Flink objects, so a thread that outlives
 * a job does not pin this jar's class loader.
 */
public final class RecentResults {

    /** Returned by {@link #get} when nothing is cached for the key and document. */
    public static final Object MISS = new Object();

    private static final int SLOTS = 16;

    private static final ThreadLocal<Object[][]> ENTRIES =
            ThreadLocal.withInitial(() -> new Object[SLOTS][]);

    private RecentResults() {}

    public static Object get(String key, byte[] document) {
        Object[] entry = ENTRIES.get()[slot(key)];
        if (entry != null && entry[0].equals(key) && Arrays.equals((byte[]) entry[1], document)) {
            return entry[2];
        }
        return MISS;
    }

    /** Remembers a result for a copy of {@code document}. */
    public static void put(String key, byte[] document, Object result) {
        // StringData.toBytes() may return the row's own buffer, which Flink can refill.
        ENTRIES.get()[slot(key)] = new Object[] {key, document.clone(), result};
    }

    private static int slot(String key) {
        return key.hashCode() & (SLOTS - 1);
    }
}
