package io.github.flinkpack.finalrows;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * A filter that passes everything, slowly enough for checkpoints to happen in between, and fails
 * the job once, after a given number of rows. Static state: the MiniCluster runs in this JVM, so
 * the restarted task sees that it already failed.
 */
public final class FailOnce extends ScalarFunction {

    private static final long serialVersionUID = 1L;

    static final AtomicInteger SEEN = new AtomicInteger();
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static volatile int failAfter = Integer.MAX_VALUE;

    static void reset(int rows) {
        SEEN.set(0);
        FAILED.set(false);
        failAfter = rows;
    }

    public boolean eval(String value) throws InterruptedException {
        Thread.sleep(5);
        if (SEEN.incrementAndGet() >= failAfter && FAILED.compareAndSet(false, true)) {
            throw new IllegalStateException("Injected failure after " + failAfter + " rows");
        }
        return true;
    }
}
