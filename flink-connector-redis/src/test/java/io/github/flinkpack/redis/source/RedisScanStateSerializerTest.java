package io.github.flinkpack.redis.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Split and enumerator state round trips, and versions this build cannot read. */
class RedisScanStateSerializerTest {

    @Test
    void enumeratorStateKeepsItsSplits() throws IOException {
        RedisScanEnumeratorState state = new RedisScanEnumeratorState(true);
        state.unassigned().add(new RedisScanSplit("127.0.0.1:7000", "1234", 5));
        state.unassigned().add(new RedisScanSplit("127.0.0.1:7001", RedisScanSplit.DONE, 0));
        RedisScanEnumeratorStateSerializer serializer = new RedisScanEnumeratorStateSerializer();

        RedisScanEnumeratorState copy =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

        assertThat(copy.discovered()).isTrue();
        assertThat(copy.unassigned()).containsExactlyElementsOf(state.unassigned());
        assertThat(copy.unassigned().get(0).emittedOfPage()).isEqualTo(5);
    }

    @Test
    void unknownVersionsAreRefused() throws IOException {
        RedisScanSplitSerializer splits = RedisScanSplitSerializer.INSTANCE;
        byte[] split = splits.serialize(new RedisScanSplit("n", "0", 0));
        assertThatThrownBy(() -> splits.deserialize(9, split))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Redis scan split of version 9");

        RedisScanEnumeratorStateSerializer enumerator = new RedisScanEnumeratorStateSerializer();
        byte[] state = enumerator.serialize(new RedisScanEnumeratorState(false));
        assertThatThrownBy(() -> enumerator.deserialize(9, state))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Redis scan enumerator state of version 9");
    }
}
