package io.github.flinkpack.json.functions;

import io.github.flinkpack.json.path.JsonPath;
import io.github.flinkpack.json.path.PathSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.inference.CallContext;

/** Paths given as SQL literals, checked when the query is planned rather than on every row. */
final class LiteralPaths {

    private LiteralPaths() {}

    /**
     * The literal paths at arguments {@code from} (inclusive) to {@code to} (exclusive) of the
     * call, or empty when one of them is not a literal. A NULL literal is kept as null.
     *
     * @throws ValidationException naming the function and the path when one does not compile
     */
    static Optional<List<String>> of(CallContext call, int from, int to) {
        List<String> paths = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (!call.isArgumentLiteral(i)) {
                return Optional.empty();
            }
            String path = call.getArgumentValue(i, String.class).orElse(null);
            if (path != null) {
                try {
                    JsonPath.compile(path);
                } catch (PathSyntaxException e) {
                    throw new ValidationException(call.getName() + ": " + e.getMessage(), e);
                }
            }
            paths.add(path);
        }
        return Optional.of(paths);
    }
}
