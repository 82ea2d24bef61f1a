package io.github.flinkpack.json.read;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Re-writes the value under the parser as compact JSON text. Numbers keep their original text
 * ({@code 1.50} stays {@code 1.50}), so nothing is lost to double rounding.
 */
public final class CompactJson {

    private CompactJson() {}

    public static String text(JsonParser parser) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = generator(out)) {
            copyValue(parser, generator);
        }
        return out.toString();
    }

    public static JsonGenerator generator(StringWriter out) throws IOException {
        return JsonParsers.FACTORY.createGenerator(out);
    }

    /** Copies the value starting at the current token; iterative, so depth costs no stack. */
    public static void copyValue(JsonParser parser, JsonGenerator out) throws IOException {
        int depth = 0;
        JsonToken token = parser.currentToken();
        while (true) {
            switch (token) {
                case START_OBJECT:
                    out.writeStartObject();
                    depth++;
                    break;
                case START_ARRAY:
                    out.writeStartArray();
                    depth++;
                    break;
                case END_OBJECT:
                    out.writeEndObject();
                    depth--;
                    break;
                case END_ARRAY:
                    out.writeEndArray();
                    depth--;
                    break;
                case FIELD_NAME:
                    out.writeFieldName(parser.currentName());
                    break;
                default:
                    writeScalar(out, token, parser.getText());
            }
            if (depth == 0) {
                return;
            }
            token = JsonParsers.next(parser);
        }
    }

    /** Copies object members from the current field name up to the closing brace. */
    public static void copyMembers(JsonParser parser, JsonGenerator out, JsonToken current)
            throws IOException {
        while (current == JsonToken.FIELD_NAME) {
            out.writeFieldName(parser.currentName());
            JsonParsers.next(parser);
            copyValue(parser, out);
            current = JsonParsers.next(parser);
        }
    }

    /** Writes a scalar token whose text was read from a parser. */
    public static void writeScalar(JsonGenerator out, JsonToken token, String text)
            throws IOException {
        switch (token) {
            case VALUE_STRING:
                out.writeString(text);
                break;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                out.writeNumber(text);
                break;
            case VALUE_TRUE:
                out.writeBoolean(true);
                break;
            case VALUE_FALSE:
                out.writeBoolean(false);
                break;
            case VALUE_NULL:
                out.writeNull();
                break;
            default:
                throw new IllegalStateException("Not a scalar token: " + token);
        }
    }
}
