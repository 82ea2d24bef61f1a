package io.github.flinkpack.json.convert;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.flinkpack.json.read.CompactJson;
import io.github.flinkpack.json.read.JsonParsers;
import io.github.flinkpack.json.read.ValueReader;
import java.io.IOException;
import java.io.StringWriter;
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
                JsonToken value = JsonParsers.next(parser);
                if (JsonScalar.TEXT_WRAPPERS.contains(name)
                        && value.isScalarValue()
                        && value != JsonToken.VALUE_NULL) {
                    String content = parser.getText();
                    token = JsonParsers.next(parser);
                    if (token == JsonToken.END_OBJECT) {
                        return content;
                    }
                    generator.writeFieldName(name);
                    CompactJson.writeScalar(generator, value, content);
                } else {
                    generator.writeFieldName(name);
                    CompactJson.copyValue(parser, generator);
                    token = JsonParsers.next(parser);
                }
                CompactJson.copyMembers(parser, generator, token);
            }
            generator.writeEndObject();
        }
        return out.toString();
    }
}
