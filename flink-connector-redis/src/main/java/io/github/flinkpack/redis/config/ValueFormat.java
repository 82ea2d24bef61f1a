package io.github.flinkpack.redis.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** How value columns become the Redis value. */
@PublicEvolving
public enum ValueFormat implements DescribedEnum {
    TEXT("text", "The single value column rendered as text."),
    JSON("json", "All value columns as one JSON object, keyed by column name.");

    private final String value;
    private final String description;

    ValueFormat(String value, String description) {
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
