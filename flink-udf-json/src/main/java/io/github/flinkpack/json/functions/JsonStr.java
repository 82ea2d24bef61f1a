package io.github.flinkpack.json.functions;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

/**
 * {@code JSON_STR(json, path[, default])}: the value as text: strings unquoted, numbers as written,
 * objects and arrays as compact JSON, JSON null as NULL. Single-field MongoDB wrappers ({@code
 * {"$oid": "5d50.."}}, {@code {"$numberLong": "1"}}) give their content.
 */
@PublicEvolving
public final class JsonStr extends JsonPathFunction {

    private static final long serialVersionUID = 1L;

    @Override
    protected DataType resultType() {
        return DataTypes.STRING();
    }
}
