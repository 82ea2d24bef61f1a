package io.github.flinkpack.redis.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** When a TTL is applied to a key. */
@PublicEvolving
public enum TtlMode implements DescribedEnum {
    ALWAYS("always", "Every write sets the TTL again (sliding expiry)."),
    ON_CREATE(
            "on-create",
            "The TTL is set once, when the key has none (PEXPIRE ... NX); later writes never extend it.");

    private final String value;
    private final String description;

    TtlMode(String value, String description) {
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
