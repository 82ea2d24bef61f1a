package io.github.flinkpack.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.github.flinkpack.json.functions.JsonPathFunction;
import io.github.flinkpack.json.functions.JsonStr;
import io.github.flinkpack.json.functions.JsonTimestamp;
import io.github.flinkpack.json.functions.JsonToMap;
import io.github.flinkpack.json.functions.JsonTuple;
import io.github.flinkpack.json.functions.JsonType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * Generated documents through every function: valid ones must agree with a whole-tree reference
 * parse ({@link ReferenceJson}), everything else must give NULL, and nothing may throw.
 */
class JsonFuzzTest {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private static final long SEED = Long.getLong("fuzz.seed", 20261122L);
    private static final int INPUTS = Integer.getInteger("fuzz.inputs", 100_000);

    private final JsonStr str = new JsonStr();
    private final JsonLong longs = new JsonLong();
    private final JsonInt ints = new JsonInt();
    private final JsonDouble doubles = new JsonDouble();
    private final JsonDecimal decimals = new JsonDecimal();
    private final JsonBool bools = new JsonBool();
    private final JsonTimestamp timestamps = new JsonTimestamp();
    private final JsonArrayLength lengths = new JsonArrayLength();
    private final JsonLength sizes = new JsonLength();
    private final JsonType types = new JsonType();
    private final JsonKeys keys = new JsonKeys();
    private final JsonToMap maps = new JsonToMap();
    private final JsonArrayStrings strings = new JsonArrayStrings();
    private final JsonConcat concat = new JsonConcat();
    private final IsValidJson valid = new IsValidJson();
    private final JsonTuple tuple = new JsonTuple();
    private final List<RowData> tupleRows = new ArrayList<>();
    private final FromJson fromJson =
            FromJson.forType(
                    DataTypes.ROW(
                                    DataTypes.FIELD("a", DataTypes.BIGINT()),
                                    DataTypes.FIELD("b", DataTypes.STRING()),
                                    DataTypes.FIELD("c", DataTypes.ARRAY(DataTypes.INT())),
                                    DataTypes.FIELD(
                                            "d",
                                            DataTypes.ROW(
                                                    DataTypes.FIELD("a", DataTypes.DOUBLE()),
                                                    DataTypes.FIELD("b", DataTypes.BOOLEAN()))),
                                    DataTypes.FIELD(
                                            "e",
                                            DataTypes.MAP(DataTypes.STRING(), DataTypes.STRING())))
                            .getLogicalType());

    private final List<String> failures = new ArrayList<>();
    private int checks;
    private int unrepresentable;
    private int nonNullResults;

    JsonFuzzTest() {
        tuple.setCollector(
                new Collector<>() {
                    @Override
                    public void collect(RowData row) {
                        tupleRows.add(row);
                    }

                    @Override
                    public void close() {}
                });
    }

    @Test
    void everyFunctionOnGeneratedInputNeverThrowsAndAgreesWithTheReference() {
        FuzzInputs inputs = new FuzzInputs(SEED);
        int validCount = 0;
        for (int i = 0; i < INPUTS && failures.size() < 20; i++) {
            String document = inputs.validDocument();
            byte[] bytes =
                    i % 3 == 2
                            ? inputs.hostile(document)
                            : document.getBytes(StandardCharsets.UTF_8);
            JsonNode reference = ReferenceJson.parse(bytes);
            validCount += reference == null ? 0 : 1;
            String[] paths = {inputs.path(), inputs.path(), inputs.path()};
            if (reference == null && ReferenceJson.hasUnrepresentableNumber(bytes)) {
                unrepresentable++;
                checkNothingThrows(bytes, paths);
            } else {
                check(bytes, reference, paths);
            }
        }
        System.out.printf(
                "JSON fuzz: seed %d, %d inputs (%d valid, %d with unrepresentable numbers),"
                        + " %d checks, %d non-null results%n",
                SEED, INPUTS, validCount, unrepresentable, checks, nonNullResults);
        assertThat(failures).as("seed %d: %d inputs, %d checks", SEED, INPUTS, checks).isEmpty();
        // Not vacuous: most documents parse, and the paths find values in them.
        assertThat(validCount).isGreaterThan(INPUTS * 6 / 10);
        assertThat(nonNullResults).isGreaterThan(INPUTS);
    }

