package io.github.flinkpack.redis.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.redis.client.RespBlock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** A committable survives the checkpoint byte for byte; a version this build cannot read fails. */
class RedisCommittableSerializerTest {

    private static RedisCommittable oneCommand(byte[]... command) {
        return new RedisCommittable("l", 0, 1, 1, RespBlock.of(Collections.singletonList(command)));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roundTripKeepsEveryByte() throws IOException {
        byte[] binary = {0, (byte) 0xff, 10, 13};
        List<byte[][]> ops =
                Arrays.asList(
                        new byte[][] {b("SET"), b("k:1"), binary},
                        new byte[][] {b("INCRBY"), b("n:ü"), b("-3")},
                        new byte[][] {b("DEL"), new byte[0]});
        RedisCommittable original = new RedisCommittable("abc123", 7, 42L, 1000, RespBlock.of(ops));
        RedisCommittableSerializer serializer = new RedisCommittableSerializer();

        RedisCommittable copy =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(original));

        assertThat(copy.lineage()).isEqualTo("abc123");
        assertThat(copy.subtask()).isEqualTo(7);
        assertThat(copy.sequence()).isEqualTo(42L);
        assertThat(copy.rows()).isEqualTo(1000);
        List<byte[][]> copied = copy.ops().decode();
        assertThat(copied).hasSize(3);
        for (int i = 0; i < ops.size(); i++) {
            assertThat(copied.get(i)).isDeepEqualTo(ops.get(i));
        }
    }

    @Test
    void readsVersionOneAsTheFirstReleaseWroteItOpByOp() throws IOException {
        // The layout written by the first exactly-once release, field by field.
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF("old");
        out.writeInt(1);
        out.writeLong(9L);
        out.writeInt(2);
        out.writeInt(1);
        out.writeInt(3);
        for (String part : new String[] {"INCRBY", "n:1", "2"}) {
            out.writeInt(b(part).length);
            out.write(b(part));
        }
        RedisCommittable read =
                new RedisCommittableSerializer().deserialize(1, out.getCopyOfBuffer());
        assertThat(read.sequence()).isEqualTo(9L);
        assertThat(read.ops().decode()).hasSize(1);
        assertThat(read.ops().decode().get(0))
                .isDeepEqualTo(new byte[][] {b("INCRBY"), b("n:1"), b("2")});
    }

    @Test
    void aTruncatedCommitIsReportedAsADamagedCheckpoint() throws IOException {
        RedisCommittableSerializer serializer = new RedisCommittableSerializer();
        byte[] bytes = serializer.serialize(oneCommand(b("SET"), b("k"), b("v")));
        assertThatThrownBy(
                        () ->
                                serializer.deserialize(
                                        serializer.getVersion(),
                                        Arrays.copyOf(bytes, bytes.length - 3)))
                .as("found when restored, not when sent to Redis")
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the checkpoint is damaged")
                .hasStackTraceContaining("Not 1 RESP commands in 24 bytes: truncated");
        assertThatThrownBy(
                        () ->
                                serializer.deserialize(
                                        serializer.getVersion(),
                                        Arrays.copyOf(bytes, bytes.length - 27)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the checkpoint is damaged");
    }

    @Test
    void anUnknownVersionIsRefusedWithTheFix() throws IOException {
        RedisCommittableSerializer serializer = new RedisCommittableSerializer();
        byte[] bytes = serializer.serialize(oneCommand(b("GET")));
        assertThatThrownBy(() -> serializer.deserialize(serializer.getVersion() + 1, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Redis exactly-once commit of version 3")
                .hasMessageContaining("reads versions 1 to 2")
                .hasMessageContaining("Restore with the connector version that wrote it");
    }
}
