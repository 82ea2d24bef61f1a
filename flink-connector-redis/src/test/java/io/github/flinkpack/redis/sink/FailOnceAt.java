package io.github.flinkpack.redis.sink;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code FAIL_ONCE_AT(n, a, b, c)}: returns n, but throws the first time (in this JVM, per test
 * run) it sees n equal to a, b or c: a task failure at a chosen point of the input.
 */
public class FailOnceAt extends ScalarFunction {

    private static final Set<String> FAILED = ConcurrentHashMap.newKeySet();

    /** Arms the failures again; call before each job. */
    public static void reset() {
        FAILED.clear();
    }

    /**
     * Restarts (up to 10, 200 ms apart), parallelism 2, operators unchained, and FAIL_ONCE_AT
     * registered: a failure is thrown in a task of its own, before that task's barrier.
     */
    public static void restartingJob(TableEnvironment env) {
        env.getConfig().set("restart-strategy.type", "fixed-delay");
        env.getConfig().set("restart-strategy.fixed-delay.attempts", "10");
        env.getConfig().set("restart-strategy.fixed-delay.delay", "200 ms");
        env.getConfig().set("parallelism.default", "2");
        env.getConfig().set("pipeline.operator-chaining.enabled", "false");
        env.createTemporarySystemFunction("FAIL_ONCE_AT", FailOnceAt.class);
    }

    public static int failures() {
        return FAILED.size();
    }

    public Long eval(Long n, int a, int b, int c) {
        if (n != null && (n == a || n == b || n == c) && FAILED.add(String.valueOf(n))) {
            throw new IllegalStateException("Injected failure at row " + n);
        }
        return n;
    }
}