    private void check(byte[] bytes, JsonNode root, String[] paths) {
        StringData json = StringData.fromBytes(bytes);
        same(bytes, "IS_VALID_JSON", root != null, () -> valid.eval(json));
        for (String path : paths) {
            StringData p = StringData.fromString(path);
            JsonNode node = root == null ? null : ReferenceJson.at(root, path);
            sameText(bytes, "JSON_STR " + path, ReferenceJson.text(node), () -> str.eval(json, p));
            same(
                    bytes,
                    "JSON_LONG " + path,
                    ReferenceJson.whole(node, Long.MIN_VALUE, Long.MAX_VALUE),
                    () -> longs.eval(json, p));
            same(
                    bytes,
                    "JSON_INT " + path,
                    intOrNull(ReferenceJson.whole(node, Integer.MIN_VALUE, Integer.MAX_VALUE)),
                    () -> ints.eval(json, p));
            same(
                    bytes,
                    "JSON_DOUBLE " + path,
                    ReferenceJson.floating(node),
                    () -> doubles.eval(json, p));
            same(
                    bytes,
                    "JSON_DECIMAL " + path,
                    ReferenceJson.decimal(node),
                    () -> decimal(decimals.eval(json, p)));
            same(bytes, "JSON_BOOL " + path, ReferenceJson.bool(node), () -> bools.eval(json, p));
            same(
                    bytes,
                    "JSON_TIMESTAMP " + path,
                    ReferenceJson.timestamp(node),
                    () -> timestamp(timestamps.eval(json, p)));
            same(
                    bytes,
                    "JSON_ARRAY_LENGTH " + path,
                    ReferenceJson.arrayLength(node),
                    () -> lengths.eval(json, p));
            same(
                    bytes,
                    "JSON_LENGTH " + path,
                    ReferenceJson.length(node),
                    () -> sizes.eval(json, p));
            same(
                    bytes,
                    "JSON_TYPE " + path,
                    ReferenceJson.type(node),
                    () -> {
                        Object type = types.eval(json, p);
                        return type == null ? null : type.toString();
                    });
            same(
                    bytes,
                    "JSON_KEYS " + path,
                    ReferenceJson.keys(node),
                    () -> texts((ArrayData) keys.eval(json, p)));
            sameTexts(
                    bytes,
                    "JSON_ARRAY_STRINGS " + path,
                    ReferenceJson.elements(node),
                    () -> texts((ArrayData) strings.eval(json, p)));
            sameMap(
                    bytes,
                    "JSON_TO_MAP " + path,
                    ReferenceJson.map(node),
                    () -> (MapData) maps.eval(json, p));
        }
        checkTuple(bytes, json, root, paths);
        checkFromJson(bytes, json, root);
        checkConcat(bytes, json, root);
    }

    /** Every function on the input, without an expected value: none may throw. */
    private void checkNothingThrows(byte[] bytes, String[] paths) {
        StringData json = StringData.fromBytes(bytes);
        guard(bytes, "IS_VALID_JSON", () -> valid.eval(json));
        guard(bytes, "FROM_JSON", () -> fromJson.eval(json, null));
        guard(bytes, "JSON_CONCAT", () -> concat.eval(json, json));
        StringData[] p = new StringData[paths.length];
        for (int i = 0; i < paths.length; i++) {
            p[i] = StringData.fromString(paths[i]);
        }
        guard(bytes, "JSON_TUPLE", () -> tuple.eval(json, p));
        for (StringData path : p) {
            for (JsonPathFunction function :
                    List.of(
                            str,
                            longs,
                            ints,
                            doubles,
                            decimals,
                            bools,
                            timestamps,
                            lengths,
                            sizes,
                            types,
                            keys,
                            maps,
                            strings)) {
                guard(bytes, function.getClass().getSimpleName(), () -> function.eval(json, path));
            }
        }
    }

    private void checkTuple(byte[] bytes, StringData json, JsonNode root, String[] paths) {
        tupleRows.clear();
        StringData[] p = new StringData[paths.length];
        for (int i = 0; i < paths.length; i++) {
            p[i] = StringData.fromString(paths[i]);
        }
        if (!guard(bytes, "JSON_TUPLE", () -> tuple.eval(json, p))) {
            return;
        }
        same(bytes, "JSON_TUPLE rows", 1, tupleRows::size);
        for (int i = 0; i < paths.length && tupleRows.size() == 1; i++) {
            RowData row = tupleRows.get(0);
            int column = i;
            JsonNode node = root == null ? null : ReferenceJson.at(root, paths[i]);
            sameText(
                    bytes,
                    "JSON_TUPLE " + paths[i],
                    ReferenceJson.text(node),
                    () -> row.isNullAt(column) ? null : row.getString(column));
        }
    }

