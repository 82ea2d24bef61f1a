package io.github.flinkpack.testing.kafka;

import java.util.Map;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;

/** One combined KRaft broker+controller, in-process, from Kafka 3.9's test kit. */
final class KafkaKraftCluster implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private KafkaKraftCluster(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static KafkaKraftCluster start(Map<String, String> brokerConfig) throws Exception {
        KafkaClusterTestKit.Builder builder =
                new KafkaClusterTestKit.Builder(
                        new TestKitNodes.Builder()
                                .setCombined(true)
                                .setNumBrokerNodes(1)
                                .setNumControllerNodes(1)
                                .build());
        brokerConfig.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new KafkaKraftCluster(cluster);
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
