package io.github.flinkpack.redis.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** What a row whose single value column is NULL does. */
@PublicEvolving
public enum NullValuePolicy implements DescribedEnum {
    FAIL("fail", "Fail the job, naming the column."),
    SKIP("skip", "Drop the row and count it in the numNullValueRowsSkipped metric."),
    DELETE("delete", "Treat the row as a delete of its key.");

    private final String value;
    private final String description;

    NullValuePolicy(String value, String description) {
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
