package io.github.flinkpack.json.functions;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

/**
 * {@code JSON_DECIMAL(json, path[, default])}: a DECIMAL(38, 18), rounded half up to 18 digits;
 * more than 20 integer digits give NULL. Numbers, numeric strings and MongoDB extended JSON
 * wrappers are accepted where they fit; anything else is NULL (or the default).
 */
@PublicEvolving
public final class JsonDecimal extends JsonPathFunction {

    private static final long serialVersionUID = 1L;

    @Override
    protected DataType resultType() {
        return DataTypes.DECIMAL(38, 18);
    }
}
