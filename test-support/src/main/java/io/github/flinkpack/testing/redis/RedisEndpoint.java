package io.github.flinkpack.testing.redis;

import redis.clients.jedis.Jedis;

/** A standalone Redis a test writes to: a fixture-started server or an external one. */
public interface RedisEndpoint extends AutoCloseable {

    /** The URL a {@code 'connector' = 'redis'} table uses. */
    String url();

    /** A new client connected to the server; the caller closes it. */
    Jedis newClient();

    @Override
    void close();
}
