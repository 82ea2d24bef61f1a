package io.github.flinkpack.arrays.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentCount;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.ConstantArgumentCount;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.utils.DataTypeUtils;

/**
 * A value of any type, bridged to Flink's internal data class (so aggregates keep it as is in their
 * state), optionally followed by an integer count (cast to INT).
 */
public final class ValueArgumentsStrategy implements InputTypeStrategy {

    private final boolean optionalCount;

    private ValueArgumentsStrategy(boolean optionalCount) {
        this.optionalCount = optionalCount;
    }

    public static ValueArgumentsStrategy value() {
        return new ValueArgumentsStrategy(false);
    }

    public static ValueArgumentsStrategy valueAndOptionalCount() {
        return new ValueArgumentsStrategy(true);
    }

    @Override
    public ArgumentCount getArgumentCount() {
        return optionalCount ? ConstantArgumentCount.between(1, 2) : ConstantArgumentCount.of(1);
    }

    @Override
    public Optional<List<DataType>> inferInputTypes(CallContext context, boolean throwOnFailure) {
        List<DataType> args = context.getArgumentDataTypes();
        List<DataType> inferred = new ArrayList<>();
        inferred.add(DataTypeUtils.toInternalDataType(args.get(0)));
        if (args.size() == 2) {
            LogicalType count = args.get(1).getLogicalType();
            if (!count.is(LogicalTypeFamily.INTEGER_NUMERIC)) {
                return context.fail(
                        throwOnFailure,
                        "%s(value, n) needs an integer n, but got %s.",
                        context.getName(),
                        count.asSummaryString());
            }
            inferred.add(DataTypes.INT());
        }
        return Optional.of(inferred);
    }

    @Override
    public List<Signature> getExpectedSignatures(FunctionDefinition definition) {
        List<Signature.Argument> arguments = new ArrayList<>();
        arguments.add(Signature.Argument.of("value", "T"));
        if (optionalCount) {
            arguments.add(Signature.Argument.of("n", "INT"));
        }
        return List.of(Signature.of(arguments));
    }
}
