package io.github.flinkpack.json.functions;

import io.github.flinkpack.json.path.JsonPath;
import io.github.flinkpack.json.path.PathSyntaxException;
import io.github.flinkpack.json.read.DocumentReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The reader for paths that arrive per row rather than as literals: compiled again only when they
 * change from the previous row. A null path reads nothing; an invalid one gives no reader at all
 * (and the function NULL).
 */
final class ReaderCache {

    private final Function<List<JsonPath>, DocumentReader> build;
    private List<String> paths;
    private DocumentReader reader;

    ReaderCache(Function<List<JsonPath>, DocumentReader> build) {
        this.build = build;
    }

    DocumentReader get(List<String> texts) {
        if (!texts.equals(paths)) {
            paths = texts;
            reader = compile(texts);
        }
        return reader;
    }

    private DocumentReader compile(List<String> texts) {
        List<JsonPath> compiled = new ArrayList<>(texts.size());
        for (String text : texts) {
            if (text == null) {
                compiled.add(null);
                continue;
            }
            try {
                compiled.add(JsonPath.compile(text));
            } catch (PathSyntaxException e) {
                return null;
            }
        }
        return build.apply(compiled);
    }
}
