package io.github.flinkpack.arrays.functions;

import io.github.flinkpack.arrays.data.ArrayBuilder;
import io.github.flinkpack.arrays.data.ElementOps;
import io.github.flinkpack.arrays.data.ElementSet;
import io.github.flinkpack.arrays.inference.ArrayTypes;
import java.lang.reflect.Constructor;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.ArrayData;
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

    /**
     * This function specialized to the given element operations, through its (ElementOps)
     * constructor.
     */
    protected ArrayScalarFunction specialized(ElementOps ops) {
        try {
            Constructor<? extends ArrayScalarFunction> constructor =
                    getClass().getDeclaredConstructor(ElementOps.class);
            constructor.setAccessible(true);
            return constructor.newInstance(ops);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    getClass().getName() + " needs a constructor taking ElementOps", e);
        }
    }

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

    /** Every element of {@code array} (NULL included), each counted. */
    protected ElementSet setOf(ArrayData array) {
        ElementSet set = new ElementSet(ops, array.size());
        for (int i = 0; i < array.size(); i++) {
            set.add(array, i);
        }
        return set;
    }

    /** The distinct elements of {@code a} that pass the test, in order of first occurrence. */
    protected ArrayData distinctWhere(ArrayData a, IntPredicate test) {
        ElementSet seen = new ElementSet(ops, a.size());
        ArrayBuilder result = builder();
        for (int i = 0; i < a.size(); i++) {
            if (test.test(i) && seen.add(a, i)) {
                result.add(a, i);
            }
        }
        return result.build();
    }

    /** Every element of {@code a} (duplicates kept) that passes the test, in order. */
    protected ArrayData where(ArrayData a, IntPredicate test) {
        ArrayBuilder result = builder();
        for (int i = 0; i < a.size(); i++) {
            if (test.test(i)) {
                result.add(a, i);
            }
        }
        return result.build();
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
