package io.github.flinkpack.json.functions;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

/**
 * {@code JSON_LONG(json, path[, default])}: a whole number within BIGINT; fractions and overflow
 * give NULL. Numbers, numeric strings and MongoDB extended JSON wrappers are accepted where they
 * fit; anything else is NULL (or the default).
 */
@PublicEvolving
public final class JsonLong extends JsonPathFunction {

    private static final long serialVersionUID = 1L;

    @Override
    protected DataType resultType() {
        return DataTypes.BIGINT();
    }
}
