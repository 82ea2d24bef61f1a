package io.github.flinkpack.redis.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.redis.config.RedisCommand;
import io.github.flinkpack.redis.config.RedisConnectionConfig;
import io.github.flinkpack.redis.config.RedisMode;
import io.github.flinkpack.redis.config.ScanErrorPolicy;
import io.github.flinkpack.redis.config.ValueFormat;
import io.github.flinkpack.redis.serialization.RedisRowMapping;
import io.github.flinkpack.redis.serialization.RedisRowReader;
import io.github.flinkpack.testing.redis.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.VarCharType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * A scan stopped at a checkpoint in the middle of a SCAN page and restored from the split state it
 * left reads every remaining key once: none twice, none lost.
 */
class RedisScanSplitReaderTest {

    @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

    private static final int KEYS = 3000;

    @BeforeEach
    void setUp() {
        REDIS.flush();
        try (Jedis redis = REDIS.newClient()) {
            for (int i = 0; i < KEYS; i++) {
                redis.set("k:" + i, "v" + i);
            }
        }
    }

    private static RedisScanSplitReader reader() {
        java.net.URI url = java.net.URI.create(REDIS.url());
        String path = url.getPath() == null ? "" : url.getPath().replace("/", "");
        RedisConnectionConfig connection =
                new RedisConnectionConfig(
                        RedisMode.STANDALONE,
                        List.of(url.getHost() + ":" + url.getPort()),
                        path.isEmpty() ? 0 : Integer.parseInt(path),
                        null,
                        null,
                        null,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5),
                        false,
                        null,
                        null,
                        true);
        RedisRowMapping mapping =
                RedisRowMapping.builder("t", RedisCommand.SET)
                        .key("k:", ":")
                        .keyColumns(
                                new String[] {"id"},
                                new int[] {0},
                                new LogicalType[] {new BigIntType()})
                        .valueColumns(
                                new String[] {"v"},
                                new int[] {1},
                                new LogicalType[] {VarCharType.STRING_TYPE},
                                ValueFormat.TEXT)
                        .build();
        return new RedisScanSplitReader(
                "t",
                connection,
                new RedisRowReader(mapping),
                37,
                ScanErrorPolicy.FAIL,
                new SimpleCounter());
    }

    /**
     * Emits up to {@code limit} rows into {@code seen}, moving {@code state} as the emitter does.
     */
    private static boolean read(
            RedisScanSplitReader reader,
            RedisScanSplitState state,
            int limit,
            Map<Long, Integer> seen)
            throws Exception {
        int emitted = 0;
        while (true) {
            RecordsWithSplitIds<ScannedRow> records = reader.fetch();
            while (records.nextSplit() != null) {
                ScannedRow row;
                while ((row = records.nextRecordFromSplit()) != null) {
                    if (emitted == limit) {
                        return false;
                    }
                    seen.merge(row.row().getLong(0), 1, Integer::sum);
                    state.emitted(row);
                    emitted++;
                }
            }
            if (!records.finishedSplits().isEmpty()) {
                return true;
            }
        }
    }

    @Test
    void restoreInTheMiddleOfAPageReadsEveryKeyOnce() throws Exception {
        Map<Long, Integer> seen = new TreeMap<>();
        RedisScanSplit start = new RedisScanSplit("redis", RedisScanSplit.START, 0);
        RedisScanSplitState state = new RedisScanSplitState(start);
        RedisScanSplitReader first = reader();
        first.handleSplitsChanges(new SplitsAddition<>(List.of(start)));
        // 1000 is not a multiple of the page size: the checkpoint falls inside a page.
        assertThat(read(first, state, 1000, seen)).isFalse();
        first.close();
        RedisScanSplit checkpointed = state.toSplit();
        assertThat(checkpointed.emittedOfPage()).isPositive();
        RedisScanSplit restored =
                RedisScanSplitSerializer.INSTANCE.deserialize(
                        1, RedisScanSplitSerializer.INSTANCE.serialize(checkpointed));
        assertThat(restored).isEqualTo(checkpointed);

        RedisScanSplitReader second = reader();
        RedisScanSplitState resumed = new RedisScanSplitState(restored);
        second.handleSplitsChanges(new SplitsAddition<>(List.of(restored)));
        assertThat(read(second, resumed, Integer.MAX_VALUE, seen)).isTrue();
        second.close();

        assertThat(seen).hasSize(KEYS);
        List<Long> twice = new ArrayList<>();
        seen.forEach(
                (key, count) -> {
                    if (count != 1) {
                        twice.add(key);
                    }
                });
        assertThat(twice).as("keys read more than once").isEmpty();
    }

    @Test
    void aSplitRestoredAfterItsLastRowEndsWithoutReadingAgain() throws Exception {
        Map<Long, Integer> seen = new TreeMap<>();
        RedisScanSplit start = new RedisScanSplit("redis", RedisScanSplit.START, 0);
        RedisScanSplitState state = new RedisScanSplitState(start);
        RedisScanSplitReader first = reader();
        first.handleSplitsChanges(new SplitsAddition<>(List.of(start)));
        assertThat(read(first, state, Integer.MAX_VALUE, seen)).isTrue();
        first.close();
        assertThat(seen).hasSize(KEYS);
        // The state is at DONE, or (when SCAN's last page came back empty, which depends on the
        // server's hash table) at the last page that held rows, all of them emitted.

        RedisScanSplitReader second = reader();
        second.handleSplitsChanges(new SplitsAddition<>(List.of(state.toSplit())));
        Map<Long, Integer> again = new TreeMap<>();
        assertThat(read(second, new RedisScanSplitState(state.toSplit()), 10, again)).isTrue();
        assertThat(again).isEmpty();
        second.close();
    }
}
