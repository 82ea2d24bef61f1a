package io.github.flinkpack.redis.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** What a row whose key column is NULL does. */
@PublicEvolving
public enum NullKeyPolicy implements DescribedEnum {
    FAIL("fail", "Fail the job, naming the column."),
    SKIP("skip", "Drop the row and count it in the numNullKeyRowsSkipped metric.");

    private final String value;
    private final String description;

    NullKeyPolicy(String value, String description) {
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
