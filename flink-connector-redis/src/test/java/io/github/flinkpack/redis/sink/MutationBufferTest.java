package io.github.flinkpack.redis.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.redis.client.RedisBatch;
import io.github.flinkpack.redis.config.TtlMode;
import io.github.flinkpack.redis.serialization.Expiry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Within a batch: the last upsert per key wins, counter deltas are summed per key. */
class MutationBufferTest {

    @Test
    void lastWritePerKeyWinsAndDeletesReplaceSets() {
        MutationBuffer buffer = new MutationBuffer(TtlMode.ALWAYS, false);
        buffer.set(b("a"), b("1"), null);
        buffer.set(b("b"), b("1"), Expiry.after(5000));
        buffer.set(b("a"), b("2"), null);
        buffer.delete(b("b"));
        buffer.set(b("c"), b("3"), Expiry.at(1_900_000_000_000L));

        RedisBatch batch = buffer.drain(1);

        assertThat(describe(batch)).containsExactly("SET a", "DEL b", "SET c");
        assertThat(buffer.isEmpty()).isTrue();
    }

    @Test
    void countersAreSummedPerKeyAndFieldAndADeleteComesFirst() {
        MutationBuffer buffer = new MutationBuffer(TtlMode.ALWAYS, true);
        buffer.increment(b("k"), null, 5, null);
        buffer.increment(b("k"), null, -2, null);
        buffer.increment(b("h"), b("f1"), 1, null);
        buffer.increment(b("h"), b("f2"), 1, null);
        buffer.increment(b("h"), b("f1"), 1, null);
        buffer.delete(b("gone"));
        buffer.increment(b("gone"), null, 4, null);
        buffer.incrementFloat(b("x"), null, new BigDecimal("0.1"), null);
        buffer.incrementFloat(b("x"), null, new BigDecimal("0.2"), null);

        RedisBatch batch = buffer.drain(9);

        assertThat(batch.commands()).isEmpty();
        assertThat(batch.counters().stream().map(Object::toString).collect(Collectors.toList()))
                .containsExactly(
                        "INCRBY k 3",
                        "HINCRBY h 2",
                        "HINCRBY h 1",
                        "DEL gone 0",
                        "INCRBY gone 4",
                        "INCRBYFLOAT x 0.3");
    }

    @Test
    void hashFieldsOfOneKeyAreIndependentUpserts() {
        MutationBuffer buffer = new MutationBuffer(TtlMode.ON_CREATE, false);
        buffer.hashSetField(b("u"), b("theme"), b("dark"), Expiry.after(1000));
        buffer.hashSetField(b("u"), b("lang"), b("ko"), Expiry.after(1000));
        buffer.hashSetField(b("u"), b("theme"), b("light"), Expiry.after(1000));
        buffer.hashDelete(b("u"), b("lang"));

        // Each field in the order of its last write: theme, then the delete of lang.
        assertThat(describe(buffer.drain(1))).containsExactly("HSET u", "PEXPIRE u", "HDEL u");
    }

    private static List<String> describe(RedisBatch batch) {
        return batch.commands().stream().map(Object::toString).collect(Collectors.toList());
    }

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
