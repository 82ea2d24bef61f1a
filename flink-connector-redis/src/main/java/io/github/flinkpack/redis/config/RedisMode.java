package io.github.flinkpack.redis.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** How the sink finds its Redis server(s). */
@PublicEvolving
public enum RedisMode implements DescribedEnum {
    STANDALONE("standalone", "One server, from 'url'."),
    CLUSTER("cluster", "A Redis Cluster, discovered from 'cluster.nodes' (or the host in 'url')."),
    SENTINEL("sentinel", "The master named 'sentinel.master', found through 'sentinel.nodes'.");

    private final String value;
    private final String description;

    RedisMode(String value, String description) {
        this.value = value;
        this.description = description;
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public InlineElement getDescription() {
        return text(description);
    }
}