    private void checkFromJson(byte[] bytes, StringData json, JsonNode root) {
        Map<String, Object> expected = null;
        if (root != null && root.isObject()) {
            expected = new LinkedHashMap<>();
            expected.put("a", ReferenceJson.whole(root.get("a"), Long.MIN_VALUE, Long.MAX_VALUE));
            expected.put("b", textOrNode(ReferenceJson.text(root.get("b"))));
            List<Object> c = null;
            JsonNode cNode = root.get("c");
            if (cNode != null && cNode.isArray()) {
                c = new ArrayList<>();
                for (JsonNode element : cNode) {
                    c.add(
                            intOrNull(
                                    ReferenceJson.whole(
                                            element, Integer.MIN_VALUE, Integer.MAX_VALUE)));
                }
            }
            expected.put("c", c);
            JsonNode d = root.get("d");
            expected.put(
                    "d",
                    d != null && d.isObject()
                            ? List.of(
                                    Objects.toString(ReferenceJson.floating(d.get("a"))),
                                    Objects.toString(ReferenceJson.bool(d.get("b"))))
                            : null);
            Map<String, Object> e = ReferenceJson.map(root.get("e"));
            if (e != null) {
                e.replaceAll((k, v) -> textOrNode(v));
            }
            expected.put("e", e);
        }
        Map<String, Object> finalExpected = expected;
        same(
                bytes,
                "FROM_JSON",
                finalExpected,
                () -> fromJsonResult((RowData) fromJson.eval(json, null)));
    }

