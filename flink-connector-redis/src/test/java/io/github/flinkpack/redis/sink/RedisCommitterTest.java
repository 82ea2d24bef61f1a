package io.github.flinkpack.redis.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.redis.client.RedisWriteClientTest;
import io.github.flinkpack.redis.client.RespBlock;
import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.RedisMode;
import io.github.flinkpack.redis.config.RedisWriteOptions;
import io.github.flinkpack.redis.config.SinkDeliveryGuarantee;
import io.github.flinkpack.redis.config.TtlMode;
import io.github.flinkpack.testing.redis.RedisExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Committer.CommitRequest;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.OperatorIOMetricGroup;
import org.apache.flink.metrics.groups.OperatorMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.metrics.groups.InternalSinkCommitterMetricGroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The committer applies a commit once however often it is handed over: again by its writer while it
 * runs in the background, or again after a restore; its metrics count it once.
 */
class RedisCommitterTest {

    @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

    @BeforeEach
    void flush() {
        REDIS.flush();
    }

    @Test
    void aCommitHandedOnWhileItRunsIsAppliedAndCountedOnce() throws Exception {
        String lineage = "handedon";
        InFlightCommits writer = InFlightCommits.register(lineage);
        CountingMetrics metrics = new CountingMetrics();
        RedisCommitter committer = committer(metrics);
        try (Jedis redis = REDIS.newClient()) {
            redis.configResetStat();
            RedisCommittable first = incrementBy(lineage, 1, 5);
            committer.commit(request(first));
            // At the next barrier the writer hands the running commit on with its next one.
            committer.commit(request(first));
            committer.commit(request(incrementBy(lineage, 2, 7)));
            assertThat(writer.stillRunning(0)).isEmpty();

            assertThat(redis.get("n")).isEqualTo("12");
            assertThat(metrics.count("numCommits")).isEqualTo(2);
            assertThat(metrics.count("numCommittedRows")).isEqualTo(2 * 10);
            assertThat(commandCalls(redis, "watch"))
                    .as("the copy is skipped without a round trip")
                    .isEqualTo(2);
            assertThat(commandCalls(redis, "exec")).isEqualTo(2);
        } finally {
            InFlightCommits.unregister(lineage);
            committer.close();
        }
    }

    @Test
    void aCommitThatFailsInTheBackgroundFailsTheNextBarrierAndTheNextCommit() throws Exception {
        String lineage = "failing";
        InFlightCommits writer = InFlightCommits.register(lineage);
        try (Jedis redis = REDIS.newClient()) {
            redis.set("n", "not a number");
        }
        RedisCommitter committer = committer(new CountingMetrics());
        try {
            committer.commit(request(incrementBy(lineage, 1, 5)));
            assertThatThrownBy(() -> writer.stillRunning(0))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("Table 't': committing RedisCommittable{")
                    .hasMessageContaining("key 'n'")
                    .hasMessageContaining("not an integer");
            assertThatThrownBy(() -> committer.commit(request(incrementBy(lineage, 2, 1))))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("key 'n'");
        } finally {
            InFlightCommits.unregister(lineage);
            committer.close();
        }
    }

    @Test
    void aCommitRepeatedAfterARestoreIsSkippedByItsMarker() throws Exception {
        RedisCommittable commit = incrementBy("restored", 1, 3);
        RedisCommitter before = committer(new CountingMetrics());
        before.commit(request(commit));
        before.close();

        CountingMetrics metrics = new CountingMetrics();
        RedisCommitter after = committer(metrics);
        try (Jedis redis = REDIS.newClient()) {
            redis.configResetStat();
            after.commit(request(commit));
            assertThat(redis.get("n")).isEqualTo("3");
            assertThat(commandCalls(redis, "watch"))
                    .as("a new committer asks Redis for the marker")
                    .isEqualTo(1);
            assertThat(commandCalls(redis, "exec")).isZero();
        } finally {
            after.close();
        }
    }

    private static RedisCommittable incrementBy(String lineage, long sequence, int delta) {
        List<byte[][]> ops =
                Collections.singletonList(
                        new byte[][] {b("INCRBY"), b("n"), b(Integer.toString(delta))});
        return new RedisCommittable(lineage, 0, sequence, 10, PackedWrites.of(RespBlock.of(ops)));
    }

    private static RedisCommitter committer(CountingMetrics metrics) {
        RedisConnectionConfig connection =
                RedisWriteClientTest.config(
                        RedisMode.STANDALONE, REDIS.url().substring("redis://".length()));
        RedisWriteOptions options =
                new RedisWriteOptions(
                        1000,
                        1,
                        Duration.ofSeconds(1),
                        SinkDeliveryGuarantee.EXACTLY_ONCE,
                        0,
                        Duration.ofMillis(10),
                        TtlMode.ALWAYS,
                        Duration.ofHours(1));
        return new RedisCommitter(
                "t", connection, options, InternalSinkCommitterMetricGroup.wrap(metrics));
    }

    private static long commandCalls(Jedis redis, String command) {
        for (String line : redis.info("commandstats").split("\\r?\\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                int from = line.indexOf('=') + 1;
                return Long.parseLong(line.substring(from, line.indexOf(',', from)));
            }
        }
        return 0;
    }

    private static List<CommitRequest<RedisCommittable>> request(RedisCommittable committable) {
        return Collections.singletonList(new Request(committable));
    }

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Operator metrics that keep the counters registered, by name. */
    private static final class CountingMetrics extends UnregisteredMetricsGroup
            implements OperatorMetricGroup {
        private final Map<String, Counter> counters = new HashMap<>();

        @Override
        public Counter counter(String name) {
            return counter(name, new SimpleCounter());
        }

        @Override
        public <C extends Counter> C counter(String name, C counter) {
            counters.put(name, counter);
            return counter;
        }

        long count(String name) {
            return counters.get(name).getCount();
        }

        @Override
        public OperatorIOMetricGroup getIOMetricGroup() {
            return UnregisteredMetricsGroup.createOperatorIOMetricGroup();
        }
    }

    private static final class Request implements CommitRequest<RedisCommittable> {
        private final RedisCommittable committable;

        Request(RedisCommittable committable) {
            this.committable = committable;
        }

        @Override
        public RedisCommittable getCommittable() {
            return committable;
        }

        @Override
        public int getNumberOfRetries() {
            return 0;
        }

        @Override
        public void signalFailedWithKnownReason(Throwable t) {
            throw new AssertionError("unexpected failure", t);
        }

        @Override
        public void signalFailedWithUnknownReason(Throwable t) {
            throw new AssertionError("unexpected failure", t);
        }

        @Override
        public void retryLater() {
            throw new AssertionError("unexpected retryLater");
        }

        @Override
        public void updateAndRetryLater(RedisCommittable committable) {
            throw new AssertionError("unexpected retryLater");
        }

        @Override
        public void signalAlreadyCommitted() {}
    }
}
