package io.github.flinkpack.json.read;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.Serializable;

/**
 * Turns the JSON value the parser stands on into Flink internal data. It is called on the value's
 * first token and leaves the parser on its last one ({@code END_OBJECT}, {@code END_ARRAY} or the
 * scalar itself), like {@link JsonParser#skipChildren()}.
 */
@FunctionalInterface
public interface ValueReader extends Serializable {

    /** The value as internal data, or null when it does not fit the target type. */
    Object read(JsonParser parser) throws IOException;
}
