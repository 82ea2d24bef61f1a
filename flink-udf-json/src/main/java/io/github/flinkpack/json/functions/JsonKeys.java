package io.github.flinkpack.json.functions;

import io.github.flinkpack.json.convert.Readers;
import io.github.flinkpack.json.read.ValueReader;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

/**
 * {@code JSON_KEYS(json[, path])}: the distinct keys of an object in document order, as
 * ARRAY&lt;STRING&gt;; NULL when the value is not an object.
 */
@PublicEvolving
public final class JsonKeys extends JsonPathFunction {

    private static final long serialVersionUID = 1L;

    @Override
    protected DataType resultType() {
        return DataTypes.ARRAY(DataTypes.STRING());
    }

    @Override
    protected boolean hasDefault() {
        return false;
    }

    @Override
    protected ValueReader reader() {
        return Readers.keys();
    }
}
