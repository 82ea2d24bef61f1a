package io.github.flinkpack.redis.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The commits of one exactly-once writer that its chained committer applies in the background, so
 * that the task thread goes on with the next checkpoint's rows while Redis applies the last one's,
 * and Redis starts on the next commit as soon as its checkpoint completes.
 *
 * <p>Why this loses nothing: a committer drops a committable from its state at the first snapshot
 * after its {@code commit} returned. At each barrier, before that snapshot, the writer asks for the
 * {@link #stillRunning} commits and hands them to the committer again with its new committable, so
 * a committable stays in every checkpoint until its commit is done; a commit that failed fails the
 * checkpoint and the job. Commits run one at a time in order, and at most {@code maxRunning} stay
 * unfinished at a barrier (the writer waits for the rest), which bounds what checkpoints carry.
 *
 * <p>A committer that is not chained to the committable's writer (another thread or JVM, a restored
 * committable of an earlier writer, or a writer at its end of input) commits synchronously.
 */
final class InFlightCommits {

    private static final ConcurrentHashMap<String, InFlightCommits> BY_LINEAGE =
            new ConcurrentHashMap<>();

    private final Thread taskThread;

    /** Commits submitted and not yet seen done, oldest first. */
    private final ArrayDeque<Running> running = new ArrayDeque<>();

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
    static Future<?> submit(
            RedisCommittable committable, ExecutorService executor, Runnable commit) {
        InFlightCommits commits = BY_LINEAGE.get(committable.lineage());
        if (commits != null && commits.taskThread == Thread.currentThread()) {
            synchronized (commits) {
                if (!commits.ended) {
                    commits.running.add(new Running(committable, executor.submit(commit)));
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

    /**
     * The committables whose commits still run, oldest first, after waiting until at most {@code
     * maxRunning} do. The writer hands them to the committer again with its next committable, so
     * that they stay in Flink's state until they are in Redis (the repeat is skipped by the
     * marker). A commit that failed is thrown.
     */
    List<RedisCommittable> stillRunning(int maxRunning) throws IOException, InterruptedException {
        List<RedisCommittable> stillRunning = new ArrayList<>();
        synchronized (this) {
            while (!running.isEmpty()
                    && (running.peekFirst().commit.isDone() || running.size() > maxRunning)) {
                await(running.pollFirst().commit);
            }
            for (Running commit : running) {
                stillRunning.add(commit.committable);
            }
        }
        return stillRunning;
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

    private static final class Running {
        final RedisCommittable committable;
        final Future<?> commit;

        Running(RedisCommittable committable, Future<?> commit) {
            this.committable = committable;
            this.commit = commit;
        }
    }
}
