package io.github.flinkpack.testing.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker (KRaft, combined broker and controller) started in-process from Maven
 * artifacts for one test class, with helpers to create topics, produce records and read a topic
 * back to its end.
 *
 * <pre>{@code @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();}</pre>
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {

    private KafkaKraftCluster cluster;
    private String externalBootstrapServers;

    /**
     * The helpers of this class for a broker running elsewhere (e.g. a {@link KafkaBrokerProcess}).
     */
    public static KafkaBroker connectingTo(String bootstrapServers) {
        KafkaBroker broker = new KafkaBroker();
        broker.externalBootstrapServers = bootstrapServers;
        return broker;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    public void start() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("num.partitions", "1");
        config.put("auto.create.topics.enable", "false");
        cluster = KafkaKraftCluster.start(config);
    }

    public void close() throws Exception {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    public String bootstrapServers() {
        if (externalBootstrapServers != null) {
            return externalBootstrapServers;
        }
        if (cluster == null) {
            throw new IllegalStateException("KafkaBroker is not started: register it static");
        }
        return cluster.bootstrapServers();
    }

    public void createTopic(String topic, int partitions) {
        try (Admin admin = Admin.create(adminProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create topic " + topic, e.getCause());
        }
    }

    /** Produces values without keys, in order, to partition 0, and waits for the acks. */
    public void produce(String topic, String... values) {
        List<KeyValue> records = new ArrayList<>();
        for (String value : values) {
            records.add(new KeyValue(null, value));
        }
        produce(topic, records);
    }

    public void produce(String topic, Collection<KeyValue> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (KeyValue record : records) {
                producer.send(new ProducerRecord<>(topic, 0, record.key(), record.value())).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot produce to " + topic, e.getCause());
        }
    }

    /** Every record of every partition, from the beginning to the end offsets at call time. */
    public List<KeyValue> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "flinkpack-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(info -> new TopicPartition(topic, info.partition()))
                            .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<KeyValue> result = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Timed out reading " + topic + " to its end offsets " + end);
                }
                for (ConsumerRecord<String, String> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    result.add(new KeyValue(record.key(), record.value()));
                }
            }
            return result;
        }
    }

    public List<String> readValues(String topic) {
        return readAll(topic).stream().map(KeyValue::value).collect(Collectors.toList());
    }

    private static boolean reachedEnd(
            KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream()
                .allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
    }

    private Properties adminProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /** A Kafka record's key (may be null) and value as text. */
    public static final class KeyValue {
        private final String key;
        private final String value;

        public KeyValue(String key, String value) {
            this.key = key;
            this.value = value;
        }

        public String key() {
            return key;
        }

        public String value() {
            return value;
        }

        @Override
        public String toString() {
            return key + "=" + value;
        }
    }
}
