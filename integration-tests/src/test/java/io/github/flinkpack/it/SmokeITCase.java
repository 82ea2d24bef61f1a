package io.github.flinkpack.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.kafka.KafkaBroker;
import io.github.flinkpack.testing.redis.RedisExtension;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** Kafka, Flink and Redis together: JSON login events from Kafka counted into Redis. */
class SmokeITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();
    @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

    @Test
    void jsonFromKafkaIsCountedIntoRedis() throws Exception {
        KAFKA.createTopic("logins", 2);
        KAFKA.produce(
                "logins",
                "{\"event_time\": 1700000000000, \"event_type\": \"login\","
                        + " \"data\": {\"user_id\": \"u1\"}}",
                "{\"event_time\": 1700000001000, \"event_type\": \"login\","
                        + " \"data\": {\"user_id\": \"u2\"}}",
                "this is not json",
                "{\"event_time\": 1700000002000, \"event_type\": \"logout\","
                        + " \"data\": {\"user_id\": \"u1\"}}",
                "{\"event_time\": 1700000003000, \"event_type\": \"login\","
                        + " \"data\": {\"user_id\": \"u1\"}}");

        TableEnvironment env = FlinkMiniCluster.streamingNoRestart();
        env.executeSql(
                "CREATE TABLE logins (event_time BIGINT, event_type STRING,"
                        + " data ROW<user_id STRING>) WITH ('connector' = 'kafka',"
                        + " 'topic' = 'logins', 'properties.bootstrap.servers' = '"
                        + KAFKA.bootstrapServers()
                        + "', 'properties.group.id' = 'smoke',"
                        + " 'scan.startup.mode' = 'earliest-offset',"
                        + " 'scan.bounded.mode' = 'latest-offset', 'format' = 'json',"
                        + " 'json.ignore-parse-errors' = 'true')");
        env.executeSql(
                "CREATE TABLE login_counts (user_id STRING, logins BIGINT) WITH ("
                        + " 'connector' = 'redis', 'url' = '"
                        + REDIS.url()
                        + "', 'command' = 'INCR', 'key.fields' = 'user_id',"
                        + " 'key.prefix' = 'logins:')");

        env.executeSql(
                        "INSERT INTO login_counts SELECT data.user_id, CAST(1 AS BIGINT) FROM"
                                + " logins WHERE event_type = 'login'")
                .await();

        List<Row> types = new ArrayList<>();
        try (CloseableIterator<Row> rows =
                env.executeSql("SELECT event_type FROM logins WHERE event_type IS NOT NULL")
                        .collect()) {
            rows.forEachRemaining(types::add);
        }
        assertThat(types).hasSize(4);

        try (Jedis redis = REDIS.newClient()) {
            assertThat(redis.get("logins:u1")).isEqualTo("2");
            assertThat(redis.get("logins:u2")).isEqualTo("1");
            assertThat(redis.keys("logins:*")).hasSize(2);
        }
    }
}
