package io.github.flinkpack.json.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.flinkpack.json.path.JsonPath;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the values at a set of paths in one streaming pass, skipping every subtree no path goes
 * through. The whole document is still tokenized to its end: a malformed document gives no values
 * at all rather than values from its well-formed beginning. Like most JSON parsers (and Flink's
 * JSON_VALUE), the last of duplicate keys wins.
 *
 * <p>Not thread-safe; one instance per function instance.
 */
public final class DocumentReader {

    private final PathTree tree;
    private final ValueReader[] readers;

    public DocumentReader(List<JsonPath> paths, ValueReader[] readers) {
        if (paths.size() != readers.length) {
            throw new IllegalArgumentException("One reader per path");
        }
        this.tree = PathTree.of(paths);
        this.readers = readers.clone();
    }

    public DocumentReader(JsonPath path, ValueReader reader) {
        this(List.of(path), new ValueReader[] {reader});
    }

    public int size() {
        return readers.length;
    }

    /**
     * Fills {@code results} with the value of each path (null where a path is missing or its value
     * does not fit). Returns false, with every result null, when the document is not JSON.
     */
    public boolean read(byte[] utf8, Object[] results) {
        Arrays.fill(results, null);
        try (JsonParser parser = JsonParsers.open(utf8)) {
            if (parser.nextToken() == null) {
                return false;
            }
            evaluate(parser, tree.root, results);
            if (parser.nextToken() != null) {
                Arrays.fill(results, null);
                return false;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            // Malformed input of any kind: the contract is NULL, never an exception.
            Arrays.fill(results, null);
            return false;
        }
    }

    private void evaluate(JsonParser parser, PathTree.Node node, Object[] results)
            throws IOException {
        int[] targets = node.targetSlots;
        if (targets.length == 1 && node.isLeaf()) {
            results[targets[0]] = readers[targets[0]].read(parser);
        } else if (targets.length > 0) {
            // A value wanted whole and also looked into: read it once, then re-read the copy.
            String copy = CompactJson.text(parser);
            for (int slot : targets) {
                try (JsonParser again = JsonParsers.openOnValue(copy)) {
                    results[slot] = readers[slot].read(again);
                }
            }
            if (!node.isLeaf()) {
                try (JsonParser again = JsonParsers.openOnValue(copy)) {
                    descend(again, node, results);
                }
            }
        } else {
            descend(parser, node, results);
        }
    }

    private void descend(JsonParser parser, PathTree.Node node, Object[] results)
            throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT && node.fields != null) {
            descendObject(parser, node.fields, results);
        } else if (token == JsonToken.START_ARRAY
                && (node.indexes != null || node.fromEnd != null)) {
            descendArray(parser, node, results);
        } else {
            parser.skipChildren();
        }
    }

    private void descendObject(
            JsonParser parser, Map<String, PathTree.Node> fields, Object[] results)
            throws IOException {
        for (JsonToken token = JsonParsers.next(parser);
                token == JsonToken.FIELD_NAME;
                token = JsonParsers.next(parser)) {
            PathTree.Node child = fields.get(parser.currentName());
            JsonParsers.next(parser);
            if (child == null) {
                parser.skipChildren();
            } else {
                // A duplicate key replaces what an earlier one delivered, missing paths included.
                for (int slot : child.slotsBelow) {
                    results[slot] = null;
                }
                evaluate(parser, child, results);
            }
        }
    }

    private void descendArray(JsonParser parser, PathTree.Node node, Object[] results)
            throws IOException {
        int keep = node.maxDistanceFromEnd();
        ArrayDeque<String> tail = keep > 0 ? new ArrayDeque<>(keep) : null;
        int length = 0;
        for (JsonToken token = JsonParsers.next(parser);
                token != JsonToken.END_ARRAY;
                token = JsonParsers.next(parser), length++) {
            PathTree.Node child = node.indexes == null ? null : node.indexes.get(length);
            if (tail == null) {
                if (child == null) {
                    parser.skipChildren();
                } else {
                    evaluate(parser, child, results);
                }
                continue;
            }
            // Counting from the end needs the last elements kept until the length is known.
            String element = CompactJson.text(parser);
            if (tail.size() == keep) {
                tail.removeFirst();
            }
            tail.addLast(element);
            if (child != null) {
                try (JsonParser again = JsonParsers.openOnValue(element)) {
                    evaluate(again, child, results);
                }
            }
        }
        if (tail != null) {
            String[] last = tail.toArray(new String[0]);
            for (Map.Entry<Integer, PathTree.Node> entry : node.fromEnd.entrySet()) {
                int position = last.length - entry.getKey();
                if (position >= 0) {
                    try (JsonParser again = JsonParsers.openOnValue(last[position])) {
                        evaluate(again, entry.getValue(), results);
                    }
                }
            }
        }
    }
}
