package io.github.flinkpack.json.functions;

import io.github.flinkpack.json.convert.Readers;
import io.github.flinkpack.json.read.ValueReader;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

/**
 * {@code JSON_TYPE(json[, path])}: OBJECT, ARRAY, STRING, INTEGER, DOUBLE, BOOLEAN or NULL (a JSON
 * null); SQL NULL when there is no document, it is malformed or the path is missing.
 */
@PublicEvolving
public final class JsonType extends JsonPathFunction {

    private static final long serialVersionUID = 1L;

    @Override
    protected DataType resultType() {
        return DataTypes.STRING();
    }

    @Override
    protected boolean hasDefault() {
        return false;
    }

    @Override
    protected ValueReader reader() {
        return Readers.jsonType();
    }
}
