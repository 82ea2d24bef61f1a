package io.github.flinkpack.arrays.inference;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.utils.DataTypeUtils;

/**
 * {@code (value, order_key [, n [, direction]])}: a value of any type and a key it is ordered by,
 * both bridged to Flink's internal data classes (aggregates keep them as they are in state); the
 * key must be of a type with a total order. The optional count is cast to INT, the optional
 * direction must be {@code 'ASC'} or {@code 'DESC'} (checked here when it is a literal).
 */
public final class OrderedArgumentsStrategy implements InputTypeStrategy {

    private static final Set<LogicalTypeRoot> ORDERABLE =
            EnumSet.of(
                    LogicalTypeRoot.BOOLEAN,
                    LogicalTypeRoot.TINYINT,
                    LogicalTypeRoot.SMALLINT,
                    LogicalTypeRoot.INTEGER,
                    LogicalTypeRoot.BIGINT,
                    LogicalTypeRoot.FLOAT,
                    LogicalTypeRoot.DOUBLE,
                    LogicalTypeRoot.DECIMAL,
                    LogicalTypeRoot.CHAR,
                    LogicalTypeRoot.VARCHAR,
                    LogicalTypeRoot.DATE,
                    LogicalTypeRoot.TIME_WITHOUT_TIME_ZONE,
                    LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE,
                    LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE);

    private final String keyName;
    private final boolean optionalCountAndDirection;

    private OrderedArgumentsStrategy(String keyName, boolean optionalCountAndDirection) {
        this.keyName = keyName;
        this.optionalCountAndDirection = optionalCountAndDirection;
    }

    /** {@code (value, time)}. */
    public static OrderedArgumentsStrategy byTime() {
        return new OrderedArgumentsStrategy("time", false);
    }

    /** {@code (value, order_key [, n [, direction]])}. */
    public static OrderedArgumentsStrategy ordered() {
        return new OrderedArgumentsStrategy("order_key", true);
    }

    /**
     * Whether a direction argument names descending order; anything else than ASC/DESC fails.
     * Called per row when the direction is not a literal: no allocation for the usual spellings.
     */
    public static boolean descending(String functionName, String direction) {
        if ("DESC".equalsIgnoreCase(direction)) {
            return true;
        }
        if ("ASC".equalsIgnoreCase(direction)) {
            return false;
        }
        String trimmed = direction == null ? null : direction.trim();
        if (trimmed != null && trimmed.length() < direction.length()) {
            return descending(functionName, trimmed);
        }
        throw new IllegalArgumentException(directionError(functionName, direction));
    }

    private static String directionError(String functionName, String direction) {
        return String.format(
                "%s: the direction must be 'ASC' or 'DESC', but got %s. Write e.g."
                        + " %s(value, order_key, 10, 'DESC').",
                functionName, direction == null ? "NULL" : "'" + direction + "'", functionName);
    }

    /** Argument {@code i} as the internal data type kept in state, without time attributes. */
    public static DataType stateType(CallContext context, int i) {
        return DataTypeUtils.toInternalDataType(
                DataTypeUtils.removeTimeAttribute(context.getArgumentDataTypes().get(i)));
    }

    @Override
    public ArgumentCount getArgumentCount() {
        return optionalCountAndDirection
                ? ConstantArgumentCount.between(2, 4)
                : ConstantArgumentCount.of(2);
    }

    @Override
    public Optional<List<DataType>> inferInputTypes(CallContext context, boolean throwOnFailure) {
        List<DataType> args = context.getArgumentDataTypes();
        LogicalType key = args.get(1).getLogicalType();
        if (!ORDERABLE.contains(key.getTypeRoot())) {
            return context.fail(
                    throwOnFailure,
                    "%s orders by its %s argument, which must be a number, string, boolean, date,"
                            + " time or timestamp, but got %s.",
                    context.getName(),
                    keyName,
                    key.asSummaryString());
        }
        List<DataType> inferred = new ArrayList<>();
        inferred.add(stateType(context, 0));
        inferred.add(stateType(context, 1));
        if (args.size() >= 3) {
            LogicalType count = args.get(2).getLogicalType();
            if (!count.is(LogicalTypeFamily.INTEGER_NUMERIC) && !count.is(LogicalTypeRoot.NULL)) {
                return context.fail(
                        throwOnFailure,
                        "%s(value, %s, n) needs an integer n, but got %s.",
                        context.getName(),
                        keyName,
                        count.asSummaryString());
            }
            inferred.add(DataTypes.INT());
        }
        if (args.size() == 4) {
            LogicalType direction = args.get(3).getLogicalType();
            if (!direction.is(LogicalTypeFamily.CHARACTER_STRING)) {
                return context.fail(
                        throwOnFailure,
                        "%s(value, %s, n, direction) needs 'ASC' or 'DESC' as direction, but got"
                                + " %s.",
                        context.getName(),
                        keyName,
                        direction.asSummaryString());
            }
            if (isLiteral(context, 3)) {
                String value = context.getArgumentValue(3, String.class).orElse(null);
                try {
                    descending(context.getName(), value);
                } catch (IllegalArgumentException e) {
                    return context.fail(throwOnFailure, "%s", e.getMessage());
                }
            }
            inferred.add(DataTypes.STRING());
        }
        return Optional.of(inferred);
    }

    /**
     * Whether argument {@code i} is a literal. Known while the query is validated; later, when the
     * planner binds the aggregate call to its input columns, it cannot tell and throws.
     */
    private static boolean isLiteral(CallContext context, int i) {
        try {
            return context.isArgumentLiteral(i);
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public List<Signature> getExpectedSignatures(FunctionDefinition definition) {
        List<Signature.Argument> arguments = new ArrayList<>();
        arguments.add(Signature.Argument.of("value", "T"));
        arguments.add(Signature.Argument.of(keyName, "K"));
        List<Signature> signatures = new ArrayList<>();
        signatures.add(Signature.of(new ArrayList<>(arguments)));
        if (optionalCountAndDirection) {
            arguments.add(Signature.Argument.of("n", "INT"));
            signatures.add(Signature.of(new ArrayList<>(arguments)));
            arguments.add(Signature.Argument.of("direction", "STRING"));
            signatures.add(Signature.of(new ArrayList<>(arguments)));
        }
        return signatures;
    }
}
