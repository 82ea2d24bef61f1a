package io.github.flinkpack.json.functions;

import io.github.flinkpack.json.convert.Readers;
import io.github.flinkpack.json.read.ValueReader;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

/** {@code JSON_ARRAY_LENGTH(json[, path])}: the number of elements of an array, else NULL. */
@PublicEvolving
public final class JsonArrayLength extends JsonPathFunction {

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
        return Readers.arrayLength();
    }
}
