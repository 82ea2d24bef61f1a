package io.github.flinkpack.redis.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** What a DELETE (or UPDATE_BEFORE) row does to a SET/HSET key. */
@PublicEvolving
public enum DeleteBehavior implements DescribedEnum {
    DELETE("delete", "DEL the key (HDEL the field with 'hash.field')."),
    IGNORE("ignore", "Keep the key; the row is dropped and counted.");

    private final String value;
    private final String description;

    DeleteBehavior(String value, String description) {
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
