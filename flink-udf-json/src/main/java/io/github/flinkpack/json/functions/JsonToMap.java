package io.github.flinkpack.json.functions;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

/**
 * {@code JSON_TO_MAP(json[, path])}: an object as MAP&lt;STRING, STRING&gt;, each value as {@code
 * JSON_STR} gives it (ksqlDB's JSON_RECORDS); NULL when the value is not an object.
 */
@PublicEvolving
public final class JsonToMap extends JsonPathFunction {

    private static final long serialVersionUID = 1L;

    @Override
    protected DataType resultType() {
        return DataTypes.MAP(DataTypes.STRING(), DataTypes.STRING());
    }

    @Override
    protected boolean hasDefault() {
        return false;
    }
}
