package io.github.flinkpack.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerProcessTest {

    @TempDir Path dir;

    @Test
    void brokerInItsOwnProcessServesAndStops() throws Exception {
        KafkaBroker client;
        String bootstrap;
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(dir)) {
            bootstrap = broker.bootstrapServers();
            assertThat(bootstrap).startsWith("127.0.0.1:");
            client = KafkaBroker.connectingTo(bootstrap);
            client.createTopic("t", 1);
            client.produce("t", "x", "y");
            assertThat(client.readValues("t")).containsExactly("x", "y");
        }
        int port = Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1));
        try (Socket socket = new Socket()) {
            assertThat(
                            catchThrowable(
                                    () ->
                                            socket.connect(
                                                    new InetSocketAddress("127.0.0.1", port),
                                                    1000)))
                    .as("the broker process is gone after close")
                    .isNotNull();
        }
    }
}
