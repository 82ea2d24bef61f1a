package io.github.flinkpack.json.functions;

import io.github.flinkpack.json.convert.Readers;
import io.github.flinkpack.json.read.DocumentReader;
import io.github.flinkpack.json.read.RecentResults;
import io.github.flinkpack.json.read.ValueReader;
import java.util.Collections;
import java.util.List;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.functions.SpecializedFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.InputTypeStrategies;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.utils.DataTypeUtils;

/**
 * A function of a JSON document and one path: {@code F(json, path[, default])}, or {@code F(json[,
 * path])} for functions without a default. A literal path is compiled once, when the query is
 * planned; a path from a column is compiled when it changes. Whenever the result would be NULL (no
 * document, malformed document, missing path, JSON null, a value that does not fit) the default is
 * returned instead, if there is one.
 */
public abstract class JsonPathFunction extends ScalarFunction implements SpecializedFunction {

    private static final long serialVersionUID = 1L;

    private static final String ROOT = "$";

    /** Set on the specialized instance when the path is a literal; null inside means NULL. */
    private List<String> literalPath;

    private transient DocumentReader literalReader;
    private transient ReaderCache rowPaths;
    private transient Object[] result;

    /** The SQL type of the result (and of the default). */
    protected abstract DataType resultType();

    /** Whether the signature is (json, path[, default]) rather than (json[, path]). */
    protected boolean hasDefault() {
        return true;
    }

    protected ValueReader reader() {
        return Readers.forType(resultType().getLogicalType());
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        DataType text = InternalTypes.text();
        InputTypeStrategy inputs =
                hasDefault()
                        ? InputTypeStrategies.or(
                                InputTypeStrategies.sequence(
                                        List.of("json", "path"),
                                        List.of(
                                                InputTypeStrategies.explicit(text),
                                                InputTypeStrategies.explicit(text))),
                                InputTypeStrategies.sequence(
                                        List.of("json", "path", "default"),
                                        List.of(
                                                InputTypeStrategies.explicit(text),
                                                InputTypeStrategies.explicit(text),
                                                InputTypeStrategies.explicit(
                                                        InternalTypes.internal(resultType())))))
                        : InputTypeStrategies.or(
                                InputTypeStrategies.sequence(
                                        List.of("json"),
                                        List.of(InputTypeStrategies.explicit(text))),
                                InputTypeStrategies.sequence(
                                        List.of("json", "path"),
                                        List.of(
                                                InputTypeStrategies.explicit(text),
                                                InputTypeStrategies.explicit(text))));
        return TypeInference.newBuilder()
                .inputTypeStrategy(inputs)
                .outputTypeStrategy(
                        TypeStrategies.explicit(
                                DataTypeUtils.toInternalDataType(resultType().nullable())))
                .build();
    }

    @Override
    public JsonPathFunction specialize(SpecializedContext context) {
        CallContext call = context.getCallContext();
        JsonPathFunction specialized = newInstance();
        if (call.getArgumentDataTypes().size() == 1) {
            specialized.literalPath = Collections.singletonList(ROOT);
        } else {
            specialized.literalPath = LiteralPaths.of(call, 1, 2).orElse(null);
        }
        return specialized;
    }

    private JsonPathFunction newInstance() {
        try {
            return getClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    getClass().getName() + " needs a public constructor", e);
        }
    }

    public Object eval(StringData json) {
        return extract(json, ROOT, null);
    }

    public Object eval(StringData json, StringData path) {
        return extract(json, path == null ? null : path.toString(), null);
    }

    public Object eval(StringData json, StringData path, Object fallback) {
        return extract(json, path == null ? null : path.toString(), fallback);
    }

    private Object extract(StringData json, String path, Object fallback) {
        if (json == null) {
            return fallback;
        }
        DocumentReader reader = readerFor(path);
        if (reader == null) {
            return fallback;
        }
        byte[] document = json.toBytes();
        String key = getClass().getName() + '\u0000' + path;
        Object value = RecentResults.get(key, document);
        if (value == RecentResults.MISS) {
            if (result == null) {
                result = new Object[1];
            }
            reader.read(document, result);
            value = result[0];
            RecentResults.put(key, document, value);
        }
        return value == null ? fallback : value;
    }

    private DocumentReader readerFor(String path) {
        if (literalPath != null) {
            if (literalReader == null && literalPath.get(0) != null) {
                literalReader = cache().get(literalPath);
            }
            return literalReader;
        }
        return path == null ? null : cache().get(Collections.singletonList(path));
    }

    private ReaderCache cache() {
        if (rowPaths == null) {
            ValueReader reader = reader();
            rowPaths = new ReaderCache(paths -> new DocumentReader(paths.get(0), reader));
        }
        return rowPaths;
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }
}
