package io.github.flinkpack.testing.cluster;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds, failing with a message that says what was awaited. */
public final class Deadline {

    private Deadline() {}

    /**
     * Waits until {@code condition} holds; on timeout throws an {@link AssertionError} with the
     * message {@code state} gives at that moment (what was seen instead).
     */
    public static void await(
            Duration timeout, String what, BooleanSupplier condition, Supplier<String> state) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(
                        "Timed out after "
                                + timeout.toSeconds()
                                + " s waiting for "
                                + what
                                + ": "
                                + state.get());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what, e);
            }
        }
    }
}
