package io.github.flinkpack.redis.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The commits of one exactly-once writer that a committer in the same JVM applies in the
 * background, so that the task thread goes on with the next checkpoint's rows while Redis applies
 * the last one's. Safe because the writer's next {@link #awaitAll} (at the next checkpoint barrier,
 * before any operator's snapshot drops the committable from state) waits for them and fails the
 * checkpoint with the commit's error: a committable leaves Flink's state only once it is in Redis.
 *
 * <p>A committer that is not chained to the committable's writer (another thread or JVM, a restored
 * committable of an earlier writer, or a writer at its end of input) commits synchronously.
 */
final class InFlightCommits {

    private static final ConcurrentHashMap<String, InFlightCommits> BY_LINEAGE =
            new ConcurrentHashMap<>();

    private final Thread taskThread;
    private final List<Future<?>> pending = new ArrayList<>();
    private boolean ended;

    private InFlightCommits(Thread taskThread) {
        this.taskThread = taskThread;
    }

    /** Called by the writer on its task thread. */
    static InFlightCommits register(String lineage) {
        InFlightCommits commits = new InFlightCommits(Thread.currentThread());
        BY_LINEAGE.put(lineage, commits);
        return commits;
    }

    static void unregister(String lineage) {
        BY_LINEAGE.remove(lineage);
    }

    /**
     * Submits {@code commit} and, if the writer of {@code lineage} runs on this thread (the
     * committer is chained to it) and still takes commits, tracks it for that writer and returns
     * null; otherwise returns the future to wait for. Only a chained writer is sure to reach its
     * next barrier after this commit was submitted and before the committer's next snapshot.
     */
    static Future<?> submit(String lineage, ExecutorService executor, Runnable commit) {
        InFlightCommits commits = BY_LINEAGE.get(lineage);
        if (commits != null && commits.taskThread == Thread.currentThread()) {
            synchronized (commits) {
                if (!commits.ended) {
                    commits.pending.add(executor.submit(commit));
                    return null;
                }
            }
        }
        return executor.submit(commit);
    }

    /** From now on (the writer's end of input) commits are made synchronously. */
    synchronized void end() {
        ended = true;
    }

    /** Waits for the commits submitted so far; the first failure is thrown. */
    void awaitAll() throws IOException, InterruptedException {
        List<Future<?>> waiting;
        synchronized (this) {
            waiting = new ArrayList<>(pending);
            pending.clear();
        }
        for (Future<?> commit : waiting) {
            await(commit);
        }
    }

    /** Waits for one commit, unwrapping its failure. */
    static void await(Future<?> commit) throws IOException, InterruptedException {
        try {
            commit.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException) {
                throw ((UncheckedIOException) cause).getCause();
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IOException(cause.getMessage(), cause);
        }
    }
}
