package io.github.flinkpack.arrays.functions;

import java.util.List;
import java.util.Optional;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.binary.BinaryArrayData;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentCount;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.ConstantArgumentCount;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.utils.DataTypeUtils;

/**
 * {@code ARRAY_SEQUENCE(start, stop[, step])}: the integers from {@code start} to {@code stop},
 * both included, by {@code step} (default 1, or -1 when {@code stop < start}), as
 * ARRAY&lt;BIGINT&gt;. NULL, never an error, for a NULL argument, a step of 0, a step pointing away
 * from {@code stop}, or more than {@value #MAX_ELEMENTS} elements.
 */
public final class ArraySequence extends ScalarFunction {

    private static final long serialVersionUID = 1L;

    static final int MAX_ELEMENTS = 1_000_000;

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return TypeInference.newBuilder()
                .inputTypeStrategy(new IntegerArguments())
                .outputTypeStrategy(
                        context ->
                                Optional.of(
                                        DataTypeUtils.toInternalDataType(
                                                DataTypes.ARRAY(DataTypes.BIGINT().notNull())
                                                        .nullable())))
                .build();
    }

    public ArrayData eval(Long start, Long stop) {
        if (start == null || stop == null) {
            return null;
        }
        return eval(start, stop, stop >= start ? 1L : -1L);
    }

    public ArrayData eval(Long start, Long stop, Long step) {
        if (start == null || stop == null || step == null || step == 0) {
            return null;
        }
        if ((stop > start && step < 0) || (stop < start && step > 0)) {
            return null;
        }
        long count = Math.abs((stop - start) / step) + 1;
        if (count > MAX_ELEMENTS) {
            return null;
        }
        long[] values = new long[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = start + i * step;
        }
        return BinaryArrayData.fromPrimitiveArray(values);
    }

    /** Two or three integer arguments, cast to BIGINT. */
    private static final class IntegerArguments implements InputTypeStrategy {
        @Override
        public ArgumentCount getArgumentCount() {
            return ConstantArgumentCount.between(2, 3);
        }

        @Override
        public Optional<List<DataType>> inferInputTypes(CallContext context, boolean fail) {
            List<DataType> args = context.getArgumentDataTypes();
            for (int i = 0; i < args.size(); i++) {
                if (!args.get(i).getLogicalType().is(LogicalTypeFamily.INTEGER_NUMERIC)) {
                    return context.fail(
                            fail,
                            "ARRAY_SEQUENCE(start, stop[, step]) takes integers, but argument %s"
                                    + " is %s.",
                            i + 1,
                            args.get(i).getLogicalType().asSummaryString());
                }
            }
            return Optional.of(
                    args.stream()
                            .map(a -> DataTypes.BIGINT().nullable())
                            .collect(java.util.stream.Collectors.toList()));
        }

        @Override
        public List<Signature> getExpectedSignatures(FunctionDefinition definition) {
            return List.of(
                    Signature.of(
                            Signature.Argument.of("start", "BIGINT"),
                            Signature.Argument.of("stop", "BIGINT"),
                            Signature.Argument.of("step", "BIGINT")));
        }
    }
}
