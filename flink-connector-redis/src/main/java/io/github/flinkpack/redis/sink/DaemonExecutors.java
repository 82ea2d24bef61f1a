package io.github.flinkpack.redis.sink;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The sink's I/O threads: named after their table, never keeping the JVM alive. */
final class DaemonExecutors {

    private DaemonExecutors() {}

    /** {@code threads} threads named {@code name-1}, {@code name-2}, ... */
    static ExecutorService fixed(int threads, String name) {
        AtomicInteger created = new AtomicInteger();
        return Executors.newFixedThreadPool(
                threads,
                runnable -> {
                    Thread thread = new Thread(runnable, name + "-" + created.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }
}
