package io.github.flinkpack.json.functions;

import io.github.flinkpack.json.convert.NullableTypes;
import io.github.flinkpack.json.convert.Readers;
import io.github.flinkpack.json.path.JsonPath;
import io.github.flinkpack.json.read.DocumentReader;
import io.github.flinkpack.json.read.RecentResults;
import java.util.List;
import java.util.Optional;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.functions.SpecializedFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.InputTypeStrategies;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.utils.DataTypeUtils;
import org.apache.flink.table.types.utils.TypeConversions;

/**
 * {@code FROM_JSON(json, 'ROW<a BIGINT, b STRING, c ARRAY<INT>>')}: the document read once into a
 * typed value. Fields are matched by name; absent fields and values that do not fit their type are
 * NULL (Spark's PERMISSIVE mode); a malformed document, or one that is not of the declared shape at
 * the top, is NULL. Every level of the type becomes nullable.
 */
@PublicEvolving
public final class FromJson extends ScalarFunction implements SpecializedFunction {

    private static final long serialVersionUID = 1L;

    /** The result type; set on the specialized instance. */
    private LogicalType type;

    private transient DocumentReader reader;
    private transient Object[] result;
    private transient String cacheKey;

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return TypeInference.newBuilder()
                .inputTypeStrategy(
                        InputTypeStrategies.sequence(
                                List.of("json", "type"),
                                List.of(
                                        InputTypeStrategies.explicit(InternalTypes.text()),
                                        InputTypeStrategies.and(
                                                InputTypeStrategies.LITERAL,
                                                InputTypeStrategies.explicit(
                                                        InternalTypes.text())))))
                .outputTypeStrategy(call -> Optional.of(resultType(call)))
                .build();
    }

    private static DataType resultType(CallContext call) {
        String text =
                call.getArgumentValue(1, String.class)
                        .orElseThrow(
                                () ->
                                        new ValidationException(
                                                call.getName()
                                                        + ": the type argument is NULL; write the"
                                                        + " type as in CREATE TABLE, e.g."
                                                        + " 'ROW<id BIGINT, tags ARRAY<STRING>>'."));
        LogicalType declared;
        try {
            declared = call.getDataTypeFactory().createDataType(text).getLogicalType();
        } catch (RuntimeException e) {
            throw new ValidationException(
                    String.format(
                            "%s: '%s' is not a SQL type (%s). Write the type as in CREATE TABLE,"
                                    + " e.g. 'ROW<id BIGINT, tags ARRAY<STRING>>'.",
                            call.getName(), text, e.getMessage()),
                    e);
        }
        LogicalType type = NullableTypes.deep(declared);
        try {
            Readers.forType(type);
        } catch (ValidationException e) {
            throw new ValidationException(
                    String.format("%s: type '%s': %s", call.getName(), text, e.getMessage()), e);
        }
        return DataTypeUtils.toInternalDataType(TypeConversions.fromLogicalToDataType(type));
    }

    /** An instance for {@code type} without planning, for tests that call {@code eval}. */
    @VisibleForTesting
    public static FromJson forType(LogicalType type) {
        FromJson function = new FromJson();
        function.type = NullableTypes.deep(type);
        return function;
    }

    @Override
    public FromJson specialize(SpecializedContext context) {
        FromJson specialized = new FromJson();
        specialized.type =
                context.getCallContext()
                        .getOutputDataType()
                        .orElseThrow(() -> new IllegalStateException("FROM_JSON without a type"))
                        .getLogicalType();
        return specialized;
    }

    public Object eval(StringData json, Object typeText) {
        if (json == null || type == null) {
            return null;
        }
        if (reader == null) {
            reader = new DocumentReader(JsonPath.compile("$"), Readers.forType(type));
            result = new Object[1];
            cacheKey = FromJson.class.getName() + '\u0000' + type;
        }
        byte[] document = json.toBytes();
        Object value = RecentResults.get(cacheKey, document);
        if (value == RecentResults.MISS) {
            reader.read(document, result);
            value = result[0];
            RecentResults.put(cacheKey, document, value);
        }
        return value;
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }
}
