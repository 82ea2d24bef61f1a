package io.github.flinkpack.json.functions;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

/**
 * {@code JSON_DOUBLE(json, path[, default])}: a finite DOUBLE. Numbers, numeric strings and MongoDB
 * extended JSON wrappers are accepted where they fit; anything else is NULL (or the default).
 */
@PublicEvolving
public final class JsonDouble extends JsonPathFunction {

    private static final long serialVersionUID = 1L;

    @Override
    protected DataType resultType() {
        return DataTypes.DOUBLE();
    }
}
