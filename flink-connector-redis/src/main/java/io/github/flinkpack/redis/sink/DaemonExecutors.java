package io.github.flinkpack.redis.sink;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The sink's I/O threads: one each, named after their table, never keeping the JVM alive. */
final class DaemonExecutors {

    private DaemonExecutors() {}

    static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(
                runnable -> {
                    Thread thread = new Thread(runnable, name);
                    thread.setDaemon(true);
                    return thread;
                });
    }
}
