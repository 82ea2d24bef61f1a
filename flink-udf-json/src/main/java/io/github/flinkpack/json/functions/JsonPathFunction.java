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

    private transient ReaderCache rowPaths;
    private transient String boundPath;
    private transient DocumentReader boundReader;
    private transient String boundKey;
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
        return extract(json, null, true, null);
    }

    public Object eval(StringData json, StringData path) {
        return extract(json, path, false, null);
    }

    public Object eval(StringData json, StringData path, Object fallback) {
        return extract(json, path, false, fallback);
    }

    private Object extract(StringData json, StringData path, boolean root, Object fallback) {
        if (json == null || !bind(path, root)) {
            return fallback;
        }
        byte[] document = json.toBytes();
        Object value = RecentResults.get(boundKey, document);
        if (value == RecentResults.MISS) {
            if (result == null) {
                result = new Object[1];
            }
            boundReader.read(document, result);
            value = result[0];
            RecentResults.put(boundKey, document, value);
        }
        return value == null ? fallback : value;
    }

    /**
     * Points the reader and the shared-parse key at this row's path: once for a literal, again only
     * when a column's path changes. False when there is no valid path.
     */
    private boolean bind(StringData path, boolean root) {
        if (literalPath != null) {
            if (boundPath == null && literalPath.get(0) != null) {
                bind(literalPath.get(0));
            }
            return boundReader != null;
        }
        if (!root && path == null) {
            return false;
        }
        String text = root ? ROOT : path.toString();
        if (!text.equals(boundPath)) {
            bind(text);
        }
        return boundReader != null;
    }

    private void bind(String text) {
        boundPath = text;
        boundReader = cache().get(Collections.singletonList(text));
        boundKey = getClass().getName() + '\u0000' + text;
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
