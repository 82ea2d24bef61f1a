package io.github.flinkpack.json.functions;

import io.github.flinkpack.json.convert.Readers;
import io.github.flinkpack.json.read.ValueReader;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

/**
 * {@code JSON_LENGTH(json[, path])}: the number of elements of an array or distinct keys of an
 * object, 1 for a scalar; SQL NULL when there is no document, it is malformed or the path is
 * missing.
 */
@PublicEvolving
public final class JsonLength extends JsonPathFunction {

    private static final long serialVersionUID = 1L;

    @Override
    protected DataType resultType() {
        return DataTypes.INT();
    }

    @Override
    protected boolean hasDefault() {
        return false;
    }

    @Override
    protected ValueReader reader() {
        return Readers.length();
    }
}
