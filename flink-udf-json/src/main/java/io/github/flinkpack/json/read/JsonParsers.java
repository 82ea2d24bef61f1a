package io.github.flinkpack.json.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;

/**
 * The one parser configuration of the pack: strict JSON (no comments, no single quotes, no NaN)
 * with limits, so that hostile input costs bounded memory and stack.
 */
public final class JsonParsers {

    /** Deeper documents are malformed for us; every reader recurses at most this deep. */
    public static final int MAX_DEPTH = 500;

    /** Longer number literals are malformed: parsing them costs time quadratic in length. */
    public static final int MAX_NUMBER_LENGTH = 1000;

    public static final int MAX_STRING_LENGTH = 16 * 1024 * 1024;

    public static final long MAX_DOCUMENT_LENGTH = 64L * 1024 * 1024;

    public static final JsonFactory FACTORY =
            JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder()
                                    .maxNestingDepth(MAX_DEPTH)
                                    .maxNumberLength(MAX_NUMBER_LENGTH)
                                    .maxStringLength(MAX_STRING_LENGTH)
                                    .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                                    .build())
                    // Hostile field names must not fill the JVM's string pool.
                    .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                    .build();

    private JsonParsers() {}

    public static JsonParser open(byte[] utf8) throws IOException {
        return FACTORY.createParser(utf8);
    }

    public static JsonParser open(String text) throws IOException {
        return FACTORY.createParser(text);
    }

    /** A parser on the first token of {@code text}, which must hold a JSON value. */
    public static JsonParser openOnValue(String text) throws IOException {
        JsonParser parser = open(text);
        next(parser);
        return parser;
    }

    /** The next token; end of input inside a value is an error, never a null token. */
    public static JsonToken next(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new JsonEOFException(parser, null, "Unexpected end of input");
        }
        return token;
    }

    /**
     * Skips the rest of an object whose member loop stands on {@code current} (a field name or the
     * closing brace), and leaves the parser on the closing brace.
     */
    public static void skipRestOfObject(JsonParser parser, JsonToken current) throws IOException {
        while (current == JsonToken.FIELD_NAME) {
            next(parser);
            parser.skipChildren();
            current = next(parser);
        }
    }
}
