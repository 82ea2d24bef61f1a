package io.github.flinkpack.testing.redis;

import java.net.URI;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.Jedis;

/**
 * A standalone Redis per test class: a real {@code redis-server} on a free loopback port, or the
 * server {@code REDIS_URL} names (a disposable database: tests flush it), or, only where a Docker
 * engine answers and the binary is missing, a Redis container. When none works the class fails with
 * a message that says how to install {@code redis-server}.
 *
 * <pre>{@code @RegisterExtension static final RedisExtension REDIS = new RedisExtension();}</pre>
 */
public final class RedisExtension implements BeforeAllCallback, AfterAllCallback {

    public static final String REDIS_URL_ENV = "REDIS_URL";

    private RedisEndpoint endpoint;

    @Override
    public void beforeAll(ExtensionContext context) {
        endpoint = open(System.getenv(), DockerRedis::engineAnswers);
        try (Jedis client = endpoint.newClient()) {
            client.flushDB();
        }
    }

    /**
     * REDIS_URL if set; else the redis-server binary; else, only where a Docker engine answers, a
     * Redis container; else an error that says how to get redis-server.
     */
    static RedisEndpoint open(Map<String, String> env, BooleanSupplier dockerAnswers) {
        String external = env.get(REDIS_URL_ENV);
        if (external != null && !external.isBlank()) {
            return new ExternalRedis(external);
        }
        if (RedisBinaries.findServer(env).isPresent()) {
            return RedisServer.startStandalone();
        }
        if (dockerAnswers.getAsBoolean()) {
            return DockerRedis.start();
        }
        throw new IllegalStateException(
                "No Redis for the tests: redis-server is not on PATH, "
                        + RedisBinaries.SERVER_ENV
                        + " and "
                        + REDIS_URL_ENV
                        + " are not set, and no Docker engine answers. "
                        + RedisBinaries.HOW_TO_INSTALL);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    public RedisEndpoint endpoint() {
        if (endpoint == null) {
            throw new IllegalStateException("RedisExtension is not started: register it static");
        }
        return endpoint;
    }

    public String url() {
        return endpoint().url();
    }

    public Jedis newClient() {
        return endpoint().newClient();
    }

    /** Removes every key, so tests in one class start from an empty database. */
    public void flush() {
        try (Jedis client = newClient()) {
            client.flushDB();
        }
    }

    private static final class ExternalRedis implements RedisEndpoint {
        private final String url;

        ExternalRedis(String url) {
            this.url = url;
        }

        @Override
        public String url() {
            return url;
        }

        @Override
        public Jedis newClient() {
            return new Jedis(URI.create(url));
        }

        @Override
        public void close() {}

        @Override
        public String toString() {
            return "external Redis from " + REDIS_URL_ENV;
        }
    }
}
