package io.github.flinkpack.testing.redis;

import java.net.URI;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import redis.clients.jedis.Jedis;

/**
 * The fallback for machines with a Docker engine but no redis-server binary: a Redis container
 * through Testcontainers. Never the only path: the fixtures prefer the real binary.
 */
final class DockerRedis implements RedisEndpoint {

    private static final String IMAGE = "redis:7.2";
    private static final int REDIS_PORT = 6379;

    private final GenericContainer<?> container;

    private DockerRedis(GenericContainer<?> container) {
        this.container = container;
    }

    static boolean engineAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static DockerRedis start() {
        GenericContainer<?> container = new GenericContainer<>(IMAGE).withExposedPorts(REDIS_PORT);
        container.start();
        return new DockerRedis(container);
    }

    @Override
    public String url() {
        return "redis://" + container.getHost() + ":" + container.getMappedPort(REDIS_PORT);
    }

    @Override
    public Jedis newClient() {
        return new Jedis(URI.create(url()));
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String toString() {
        return "Redis container " + IMAGE + " at " + url();
    }
}
