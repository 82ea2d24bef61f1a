package io.github.flinkpack.redis.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** What a checkpoint guarantees about buffered rows. */
@PublicEvolving
public enum SinkDeliveryGuarantee implements DescribedEnum {
    AT_LEAST_ONCE(
            "at-least-once",
            "Every checkpoint and the end of input wait until all buffered rows are written."),
    NONE(
            "none",
            "Rows are written when the buffer is full or the flush interval passes; a failure may lose buffered rows.");

    private final String value;
    private final String description;

    SinkDeliveryGuarantee(String value, String description) {
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
