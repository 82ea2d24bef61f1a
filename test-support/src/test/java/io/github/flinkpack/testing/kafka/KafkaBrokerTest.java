package io.github.flinkpack.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkpack.testing.kafka.KafkaBroker.KeyValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaBrokerTest {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    @Test
    void producesAndReadsBackEveryRecordInOrder() {
        assertThat(KAFKA.bootstrapServers()).startsWith("localhost:").doesNotContain(",");
        KAFKA.createTopic("round-trip", 1);
        KAFKA.produce("round-trip", List.of(new KeyValue("a", "1"), new KeyValue("b", "2")));
        KAFKA.produce("round-trip", "3");

        List<KeyValue> records = KAFKA.readAll("round-trip");

        assertThat(records).extracting(KeyValue::key).containsExactly("a", "b", null);
        assertThat(records).extracting(KeyValue::value).containsExactly("1", "2", "3");
    }

    @Test
    void readsAnEmptyTopicWithoutWaiting() {
        KAFKA.createTopic("empty", 2);
        assertThat(KAFKA.readAll("empty")).isEmpty();
    }
}
