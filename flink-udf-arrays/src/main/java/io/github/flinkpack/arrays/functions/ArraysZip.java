package io.github.flinkpack.arrays.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.functions.SpecializedFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentCount;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.ConstantArgumentCount;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.utils.DataTypeUtils;

/**
 * {@code ARRAYS_ZIP(a, b, ...)}: an array of rows; row i holds element i of each array, in fields
 * {@code f0, f1, ...}. As long as the longest array; a shorter array contributes NULL. NULL if an
 * argument is NULL. The arrays may have different element types.
 */
public final class ArraysZip extends ScalarFunction implements SpecializedFunction {

    private static final long serialVersionUID = 1L;

    private final ArrayData.ElementGetter[] getters;

    public ArraysZip() {
        this(null);
    }

    private ArraysZip(ArrayData.ElementGetter[] getters) {
        this.getters = getters;
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return TypeInference.newBuilder()
                .inputTypeStrategy(new AnyArrays())
                .outputTypeStrategy(
                        context ->
                                Optional.of(
                                        DataTypeUtils.toInternalDataType(
                                                new ArrayType(true, rowType(context)))))
                .build();
    }

    private static RowType rowType(CallContext context) {
        List<RowType.RowField> fields = new ArrayList<>();
        List<DataType> args = context.getArgumentDataTypes();
        for (int i = 0; i < args.size(); i++) {
            LogicalType element = ((ArrayType) args.get(i).getLogicalType()).getElementType();
            fields.add(new RowType.RowField("f" + i, element.copy(true)));
        }
        return new RowType(false, fields);
    }

    @Override
    public ArraysZip specialize(SpecializedContext context) {
        RowType row = rowType(context.getCallContext());
        ArrayData.ElementGetter[] getters = new ArrayData.ElementGetter[row.getFieldCount()];
        for (int f = 0; f < getters.length; f++) {
            getters[f] = ArrayData.createElementGetter(row.getTypeAt(f));
        }
        return new ArraysZip(getters);
    }

    public ArrayData eval(ArrayData... arrays) {
        int length = 0;
        for (ArrayData array : arrays) {
            if (array == null) {
                return null;
            }
            length = Math.max(length, array.size());
        }
        Object[] rows = new Object[length];
        for (int i = 0; i < length; i++) {
            GenericRowData row = new GenericRowData(arrays.length);
            for (int f = 0; f < arrays.length; f++) {
                row.setField(
                        f, i < arrays[f].size() ? getters[f].getElementOrNull(arrays[f], i) : null);
            }
            rows[i] = row;
        }
        return new GenericArrayData(rows);
    }

    /** One or more arrays of any element types. */
    private static final class AnyArrays implements InputTypeStrategy {
        @Override
        public ArgumentCount getArgumentCount() {
            return ConstantArgumentCount.from(1);
        }

        @Override
        public Optional<List<DataType>> inferInputTypes(CallContext context, boolean fail) {
            List<DataType> args = context.getArgumentDataTypes();
            List<DataType> internal = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).getLogicalType().getTypeRoot() != LogicalTypeRoot.ARRAY) {
                    return context.fail(
                            fail,
                            "ARRAYS_ZIP expects arrays, but argument %s is %s.",
                            i + 1,
                            args.get(i).getLogicalType().asSummaryString());
                }
                internal.add(DataTypeUtils.toInternalDataType(args.get(i)));
            }
            return Optional.of(internal);
        }

        @Override
        public List<Signature> getExpectedSignatures(FunctionDefinition definition) {
            return List.of(
                    Signature.of(
                            Signature.Argument.of("array1", "ARRAY<T1>"),
                            Signature.Argument.of("more", "ARRAY<T2>...")));
        }
    }
}
