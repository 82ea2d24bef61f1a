package io.github.flinkpack.testing.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the standalone fixture picks its Redis, and what it says when there is none. */
class RedisExtensionTest {

    private static final Map<String, String> NOTHING = Map.of("PATH", "/nonexistent");

    @Test
    void redisUrlWinsOverEverything() {
        try (RedisEndpoint endpoint =
                RedisExtension.open(
                        Map.of(
                                "REDIS_URL",
                                "redis://10.0.0.1:6390/3",
                                "PATH",
                                System.getenv("PATH")),
                        () -> true)) {
            assertThat(endpoint.url()).isEqualTo("redis://10.0.0.1:6390/3");
        }
    }

    @Test
    void theBinaryOnPathIsStarted() {
        try (RedisEndpoint endpoint =
                RedisExtension.open(Map.of("PATH", System.getenv("PATH")), () -> true)) {
            assertThat(endpoint).isInstanceOf(RedisServer.class);
            assertThat(endpoint.newClient().ping()).isEqualTo("PONG");
        }
    }

    @Test
    void withoutBinaryUrlOrDockerTheErrorSaysHowToInstall() {
        assertThatThrownBy(() -> RedisExtension.open(NOTHING, () -> false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("redis-server is not on PATH")
                .hasMessageContaining("no Docker engine answers")
                .hasMessageContaining("apt-get install -y redis-server");
    }

    @Test
    void aServerBinaryVariableThatIsNotExecutableIsReported() {
        assertThatThrownBy(
                        () ->
                                RedisExtension.open(
                                        Map.of("REDIS_SERVER_BIN", "/nonexistent/redis-server"),
                                        () -> false))
                .hasMessageContaining(
                        "REDIS_SERVER_BIN=/nonexistent/redis-server is not an"
                                + " executable file");
    }
}
