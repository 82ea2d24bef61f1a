package io.github.flinkpack.json.path;

import org.apache.flink.annotation.PublicEvolving;

/** A JSON path that does not compile; the message names the path, the position and the fix. */
@PublicEvolving
public final class PathSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    PathSyntaxException(String path, int position, String expected) {
        super(
                String.format(
                        "Invalid JSON path '%s' at position %d: %s. Supported: $, .name,"
                                + " ['name'], [index] and [-index] (from the end), e.g."
                                + " '$.after.items[0].id'.",
                        path, position, expected));
    }
}
