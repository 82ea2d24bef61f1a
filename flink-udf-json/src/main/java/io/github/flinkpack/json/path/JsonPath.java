package io.github.flinkpack.json.path;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/**
 * A compiled JSONPath of the subset the pack supports: {@code $}, {@code .name}, {@code ['name']}
 * (or double quotes) and {@code [index]}, where a negative index counts from the end of the array.
 */
@PublicEvolving
public final class JsonPath {

    /** Paths longer than this are refused: no real document is that deep. */
    public static final int MAX_STEPS = 256;

    private final String text;
    private final List<PathStep> steps;

    private JsonPath(String text, List<PathStep> steps) {
        this.text = text;
        this.steps = Collections.unmodifiableList(steps);
    }

    public List<PathStep> steps() {
        return steps;
    }

    /**
     * Compiles {@code text}.
     *
     * @throws PathSyntaxException naming the position and what was expected there
     */
    public static JsonPath compile(String text) {
        return new Compiler(text).compile();
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class Compiler {
        private final String text;
        private int pos;
        private final List<PathStep> steps = new ArrayList<>();

        Compiler(String text) {
            this.text = text;
        }

        JsonPath compile() {
            skipSpaces();
            if (pos >= text.length() || text.charAt(pos) != '$') {
                throw error("a path starts with '$'");
            }
            pos++;
            while (true) {
                skipSpaces();
                if (pos >= text.length()) {
                    break;
                }
                char c = text.charAt(pos);
                if (c == '.') {
                    pos++;
                    steps.add(PathStep.field(name()));
                } else if (c == '[') {
                    pos++;
                    skipSpaces();
                    steps.add(bracket());
                    skipSpaces();
                    expect(']');
                } else {
                    throw error("'.' or '[' expected");
                }
                if (steps.size() > MAX_STEPS) {
                    throw error("a path has at most " + MAX_STEPS + " steps");
                }
            }
            return new JsonPath(text, steps);
        }

        private String name() {
            int start = pos;
            while (pos < text.length() && isNameChar(text.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                if (pos < text.length() && (text.charAt(pos) == '*' || text.charAt(pos) == '.')) {
                    throw error("wildcards and deep scan ('*', '..') are not supported");
                }
                throw error("a field name expected after '.'");
            }
            return text.substring(start, pos);
        }

        private PathStep bracket() {
            if (pos >= text.length()) {
                throw error("a quoted name or an index expected after '['");
            }
            char c = text.charAt(pos);
            if (c == '\'' || c == '"') {
                return PathStep.field(quoted(c));
            }
            if (c == '*') {
                throw error("wildcards ('[*]') are not supported");
            }
            int start = pos;
            if (c == '-') {
                pos++;
            }
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            String digits = text.substring(start, pos);
            if (digits.isEmpty() || digits.equals("-")) {
                throw error("a quoted name or an integer index expected after '['");
            }
            try {
                return PathStep.index(Integer.parseInt(digits));
            } catch (NumberFormatException e) {
                throw error("index " + digits + " is out of range");
            }
        }

        private String quoted(char quote) {
            pos++;
            StringBuilder name = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == quote) {
                    return name.toString();
                }
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                name.append(c);
            }
            throw error("unterminated quoted name");
        }

        private void expect(char c) {
            if (pos >= text.length() || text.charAt(pos) != c) {
                throw error("'" + c + "' expected");
            }
            pos++;
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private static boolean isNameChar(char c) {
            return c != '.'
                    && c != '['
                    && c != ']'
                    && c != '*'
                    && c != '\''
                    && c != '"'
                    && !Character.isWhitespace(c);
        }

        private PathSyntaxException error(String expected) {
            return new PathSyntaxException(text, pos, expected);
        }
    }
}
