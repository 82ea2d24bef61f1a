package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ArrayBuilder;
import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.inference.ArrayTypes;
import java.util.Optional;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.functions.SpecializedFunction;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategy;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.utils.DataTypeUtils;

/**
 * An array function generic over element types: its own type inference finds the common element
 * type of its arguments, and at planning time each call site gets an instance specialized to that
 * type, which works on Flink's internal data without boxing.
 */
public abstract class ArrayScalarFunction extends ScalarFunction implements SpecializedFunction {

    private static final long serialVersionUID = 1L;

    /** Null in the unspecialized instance that registration sees. */
    protected final ElementOps ops;

    private transient ArrayBuilder builder;

    protected ArrayScalarFunction(ElementOps ops) {
        this.ops = ops;
    }

    protected abstract InputTypeStrategy inputs();

    protected abstract TypeStrategy output();

    /** This function specialized to arrays of the given element operations. */
    protected abstract ArrayScalarFunction specialized(ElementOps ops);

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return TypeInference.newBuilder()
                .inputTypeStrategy(inputs())
                .outputTypeStrategy(output())
                .build();
    }

    @Override
    public ArrayScalarFunction specialize(SpecializedContext context) {
        return specialized(ElementOps.of(ArrayTypes.elementType(context.getCallContext())));
    }

    /** A reusable builder for this call site's results. */
    protected ArrayBuilder builder() {
        if (builder == null) {
            builder = new ArrayBuilder(ops);
        }
        return builder.reset();
    }

    /** Output: an array of the common element type, nullable when an argument is. */
    protected static TypeStrategy sameArrayType() {
        return context ->
                Optional.of(
                        DataTypeUtils.toInternalDataType(
                                new ArrayType(
                                        ArrayTypes.anyNullable(context),
                                        ArrayTypes.elementType(context))));
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }
}
