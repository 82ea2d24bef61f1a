package io.github.flinkpack.json.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.flinkpack.json.read.JsonParsers;
import java.io.IOException;
import java.util.Set;

/**
 * A JSON value seen as a scalar: a string, number or boolean, possibly wrapped in MongoDB extended
 * JSON ({@code {"$numberLong": "1"}}, {@code {"$date": {"$numberLong": "1565546054692"}}}). Objects
 * and arrays that are not such wrappers are {@link Kind#COMPLEX}.
 */
final class JsonScalar {

    enum Kind {
        STRING,
        INTEGER,
        FRACTION,
        BOOLEAN,
        NULL,
        COMPLEX
    }

    /** Extended JSON wrappers whose content stands for a number. */
    static final Set<String> NUMBER_WRAPPERS =
            Set.of("$numberLong", "$numberInt", "$numberDouble", "$numberDecimal");

    static final String DATE = "$date";

    /** Wrappers whose content is shown as plain text by JSON_STR. */
    static final Set<String> TEXT_WRAPPERS =
            Set.of(
                    "$oid",
                    "$numberLong",
                    "$numberInt",
                    "$numberDouble",
                    "$numberDecimal",
                    "$symbol");

    /** Strings no longer than this are tried as embedded extended JSON ("{\"$numberLong\":..}"). */
    private static final int MAX_EMBEDDED = 256;

    final Kind kind;
    final String text;

    /** The extended JSON wrapper the value came in, or null. */
    final String wrapper;

    private JsonScalar(Kind kind, String text, String wrapper) {
        this.kind = kind;
        this.text = text;
        this.wrapper = wrapper;
    }

    boolean isNumeric() {
        return kind == Kind.INTEGER || kind == Kind.FRACTION || kind == Kind.STRING;
    }

    boolean isNumberWrapperOrPlain() {
        return wrapper == null || NUMBER_WRAPPERS.contains(wrapper);
    }

    static JsonScalar read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            return readObject(parser);
        }
        if (token == JsonToken.START_ARRAY) {
            parser.skipChildren();
            return new JsonScalar(Kind.COMPLEX, null, null);
        }
        JsonScalar scalar = plain(token, parser.getText());
        if (scalar.kind == Kind.STRING && looksEmbedded(scalar.text)) {
            JsonScalar embedded = embedded(scalar.text);
            if (embedded != null) {
                return embedded;
            }
        }
        return scalar;
    }

    private static JsonScalar plain(JsonToken token, String text) {
        switch (token) {
            case VALUE_STRING:
                return new JsonScalar(Kind.STRING, text, null);
            case VALUE_NUMBER_INT:
                return new JsonScalar(Kind.INTEGER, text, null);
            case VALUE_NUMBER_FLOAT:
                return new JsonScalar(Kind.FRACTION, text, null);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new JsonScalar(Kind.BOOLEAN, text, null);
            default:
                return new JsonScalar(Kind.NULL, null, null);
        }
    }

    private static JsonScalar readObject(JsonParser parser) throws IOException {
        JsonToken token = JsonParsers.next(parser);
        if (token != JsonToken.FIELD_NAME) {
            return new JsonScalar(Kind.COMPLEX, null, null);
        }
        String name = parser.currentName();
        JsonScalar inner;
        do {
            // A repeated key is the same member: the last one wins.
            inner = wrappedValue(parser, name, JsonParsers.next(parser));
            token = JsonParsers.next(parser);
        } while (token == JsonToken.FIELD_NAME && name.equals(parser.currentName()));
        if (token != JsonToken.END_OBJECT || inner == null || inner.kind == Kind.COMPLEX) {
            JsonParsers.skipRestOfObject(parser, token);
            return new JsonScalar(Kind.COMPLEX, null, null);
        }
        return new JsonScalar(inner.kind, inner.text, name);
    }

    /** The content of wrapper member {@code name}, consumed; null if it is no wrapper content. */
    private static JsonScalar wrappedValue(JsonParser parser, String name, JsonToken value)
            throws IOException {
        if (NUMBER_WRAPPERS.contains(name) || TEXT_WRAPPERS.contains(name)) {
            if (value.isScalarValue()) {
                return plain(value, parser.getText());
            }
        } else if (DATE.equals(name)) {
            // Relaxed: {"$date": "ISO"} or {"$date": millis}.
            // Canonical: {"$date": {"$numberLong": "millis"}}.
            if (value.isScalarValue()) {
                return plain(value, parser.getText());
            }
            if (value == JsonToken.START_OBJECT) {
                JsonScalar nested = readObject(parser);
                return "$numberLong".equals(nested.wrapper) ? nested : null;
            }
        }
        parser.skipChildren();
        return null;
    }

    private static boolean looksEmbedded(String text) {
        return text.length() <= MAX_EMBEDDED && text.startsWith("{\"$");
    }

    /** Extended JSON written into a string, as some MongoDB pipelines do; null if it is not. */
    private static JsonScalar embedded(String text) {
        try (JsonParser parser = JsonParsers.openOnValue(text)) {
            JsonScalar scalar = readObject(parser);
            return parser.nextToken() == null && scalar.kind != Kind.COMPLEX ? scalar : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
