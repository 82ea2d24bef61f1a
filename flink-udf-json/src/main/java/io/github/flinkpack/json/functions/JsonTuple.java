package io.github.flinkpack.json.functions;

import io.github.flinkpack.json.convert.TextReader;
import io.github.flinkpack.json.path.JsonPath;
import io.github.flinkpack.json.read.DocumentReader;
import io.github.flinkpack.json.read.ValueReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.functions.SpecializedFunction;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentTypeStrategy;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.InputTypeStrategies;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.utils.DataTypeUtils;

/**
 * {@code LATERAL TABLE(JSON_TUPLE(json, 'path1', 'path2', ...))}: the values at all paths from one
 * parse, as one row of STRING columns {@code c0, c1, ...} (each as {@code JSON_STR} gives it).
 * Always exactly one row per input, so a join with it never drops an input row: a NULL or malformed
 * document gives a row of NULLs.
 */
@PublicEvolving
public final class JsonTuple extends TableFunction<RowData> implements SpecializedFunction {

    private static final long serialVersionUID = 1L;

    /** Set on the specialized instance when every path is a literal. */
    private List<String> literalPaths;

    private transient ReaderCache readers;
    private transient DocumentReader literalReader;
    private transient Object[] results;

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        DataType text = InternalTypes.text();
        return TypeInference.newBuilder()
                .inputTypeStrategy(
                        InputTypeStrategies.varyingSequence(
                                new String[] {"json", "path"},
                                new ArgumentTypeStrategy[] {
                                    InputTypeStrategies.explicit(text),
                                    InputTypeStrategies.explicit(text)
                                }))
                .outputTypeStrategy(
                        call -> Optional.of(rowOf(call.getArgumentDataTypes().size() - 1)))
                .build();
    }

    private static DataType rowOf(int columns) {
        DataTypes.Field[] fields = new DataTypes.Field[columns];
        for (int i = 0; i < columns; i++) {
            fields[i] = DataTypes.FIELD("c" + i, DataTypes.STRING());
        }
        return DataTypeUtils.toInternalDataType(DataTypes.ROW(fields));
    }

    @Override
    public JsonTuple specialize(SpecializedContext context) {
        JsonTuple specialized = new JsonTuple();
        CallContext call = context.getCallContext();
        specialized.literalPaths =
                LiteralPaths.of(call, 1, call.getArgumentDataTypes().size()).orElse(null);
        return specialized;
    }

    public void eval(StringData json, StringData... paths) {
        GenericRowData row = new GenericRowData(paths.length);
        DocumentReader reader = readerFor(paths);
        if (json != null && reader != null) {
            if (results == null || results.length != paths.length) {
                results = new Object[paths.length];
            }
            reader.read(json.toBytes(), results);
            for (int i = 0; i < paths.length; i++) {
                row.setField(i, results[i]);
            }
        }
        collect(row);
    }

    private DocumentReader readerFor(StringData[] paths) {
        if (readers == null) {
            readers = new ReaderCache(JsonTuple::textReaders);
        }
        if (literalPaths != null) {
            if (literalReader == null) {
                literalReader = readers.get(literalPaths);
            }
            return literalReader;
        }
        List<String> texts = new ArrayList<>(paths.length);
        for (StringData path : paths) {
            texts.add(path == null ? null : path.toString());
        }
        return readers.get(texts);
    }

    private static DocumentReader textReaders(List<JsonPath> paths) {
        ValueReader[] readers = new ValueReader[paths.size()];
        Arrays.fill(readers, TextReader.INSTANCE);
        return new DocumentReader(Collections.unmodifiableList(paths), readers);
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }
}
