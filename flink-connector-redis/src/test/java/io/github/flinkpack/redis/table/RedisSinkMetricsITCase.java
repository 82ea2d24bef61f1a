package io.github.flinkpack.redis.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.metrics.CapturingMetricReporter;
import io.github.flinkpack.testing.redis.RedisExtension;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink reports Flink's standard sink metrics and its own batch and policy counters. */
class RedisSinkMetricsITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            FlinkMiniCluster.extension(CapturingMetricReporter.configure(new Configuration()));

    @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

    @Test
    void sendsBatchesAndSkipsAreCounted() throws Exception {
        CapturingMetricReporter.clear();
        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.executeSql(
                "CREATE TEMPORARY TABLE numbers (n BIGINT) WITH ('connector' = 'datagen',"
                        + " 'fields.n.kind' = 'sequence', 'fields.n.start' = '1',"
                        + " 'fields.n.end' = '5000', 'rows-per-second' = '1000000000')");
        env.executeSql(
                "CREATE TABLE measured (k BIGINT, v BIGINT) WITH ('connector' = 'redis',"
                        + " 'url' = '"
                        + REDIS.url()
                        + "', 'key.fields' = 'k',"
                        + " 'sink.null-key' = 'skip', 'sink.buffer-flush.max-rows' = '500',"
                        + " 'sink.parallelism' = '2')");
        // Every 10th row has a NULL key: skipped and counted, not written.
        env.executeSql(
                        "INSERT INTO measured SELECT CASE WHEN MOD(n, 10) = 0 THEN NULL ELSE n"
                                + " END, n FROM numbers")
                .await();

        String sink = "measured";
        assertThat(CapturingMetricReporter.counterSum("numRecordsSend", sink))
                .as(
                        "numRecordsSend in %s; numRecordsOut in %s; numNullKeyRowsSkipped in %s",
                        CapturingMetricReporter.scopes("numRecordsSend"),
                        CapturingMetricReporter.scopes("numRecordsOut"),
                        CapturingMetricReporter.scopes("numNullKeyRowsSkipped"))
                .isEqualTo(4500);
        assertThat(CapturingMetricReporter.counterSum("numRecordsSendErrors", sink)).isZero();
        assertThat(CapturingMetricReporter.counterSum("numNullKeyRowsSkipped", sink))
                .isEqualTo(500);
        assertThat(CapturingMetricReporter.counterSum("numBatches", sink)).isBetween(9L, 4500L);
        assertThat(CapturingMetricReporter.gaugeValues("lastBatchRows", sink))
                .hasSize(2)
                .allSatisfy(rows -> assertThat((Long) rows).isBetween(1L, 500L));
        assertThat(CapturingMetricReporter.gaugeValues("lastFlushLatencyMillis", sink)).hasSize(2);
        assertThat(CapturingMetricReporter.gaugeValues("currentSendTime", sink)).hasSize(2);
        try (var redis = REDIS.newClient()) {
            assertThat(redis.dbSize()).isEqualTo(4500);
        }
    }
}