    private static Map<String, Object> fromJsonResult(RowData row) {
        if (row == null) {
            return null;
        }
        GenericRowData r = (GenericRowData) row;
        Map<String, Object> actual = new LinkedHashMap<>();
        actual.put("a", r.getField(0));
        actual.put("b", r.isNullAt(1) ? null : textOrNode(r.getString(1).toString()));
        List<Object> c = null;
        if (!r.isNullAt(2)) {
            ArrayData array = r.getArray(2);
            c = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                c.add(array.isNullAt(i) ? null : array.getInt(i));
            }
        }
        actual.put("c", c);
        actual.put(
                "d",
                r.isNullAt(3)
                        ? null
                        : List.of(
                                Objects.toString(((GenericRowData) r.getRow(3, 2)).getField(0)),
                                Objects.toString(((GenericRowData) r.getRow(3, 2)).getField(1))));
        Map<String, Object> e = null;
        if (!r.isNullAt(4)) {
            MapData map = r.getMap(4);
            e = new LinkedHashMap<>();
            for (int i = 0; i < map.size(); i++) {
                e.put(
                        map.keyArray().getString(i).toString(),
                        map.valueArray().isNullAt(i)
                                ? null
                                : textOrNode(map.valueArray().getString(i).toString()));
            }
        }
        actual.put("e", e);
        return actual;
    }

    private void checkConcat(byte[] bytes, StringData json, JsonNode root) {
        String[] others = {"{\"b\": 9, \"z\": [1]}", "[0, {\"x\": null}]", "\"s\""};
        for (String other : others) {
            JsonNode expected = null;
            JsonNode otherNode = ReferenceJson.parse(other.getBytes(StandardCharsets.UTF_8));
            if (root != null) {
                if (root.isObject() && otherNode.isObject()) {
                    expected = ((ObjectNode) root.deepCopy()).setAll((ObjectNode) otherNode);
                } else {
                    ArrayNode array = ReferenceJson.MAPPER.createArrayNode();
                    for (JsonNode part : List.of(root, otherNode)) {
                        if (part.isArray()) {
                            array.addAll((ArrayNode) part);
                        } else {
                            array.add(part);
                        }
                    }
                    expected = array;
                }
            }
            StringData o = StringData.fromString(other);
            sameText(bytes, "JSON_CONCAT " + other, expected, () -> concat.eval(json, o));
        }
    }

    /**
     * A text result in a comparable form: numbers canonical (JSON_STR shows them as written), JSON
     * text as a tree, and strings as Flink stores them (UTF-8 has no unpaired surrogates).
     */
    private static Object textOrNode(Object text) {
        if (text instanceof JsonNode) {
            JsonNode node = (JsonNode) text;
            if (node.isNumber()) {
                return node.decimalValue().stripTrailingZeros().toString();
            }
            try {
                text = ReferenceJson.MAPPER.writeValueAsString(node);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (!(text instanceof String)) {
            return text;
        }
        String string = StringData.fromString((String) text).toString();
        if (NUMBER.matcher(string).matches() && string.length() <= 1000) {
            return new BigDecimal(string).stripTrailingZeros().toString();
        }
        JsonNode parsed = ReferenceJson.parse(string.getBytes(StandardCharsets.UTF_8));
        return parsed != null && parsed.isContainerNode() ? canonical(parsed) : string;
    }

    /** The tree with every number as a canonical decimal, so that 1, 1.0 and 1e0 are equal. */
    private static JsonNode canonical(JsonNode node) {
        if (node.isNumber()) {
            return DecimalNode.valueOf(node.decimalValue().stripTrailingZeros());
        }
        if (node.isArray()) {
            ArrayNode array = ReferenceJson.MAPPER.createArrayNode();
            node.forEach(element -> array.add(canonical(element)));
            return array;
        }
        if (node.isObject()) {
            ObjectNode object = ReferenceJson.MAPPER.createObjectNode();
            node.fields().forEachRemaining(f -> object.set(f.getKey(), canonical(f.getValue())));
            return object;
        }
        return node;
    }

    private static Integer intOrNull(Long value) {
        return value == null ? null : value.intValue();
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? null : ((DecimalData) value).toBigDecimal();
    }

    private static Object timestamp(Object value) {
        return value == null ? null : ((TimestampData) value).toLocalDateTime();
    }

    private static List<String> texts(ArrayData array) {
        if (array == null) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            texts.add(array.isNullAt(i) ? null : array.getString(i).toString());
        }
        return texts;
    }

    private boolean guard(byte[] bytes, String what, Runnable call) {
        try {
            call.run();
            return true;
        } catch (Throwable t) {
            fail(bytes, what, "threw " + t);
            return false;
        }
    }

    private <T> void same(byte[] bytes, String what, Object expected, Supplier<T> actual) {
        checks++;
        Object value;
        try {
            value = actual.get();
        } catch (Throwable t) {
            fail(bytes, what, "threw " + t);
            return;
        }
        if (value != null) {
            nonNullResults++;
        }
        boolean equal =
                expected instanceof BigDecimal && value instanceof BigDecimal
                        ? ((BigDecimal) expected).compareTo((BigDecimal) value) == 0
                        : Objects.equals(expected, value);
        if (!equal) {
            fail(bytes, what, "expected " + expected + " but was " + value);
        }
    }

    /** Text results: strings equal, numbers numerically equal, JSON text equal as trees. */
    private void sameText(byte[] bytes, String what, Object expected, Supplier<Object> actual) {
        same(
                bytes,
                what,
                textOrNode(expected),
                () -> {
                    Object value = actual.get();
                    return value == null ? null : textOrNode(value.toString());
                });
    }

    private void sameTexts(
            byte[] bytes, String what, List<Object> expected, Supplier<List<String>> actual) {
        same(bytes, what, normalized(expected), () -> normalized(actual.get()));
    }

    private static List<Object> normalized(List<?> texts) {
        if (texts == null) {
            return null;
        }
        List<Object> result = new ArrayList<>();
        for (Object text : texts) {
            result.add(textOrNode(text));
        }
        return result;
    }

    private void sameMap(
            byte[] bytes, String what, Map<String, Object> expected, Supplier<MapData> actual) {
        List<Object> expectedValues = expected == null ? null : new ArrayList<>(expected.values());
        same(
                bytes,
                what + " keys",
                expected == null ? null : new ArrayList<>(expected.keySet()),
                () -> {
                    MapData map = actual.get();
                    return map == null ? null : texts(map.keyArray());
                });
        sameTexts(
                bytes,
                what + " values",
                expectedValues,
                () -> {
                    MapData map = actual.get();
                    return map == null ? null : texts(map.valueArray());
                });
    }

    private void fail(byte[] bytes, String what, String problem) {
        failures.add(
                printable(
                        String.format(
                                "%s: %s%n  input (base64): %s%n  input (text): %s",
                                what,
                                problem,
                                Base64.getEncoder().encodeToString(bytes),
                                new String(bytes, StandardCharsets.UTF_8))));
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints()
                .forEach(
                        c -> {
                            if (c == '\n' || (c >= 0x20 && c < 0x7f)) {
                                out.appendCodePoint(c);
                            } else {
                                out.append(String.format("\\u%04x", c));
                            }
                        });
        return out.toString();
    }
}
