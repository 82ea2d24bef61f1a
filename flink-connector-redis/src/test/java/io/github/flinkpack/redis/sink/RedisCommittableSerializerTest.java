package io.github.flinkpack.redis.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.redis.client.RespBlock;
import io.github.flinkpack.redis.config.TtlMode;
import io.github.flinkpack.redis.serialization.Expiry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * A committable survives the checkpoint byte for byte, in this version's packed form and in the
 * forms earlier versions wrote; damage and a version this build cannot read fail with the fix.
 */
class RedisCommittableSerializerTest {

    private static RedisCommittable oneCommand(byte[]... command) {
        return new RedisCommittable(
                "l", 0, 1, 1, PackedWrites.of(RespBlock.of(Collections.singletonList(command))));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roundTripKeepsEveryByteOfEachKindOfWrite() throws IOException {
        byte[] binary = {0, (byte) 0xff, 10, 13};
        CheckpointMutations mutations = new CheckpointMutations(TtlMode.ALWAYS);
        mutations.set(b("k:1"), binary, null);
        mutations.set(b("k:2"), b("two"), null);
        mutations.increment(b("n:ü"), null, -3, null);
        mutations.increment(b("n:big"), null, Long.MIN_VALUE, null);
        mutations.increment(b("h"), b("f"), 1L << 40, null);
        mutations.delete(b(""));
        mutations.increment(b("ttl"), null, 5, Expiry.after(60_000));
        RedisCommittable original = new RedisCommittable("abc123", 7, 42L, 1000, mutations.drain());
        List<byte[][]> expected = original.writes().toResp().decode();
        RedisCommittableSerializer serializer = new RedisCommittableSerializer();

        RedisCommittable copy =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(original));

        assertThat(copy.lineage()).isEqualTo("abc123");
        assertThat(copy.subtask()).isEqualTo(7);
        assertThat(copy.sequence()).isEqualTo(42L);
        assertThat(copy.rows()).isEqualTo(1000);
        List<byte[][]> copied = copy.writes().toResp().decode();
        assertThat(copied)
                .extracting(op -> new String(op[0], StandardCharsets.US_ASCII))
                .containsExactly("MSET", "INCRBY", "INCRBY", "HINCRBY", "DEL", "INCRBY", "PEXPIRE");
        for (int i = 0; i < expected.size(); i++) {
            assertThat(copied.get(i)).isDeepEqualTo(expected.get(i));
        }
        assertThat(copied.get(0))
                .isDeepEqualTo(new byte[][] {b("MSET"), b("k:1"), binary, b("k:2"), b("two")});
        assertThat(copied.get(1)).isDeepEqualTo(new byte[][] {b("INCRBY"), b("n:ü"), b("-3")});
        assertThat(copied.get(2)[2]).isEqualTo(b(Long.toString(Long.MIN_VALUE)));
        assertThat(copied.get(3))
                .isDeepEqualTo(
                        new byte[][] {b("HINCRBY"), b("h"), b("f"), b(Long.toString(1L << 40))});
    }

    /** The header every version starts with. */
    private static DataOutputSerializer header(String lineage, int subtask, long sequence, int rows)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF(lineage);
        out.writeInt(subtask);
        out.writeLong(sequence);
        out.writeInt(rows);
        return out;
    }

    @Test
    void readsVersionTwoAsRespCommands() throws IOException {
        DataOutputSerializer out = header("v2", 3, 8L, 5);
        out.writeInt(2);
        out.write(
                b("*3\r\n$6\r\nINCRBY\r\n$3\r\nn:1\r\n$1\r\n2\r\n*2\r\n$3\r\nDEL\r\n$1\r\nx\r\n"));
        RedisCommittable read =
                new RedisCommittableSerializer().deserialize(2, out.getCopyOfBuffer());
        assertThat(read.sequence()).isEqualTo(8L);
        assertThat(read.writes().commands()).isEqualTo(2);
        assertThat(read.writes().toResp().decode())
                .satisfiesExactly(
                        op ->
                                assertThat(op)
                                        .isDeepEqualTo(
                                                new byte[][] {b("INCRBY"), b("n:1"), b("2")}),
                        op -> assertThat(op).isDeepEqualTo(new byte[][] {b("DEL"), b("x")}));
    }

    @Test
    void readsVersionOneAsTheFirstReleaseWroteItOpByOp() throws IOException {
        // The layout written by the first exactly-once release, field by field.
        DataOutputSerializer out = header("old", 1, 9L, 2);
        out.writeInt(1);
        out.writeInt(3);
        for (String part : new String[] {"INCRBY", "n:1", "2"}) {
            out.writeInt(b(part).length);
            out.write(b(part));
        }
        RedisCommittable read =
                new RedisCommittableSerializer().deserialize(1, out.getCopyOfBuffer());
        assertThat(read.sequence()).isEqualTo(9L);
        List<byte[][]> ops = read.writes().toResp().decode();
        assertThat(ops).hasSize(1);
        assertThat(ops.get(0)).isDeepEqualTo(new byte[][] {b("INCRBY"), b("n:1"), b("2")});
    }

    @Test
    void aTruncatedCommitIsReportedAsADamagedCheckpoint() throws IOException {
        RedisCommittableSerializer serializer = new RedisCommittableSerializer();
        byte[] resp = serializer.serialize(oneCommand(b("SET"), b("k"), b("v")));
        CheckpointMutations counters = new CheckpointMutations(TtlMode.ALWAYS);
        counters.increment(b("n:1"), null, 300, null);
        counters.increment(b("n:2"), null, 1, null);
        byte[] packed = serializer.serialize(new RedisCommittable("l", 0, 1, 2, counters.drain()));
        for (byte[] bytes : Arrays.asList(resp, packed)) {
            for (int cut : new int[] {1, 3, 9}) {
                assertThatThrownBy(
                                () ->
                                        serializer.deserialize(
                                                serializer.getVersion(),
                                                Arrays.copyOf(bytes, bytes.length - cut)))
                        .as("found when restored, not when sent to Redis (%d bytes cut)", cut)
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("the checkpoint is damaged");
            }
        }
        assertThatThrownBy(
                        () ->
                                serializer.deserialize(
                                        serializer.getVersion(),
                                        Arrays.copyOf(resp, resp.length - 40)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the checkpoint is damaged");
    }

    @Test
    void anUnknownVersionIsRefusedWithTheFix() throws IOException {
        RedisCommittableSerializer serializer = new RedisCommittableSerializer();
        byte[] bytes = serializer.serialize(oneCommand(b("GET")));
        assertThatThrownBy(() -> serializer.deserialize(serializer.getVersion() + 1, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Redis exactly-once commit of version 4")
                .hasMessageContaining("reads versions 1 to 3")
                .hasMessageContaining("Restore with the connector version that wrote it");
    }
}
