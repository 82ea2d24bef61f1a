package io.github.flinkpack.arrays.inference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentCount;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.ConstantArgumentCount;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.utils.LogicalTypeMerging;
import org.apache.flink.table.types.utils.DataTypeUtils;

/**
 * The first {@code arrayCount} arguments (or all, when variadic) must be arrays whose element types
 * have a common type; they are cast to arrays of it (so ARRAY&lt;INT&gt; meets ARRAY&lt;BIGINT&gt;
 * as BIGINT). Further arguments are checked by {@link #extraArguments}. Everything is bridged to
 * Flink's internal data classes.
 */
public final class ArrayArgumentsStrategy implements InputTypeStrategy {

    /** Checks and types the arguments after the arrays. */
    public interface ExtraArguments {
        Optional<List<DataType>> infer(CallContext context, List<DataType> extra, boolean fail);
    }

    private final int minArrays;
    private final int maxArrays;
    private final ExtraArguments extraArguments;
    private final List<String> extraSignature;

    private ArrayArgumentsStrategy(
            int minArrays, int maxArrays, ExtraArguments extra, List<String> extraSignature) {
        this.minArrays = minArrays;
        this.maxArrays = maxArrays;
        this.extraArguments = extra;
        this.extraSignature = extraSignature;
    }

    /** Exactly {@code count} arrays. */
    public static ArrayArgumentsStrategy arrays(int count) {
        return new ArrayArgumentsStrategy(count, count, null, List.of());
    }

    /** {@code min} or more arrays. */
    public static ArrayArgumentsStrategy variadicArrays(int min) {
        return new ArrayArgumentsStrategy(min, Integer.MAX_VALUE, null, List.of());
    }

    /** One array, then further arguments. */
    public static ArrayArgumentsStrategy arrayThen(ExtraArguments extra, String... signature) {
        return new ArrayArgumentsStrategy(1, 1, extra, List.of(signature));
    }

    @Override
    public ArgumentCount getArgumentCount() {
        int extra = extraSignature.size();
        return maxArrays == Integer.MAX_VALUE
                ? ConstantArgumentCount.from(minArrays)
                : ConstantArgumentCount.between(minArrays + extra, maxArrays + extra);
    }

    @Override
    public Optional<List<DataType>> inferInputTypes(CallContext context, boolean throwOnFailure) {
        List<DataType> args = context.getArgumentDataTypes();
        int arrays = Math.min(args.size(), maxArrays);
        List<LogicalType> elementTypes = new ArrayList<>();
        for (int i = 0; i < arrays; i++) {
            LogicalType type = args.get(i).getLogicalType();
            if (type.getTypeRoot() != LogicalTypeRoot.ARRAY) {
                return context.fail(
                        throwOnFailure,
                        "%s expects an ARRAY as argument %s, but got %s. Call it as %s.",
                        context.getName(),
                        i + 1,
                        type.asSummaryString(),
                        signature(context.getName()));
            }
            elementTypes.add(((ArrayType) type).getElementType());
        }
        Optional<LogicalType> common = LogicalTypeMerging.findCommonType(elementTypes);
        if (common.isEmpty()) {
            return context.fail(
                    throwOnFailure,
                    "%s(%s): the array element types have no common type. Compare arrays of"
                            + " comparable elements, or CAST one of them.",
                    context.getName(),
                    args.subList(0, arrays).stream()
                            .map(t -> t.getLogicalType().asSummaryString())
                            .collect(Collectors.joining(", ")));
        }
        List<DataType> inferred = new ArrayList<>();
        for (int i = 0; i < arrays; i++) {
            boolean nullable = args.get(i).getLogicalType().isNullable();
            inferred.add(DataTypeUtils.toInternalDataType(new ArrayType(nullable, common.get())));
        }
        if (extraArguments != null) {
            Optional<List<DataType>> extra =
                    extraArguments.infer(
                            context, args.subList(arrays, args.size()), throwOnFailure);
            if (extra.isEmpty()) {
                return Optional.empty();
            }
            inferred.addAll(extra.get());
        }
        return Optional.of(inferred);
    }

    private String signature(String name) {
        List<String> parts = new ArrayList<>(Collections.nCopies(minArrays, "ARRAY<T>"));
        if (maxArrays == Integer.MAX_VALUE) {
            parts.add("...");
        }
        parts.addAll(extraSignature);
        return name + "(" + String.join(", ", parts) + ")";
    }

    @Override
    public List<Signature> getExpectedSignatures(FunctionDefinition definition) {
        List<Signature.Argument> arguments = new ArrayList<>();
        for (int i = 0; i < minArrays; i++) {
            arguments.add(Signature.Argument.of("array" + (i + 1), "ARRAY<T>"));
        }
        if (maxArrays == Integer.MAX_VALUE) {
            arguments.add(Signature.Argument.of("more", "ARRAY<T>..."));
        }
        for (String extra : extraSignature) {
            arguments.add(Signature.Argument.of(extra.split(" ")[0], extra.split(" ")[1]));
        }
        return List.of(Signature.of(arguments));
    }
}
