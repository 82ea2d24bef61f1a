package io.github.flinkpack.redis.config;

import org.apache.flink.annotation.PublicEvolving;

/**
 * How the sink finds its Redis server(s). Written in lower case in options, e.g. {@code
 * 'standalone'}.
 */
@PublicEvolving
public enum RedisMode {
    /** One server, from {@code url}. */
    STANDALONE,

    /** A Redis Cluster, discovered from {@code cluster.nodes} (or the host in {@code url}). */
    CLUSTER,

    /** The master named {@code sentinel.master}, found through {@code sentinel.nodes}. */
    SENTINEL;

    @Override
    public String toString() {
        return OptionText.of(this);
    }
}
