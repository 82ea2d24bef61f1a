package io.github.flinkpack.json.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.flinkpack.json.read.JsonParsers;
import io.github.flinkpack.json.read.ValueReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.GenericArrayData;

/** A JSON array as an ARRAY; elements that do not fit the element type are NULL. */
final class ArrayReader implements ValueReader {

    private static final long serialVersionUID = 1L;

    private final ValueReader elements;

    ArrayReader(ValueReader elements) {
        this.elements = elements;
    }

    @Override
    public Object read(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (JsonToken token = JsonParsers.next(parser);
                token != JsonToken.END_ARRAY;
                token = JsonParsers.next(parser)) {
            values.add(elements.read(parser));
        }
        return new GenericArrayData(values.toArray());
    }
}
