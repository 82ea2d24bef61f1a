package io.github.flinkpack.json.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.flinkpack.json.read.JsonParsers;
import io.github.flinkpack.json.read.ValueReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.GenericRowData;

/** An object as a ROW, fields matched by name; absent and unfit fields are NULL. */
final class RowReader implements ValueReader {

    private static final long serialVersionUID = 1L;

    private final Map<String, Integer> positions = new HashMap<>();
    private final ValueReader[] fields;

    RowReader(List<String> names, ValueReader[] fields) {
        for (int i = 0; i < names.size(); i++) {
            positions.put(names.get(i), i);
        }
        this.fields = fields;
    }

    @Override
    public Object read(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        GenericRowData row = new GenericRowData(fields.length);
        for (JsonToken token = JsonParsers.next(parser);
                token == JsonToken.FIELD_NAME;
                token = JsonParsers.next(parser)) {
            Integer position = positions.get(parser.currentName());
            JsonParsers.next(parser);
            if (position == null) {
                parser.skipChildren();
            } else {
                row.setField(position, fields[position].read(parser));
            }
        }
        return row;
    }
}
