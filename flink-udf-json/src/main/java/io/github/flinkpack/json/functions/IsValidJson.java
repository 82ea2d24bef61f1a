package io.github.flinkpack.json.functions;

import io.github.flinkpack.json.read.DocumentReader;
import io.github.flinkpack.json.read.ValueReader;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code IS_VALID_JSON(s)}: whether {@code s} is one well-formed JSON value (strict: no comments,
 * single quotes, NaN or trailing commas; within the pack's depth and size limits). FALSE for NULL.
 */
@PublicEvolving
public final class IsValidJson extends ScalarFunction {

    private static final long serialVersionUID = 1L;

    private transient DocumentReader reader;
    private transient Object[] none;

    public @DataTypeHint("BOOLEAN NOT NULL") Boolean eval(
            @DataTypeHint(value = "STRING", bridgedTo = StringData.class) StringData text) {
        if (text == null) {
            return false;
        }
        if (reader == null) {
            reader = new DocumentReader(List.of(), new ValueReader[0]);
            none = new Object[0];
        }
        return reader.read(text.toBytes(), none);
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }
}
