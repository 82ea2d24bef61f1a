package io.github.flinkpack.json.functions;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

/**
 * {@code JSON_ARRAY_STRINGS(json[, path])}: the elements of an array as ARRAY&lt;STRING&gt;, each
 * as {@code JSON_STR} gives it; NULL when the value is not an array.
 */
@PublicEvolving
public final class JsonArrayStrings extends JsonPathFunction {

    private static final long serialVersionUID = 1L;

    @Override
    protected DataType resultType() {
        return DataTypes.ARRAY(DataTypes.STRING());
    }

    @Override
    protected boolean hasDefault() {
        return false;
    }
}
