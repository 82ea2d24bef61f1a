package io.github.flinkpack.json.module;

import io.github.flinkpack.json.functions.FromJson;
import io.github.flinkpack.json.functions.IsValidJson;
import io.github.flinkpack.json.functions.JsonArrayLength;
import io.github.flinkpack.json.functions.JsonArrayStrings;
import io.github.flinkpack.json.functions.JsonBool;
import io.github.flinkpack.json.functions.JsonConcat;
import io.github.flinkpack.json.functions.JsonDecimal;
import io.github.flinkpack.json.functions.JsonDouble;
import io.github.flinkpack.json.functions.JsonInt;
import io.github.flinkpack.json.functions.JsonKeys;
import io.github.flinkpack.json.functions.JsonLength;
import io.github.flinkpack.json.functions.JsonLong;
import io.github.flinkpack.json.functions.JsonStr;
import io.github.flinkpack.json.functions.JsonTimestamp;
import io.github.flinkpack.json.functions.JsonToMap;
import io.github.flinkpack.json.functions.JsonTuple;
import io.github.flinkpack.json.functions.JsonType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.module.Module;

/**
 * Every JSON function of the pack, by SQL name: {@code LOAD MODULE flinkpack_json}. None of the
 * names is a Flink built-in, so the module's place in {@code USE MODULES} does not matter.
 */
@PublicEvolving
public final class JsonFunctionsModule implements Module {

    private static final Map<String, Supplier<FunctionDefinition>> FUNCTIONS = functions();

    private static Map<String, Supplier<FunctionDefinition>> functions() {
        Map<String, Supplier<FunctionDefinition>> functions = new LinkedHashMap<>();
        functions.put("JSON_STR", JsonStr::new);
        functions.put("JSON_LONG", JsonLong::new);
        functions.put("JSON_INT", JsonInt::new);
        functions.put("JSON_DOUBLE", JsonDouble::new);
        functions.put("JSON_DECIMAL", JsonDecimal::new);
        functions.put("JSON_BOOL", JsonBool::new);
        functions.put("JSON_TIMESTAMP", JsonTimestamp::new);
        functions.put("JSON_ARRAY_LENGTH", JsonArrayLength::new);
        functions.put("JSON_LENGTH", JsonLength::new);
        functions.put("JSON_TYPE", JsonType::new);
        functions.put("JSON_KEYS", JsonKeys::new);
        functions.put("JSON_TO_MAP", JsonToMap::new);
        functions.put("JSON_ARRAY_STRINGS", JsonArrayStrings::new);
        functions.put("JSON_CONCAT", JsonConcat::new);
        functions.put("IS_VALID_JSON", IsValidJson::new);
        functions.put("JSON_TUPLE", JsonTuple::new);
        functions.put("FROM_JSON", FromJson::new);
        return Collections.unmodifiableMap(functions);
    }

    @Override
    public Set<String> listFunctions() {
        return FUNCTIONS.keySet();
    }

    @Override
    public Optional<FunctionDefinition> getFunctionDefinition(String name) {
        return Optional.ofNullable(FUNCTIONS.get(name.toUpperCase(Locale.ROOT))).map(Supplier::get);
    }
}
