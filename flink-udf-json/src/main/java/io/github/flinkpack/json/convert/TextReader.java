package io.github.flinkpack.json.convert;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.flinkpack.json.read.CompactJson;
import io.github.flinkpack.json.read.JsonParsers;
import io.github.flinkpack.json.read.ValueReader;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.StringData;

/**
 * A value as text: strings unquoted, numbers as written, objects and arrays as compact JSON, JSON
 * null as NULL. An extended JSON wrapper such as {@code {"$oid": "5d50..."}} gives its content.
 */
public final class TextReader implements ValueReader {

    private static final long serialVersionUID = 1L;

    public static final TextReader INSTANCE = new TextReader();

    private TextReader() {}

    @Override
    public Object read(JsonParser parser) throws IOException {
        String text = text(parser);
        return text == null ? null : StringData.fromString(text);
    }

    /** The text of the value under the parser; null for JSON null. */
    public static String text(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                return objectText(parser);
            case START_ARRAY:
                return CompactJson.text(parser);
            case VALUE_NULL:
                return null;
            default:
                return parser.getText();
        }
    }

    private static String objectText(JsonParser parser) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = CompactJson.generator(out)) {
            generator.writeStartObject();
            JsonToken token = JsonParsers.next(parser);
            if (token == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (JsonScalar.TEXT_WRAPPERS.contains(name)) {
                    String content = wrapperContent(parser, generator, name);
                    if (content != null) {
                        return content;
                    }
                } else {
                    generator.writeFieldName(name);
                    JsonParsers.next(parser);
                    CompactJson.copyValue(parser, generator);
                    JsonParsers.next(parser);
                }
                CompactJson.copyMembers(parser, generator, parser.currentToken());
            }
            generator.writeEndObject();
        }
        return out.toString();
    }

    /**
     * Reads the members named {@code name} (a repeated key is the same member: the last wins). If
     * they are the whole object and end in a non-null scalar, returns its text; otherwise writes
     * them to {@code generator} and returns null, the parser on the next member or the end.
     */
    private static String wrapperContent(JsonParser parser, JsonGenerator generator, String name)
            throws IOException {
        List<JsonToken> kinds = new ArrayList<>(1);
        List<String> contents = new ArrayList<>(1);
        JsonToken token;
        do {
            JsonToken value = JsonParsers.next(parser);
            kinds.add(value);
            contents.add(value.isScalarValue() ? parser.getText() : CompactJson.text(parser));
            token = JsonParsers.next(parser);
        } while (token == JsonToken.FIELD_NAME && name.equals(parser.currentName()));
        JsonToken last = kinds.get(kinds.size() - 1);
        if (token == JsonToken.END_OBJECT && last.isScalarValue() && last != JsonToken.VALUE_NULL) {
            return contents.get(contents.size() - 1);
        }
        for (int i = 0; i < kinds.size(); i++) {
            generator.writeFieldName(name);
            if (kinds.get(i).isScalarValue()) {
                CompactJson.writeScalar(generator, kinds.get(i), contents.get(i));
            } else {
                generator.writeRawValue(contents.get(i));
            }
        }
        return null;
    }
}
