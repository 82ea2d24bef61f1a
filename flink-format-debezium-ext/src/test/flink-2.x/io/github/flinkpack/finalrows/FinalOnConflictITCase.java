package io.github.flinkpack.finalrows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import io.github.flinkpack.testing.kafka.KafkaBroker;
import io.github.flinkpack.testing.scenarios.ConflictingLogins;
import java.util.List;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Flink 2.3's ON CONFLICT with {@code 'connector' = 'final'}: the query's upsert key (user_id,
 * device) differs from the final table's PRIMARY KEY (user_id).
 */
class FinalOnConflictITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    private static int topics;
    private String topic;
    private TableEnvironment env;

    @BeforeEach
    void setUp() {
        env = ConflictingLogins.streaming();
        topic = "final-logins-" + ++topics;
        KAFKA.createTopic(topic, 1);
        env.executeSql(
                "CREATE TABLE final_logins (user_id STRING, n BIGINT, PRIMARY KEY (user_id) NOT"
                        + " ENFORCED) WITH ('connector' = 'final', 'inner.connector' = 'kafka',"
                        + " 'inner.topic' = '"
                        + topic
                        + "', 'inner.properties.bootstrap.servers' = '"
                        + KAFKA.bootstrapServers()
                        + "', 'inner.format' = 'json')");
    }

    private static final String INSERT =
            "INSERT INTO final_logins SELECT user_id, COUNT(*) FROM logins GROUP BY user_id, device";

    private List<String> written() {
        return KAFKA.readValues(topic);
    }

    @Test
    void noClauseIsNeededAndTheLatestRowPerKeyIsWritten() throws Exception {
        env.executeSql(INSERT).await();
        assertThat(written())
                .as("u1's last change came from the laptop group")
                .containsExactlyInAnyOrder(
                        "{\"user_id\":\"u1\",\"n\":1}", "{\"user_id\":\"u2\",\"n\":1}");
    }

    @Test
    void flinkRefusesTheClauseForTheRetractingFinalSink() {
        for (String clause : new String[] {"DEDUPLICATE", "NOTHING", "ERROR"}) {
            assertThatThrownBy(() -> env.explainSql(INSERT + " ON CONFLICT DO " + clause))
                    .as(clause)
                    .hasStackTraceContaining("ON CONFLICT clause is only allowed for upsert sinks");
        }
    }
}
