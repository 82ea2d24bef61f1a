package io.github.flinkpack.json.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.flinkpack.json.read.JsonParsers;
import io.github.flinkpack.json.read.ValueReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.StringData;

/** An object as a MAP from its keys; the last of duplicate keys wins. */
final class MapReader implements ValueReader {

    private static final long serialVersionUID = 1L;

    private final ValueReader values;

    MapReader(ValueReader values) {
        this.values = values;
    }

    @Override
    public Object read(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        for (JsonToken token = JsonParsers.next(parser);
                token == JsonToken.FIELD_NAME;
                token = JsonParsers.next(parser)) {
            StringData key = StringData.fromString(parser.currentName());
            JsonParsers.next(parser);
            map.put(key, values.read(parser));
        }
        return new GenericMapData(map);
    }
}
