package io.github.flinkpack.json.functions;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.flinkpack.json.read.CompactJson;
import io.github.flinkpack.json.read.JsonParsers;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentTypeStrategy;
import org.apache.flink.table.types.inference.InputTypeStrategies;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.utils.DataTypeUtils;

/**
 * {@code JSON_CONCAT(j1, j2, ...)}, as in ksqlDB: when every document is an object, one object with
 * all their keys (a later document's key wins); otherwise one array of the elements of the array
 * documents and the other documents themselves, in order. NULL if any document is NULL or
 * malformed. The result is compact JSON.
 */
@PublicEvolving
public final class JsonConcat extends ScalarFunction {

    private static final long serialVersionUID = 1L;

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        DataType text = InternalTypes.text();
        return TypeInference.newBuilder()
                .inputTypeStrategy(
                        InputTypeStrategies.varyingSequence(
                                new String[] {"json1", "json2", "more"},
                                new ArgumentTypeStrategy[] {
                                    InputTypeStrategies.explicit(text),
                                    InputTypeStrategies.explicit(text),
                                    InputTypeStrategies.explicit(text)
                                }))
                .outputTypeStrategy(TypeStrategies.explicit(DataTypeUtils.toInternalDataType(text)))
                .build();
    }

    public StringData eval(StringData... documents) {
        List<Document> parsed = new ArrayList<>(documents.length);
        boolean allObjects = true;
        for (StringData document : documents) {
            Document one = document == null ? null : Document.parse(document.toBytes());
            if (one == null) {
                return null;
            }
            allObjects &= one.members != null;
            parsed.add(one);
        }
        try {
            return StringData.fromString(allObjects ? merged(parsed) : concatenated(parsed));
        } catch (IOException e) {
            return null;
        }
    }

    private static String merged(List<Document> documents) throws IOException {
        Map<String, String> members = new LinkedHashMap<>();
        for (Document document : documents) {
            members.putAll(document.members);
        }
        return write(generator -> writeObject(generator, members));
    }

    private static String concatenated(List<Document> documents) throws IOException {
        return write(
                generator -> {
                    generator.writeStartArray();
                    for (Document document : documents) {
                        if (document.elements != null) {
                            for (String element : document.elements) {
                                generator.writeRawValue(element);
                            }
                        } else if (document.members != null) {
                            writeObject(generator, document.members);
                        } else {
                            generator.writeRawValue(document.scalar);
                        }
                    }
                    generator.writeEndArray();
                });
    }

    private static void writeObject(JsonGenerator generator, Map<String, String> members)
            throws IOException {
        generator.writeStartObject();
        for (Map.Entry<String, String> member : members.entrySet()) {
            generator.writeFieldName(member.getKey());
            generator.writeRawValue(member.getValue());
        }
        generator.writeEndObject();
    }

    private interface Writing {
        void to(JsonGenerator generator) throws IOException;
    }

    private static String write(Writing writing) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = CompactJson.generator(out)) {
            writing.to(generator);
        }
        return out.toString();
    }

    /** One input: an object's members, an array's elements, or a scalar, each as compact JSON. */
    private static final class Document {
        Map<String, String> members;
        List<String> elements;
        String scalar;

        static Document parse(byte[] utf8) {
            Document document = new Document();
            try (JsonParser parser = JsonParsers.open(utf8)) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return null;
                }
                if (token == JsonToken.START_OBJECT) {
                    document.members = new LinkedHashMap<>();
                    for (token = JsonParsers.next(parser);
                            token == JsonToken.FIELD_NAME;
                            token = JsonParsers.next(parser)) {
                        String name = parser.currentName();
                        JsonParsers.next(parser);
                        document.members.put(name, CompactJson.text(parser));
                    }
                } else if (token == JsonToken.START_ARRAY) {
                    document.elements = new ArrayList<>();
                    for (token = JsonParsers.next(parser);
                            token != JsonToken.END_ARRAY;
                            token = JsonParsers.next(parser)) {
                        document.elements.add(CompactJson.text(parser));
                    }
                } else {
                    document.scalar = CompactJson.text(parser);
                }
                return parser.nextToken() == null ? document : null;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }
}
