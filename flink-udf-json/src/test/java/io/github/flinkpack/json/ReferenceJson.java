package io.github.flinkpack.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fuzz test's oracle: a whole-tree parse with Jackson databind (last duplicate key wins, as in
 * most parsers), a path walk over the tree, and the documented conversions written out plainly.
 */
final class ReferenceJson {

    static final JsonMapper MAPPER =
            JsonMapper.builder(
                            JsonFactory.builder()
                                    .streamReadConstraints(
                                            StreamReadConstraints.builder()
                                                    .maxNestingDepth(500)
                                                    .maxNumberLength(1000)
                                                    .build())
                                    .build())
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .build();

    private static final Pattern STEP =
            Pattern.compile("\\.([a-z]+)|\\['([^']*)'\\]|\\[(-?\\d+)\\]");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final Pattern EPOCH = Pattern.compile("-?\\d{1,19}");
    private static final Set<String> NUMBER_WRAPPERS =
            Set.of("$numberLong", "$numberInt", "$numberDouble", "$numberDecimal");
    private static final Set<String> TEXT_WRAPPERS =
            Set.of(
                    "$oid",
                    "$numberLong",
                    "$numberInt",
                    "$numberDouble",
                    "$numberDecimal",
                    "$symbol");
    private static final BigDecimal DECIMAL_LIMIT = new BigDecimal("1e20");

    private ReferenceJson() {}

    /** The document as a tree, or null when it is not one well-formed JSON value. */
    static JsonNode parse(byte[] utf8) {
        try {
            JsonNode root = MAPPER.readTree(utf8);
            // Empty or blank input reads as a missing node: not a document.
            return root == null || root.isMissingNode() ? null : root;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Whether the document is rejected only because a number in it cannot be held by BigDecimal (an
     * exponent beyond the int range): such a document is valid JSON syntax, which the functions
     * accept, but the reference cannot build its tree.
     */
    static boolean hasUnrepresentableNumber(byte[] utf8) {
        try {
            MAPPER.readTree(utf8);
            return false;
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof NumberFormatException
                        || String.valueOf(t.getMessage()).contains("numeric value")) {
                    return true;
                }
            }
            return false;
        }
    }

    static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        Matcher step = STEP.matcher(path);
        int end = 1;
        while (step.find(end) && step.start() == end) {
            end = step.end();
            String name = step.group(1) != null ? step.group(1) : step.group(2);
            if (name != null) {
                node = node.isObject() ? node.path(name) : MissingNode.getInstance();
            } else {
                int index = Integer.parseInt(step.group(3));
                int position = index >= 0 ? index : node.size() + index;
                node =
                        node.isArray() && position >= 0
                                ? node.path(position)
                                : MissingNode.getInstance();
            }
        }
        return node;
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** A single-field extended JSON wrapper's content, else null. */
    private static JsonNode wrapped(JsonNode node, Set<String> names) {
        if (node.isObject() && node.size() == 1) {
            String name = node.fieldNames().next();
            if (names.contains(name)) {
                return node.get(name);
            }
        }
        return null;
    }

    /** What JSON_STR shows: a text, or a node the actual text must parse to. */
    static Object text(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        JsonNode content = wrapped(node, TEXT_WRAPPERS);
        if (content != null && content.isValueNode() && !content.isNull()) {
            node = content;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return String.valueOf(node.booleanValue());
        }
        return node;
    }

    /** Typed targets also read extended JSON embedded in a string. */
    private static JsonNode scalarView(JsonNode node) {
        if (node.isTextual()
                && node.textValue().length() <= 256
                && node.textValue().startsWith("{\"$")) {
            JsonNode embedded = parse(node.textValue().getBytes(StandardCharsets.UTF_8));
            if (embedded != null && isWrapper(embedded)) {
                return embedded;
            }
        }
        return node;
    }

    private static boolean isWrapper(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            return false;
        }
        String name = node.fieldNames().next();
        JsonNode value = node.get(name);
        if (name.equals("$date")) {
            JsonNode millis = wrapped(value, Set.of("$numberLong"));
            return value.isValueNode() || (millis != null && millis.isValueNode());
        }
        return TEXT_WRAPPERS.contains(name) && value.isValueNode();
    }

    static BigDecimal number(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        node = scalarView(node);
        if (node.isObject()) {
            JsonNode content = wrapped(node, NUMBER_WRAPPERS);
            if (content == null || !content.isValueNode()) {
                return null;
            }
            node = content;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            String text = node.textValue().trim();
            return NUMBER.matcher(text).matches() && text.length() <= 1000
                    ? new BigDecimal(text)
                    : null;
        }
        return null;
    }

    static Long whole(JsonNode node, long min, long max) {
        BigDecimal value = number(node);
        if (value == null
                || value.compareTo(BigDecimal.valueOf(min)) < 0
                || value.compareTo(BigDecimal.valueOf(max)) > 0
                || (value.signum() != 0 && value.stripTrailingZeros().scale() > 0)) {
            return null;
        }
        return value.longValue();
    }

    static Double floating(JsonNode node) {
        if (!absent(node)) {
            JsonNode content = wrapped(scalarView(node), Set.of("$numberDouble"));
            if (content != null && content.isTextual()) {
                switch (content.textValue()) {
                    case "NaN":
                        return Double.NaN;
                    case "Infinity":
                        return Double.POSITIVE_INFINITY;
                    case "-Infinity":
                        return Double.NEGATIVE_INFINITY;
                    default:
                }
            }
        }
        BigDecimal value = number(node);
        if (value == null) {
            return null;
        }
        double result = value.doubleValue();
        return Double.isInfinite(result) ? null : result;
    }

    static BigDecimal decimal(JsonNode node) {
        BigDecimal value = number(node);
        if (value == null || value.abs().compareTo(DECIMAL_LIMIT) >= 0) {
            return null;
        }
        if (value.abs().compareTo(new BigDecimal("1e-19")) < 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal rounded = value.setScale(18, RoundingMode.HALF_UP);
        return rounded.precision() > 38 ? null : rounded;
    }

    static Boolean bool(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        node = scalarView(node);
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            String text = node.textValue().trim();
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.valueOf(text);
            }
        }
        return null;
    }

    static LocalDateTime timestamp(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        node = scalarView(node);
        if (node.isObject()) {
            JsonNode content = wrapped(node, Set.of("$date", "$numberLong"));
            if (content == null) {
                return null;
            }
            boolean date = node.has("$date");
            node = content;
            if (date && node.isObject()) {
                node = wrapped(node, Set.of("$numberLong"));
                if (node == null) {
                    return null;
                }
            }
            if (!node.isValueNode() || node.isNull()) {
                return null;
            }
        }
        LocalDateTime value = null;
        if (node.isIntegralNumber()) {
            value = millis(node.asText());
        } else if (node.isTextual()) {
            String text = node.textValue().trim();
            value = EPOCH.matcher(text).matches() ? millis(text) : iso(text);
        }
        if (value == null || value.getYear() < 0 || value.getYear() > 9999) {
            return null;
        }
        return value.withNano(value.getNano() / 1_000_000 * 1_000_000);
    }

    private static LocalDateTime millis(String text) {
        try {
            return LocalDateTime.ofInstant(
                    Instant.ofEpochMilli(Long.parseLong(text)), ZoneOffset.UTC);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static LocalDateTime iso(String text) {
        String t =
                text.length() > 10 && text.charAt(10) == ' '
                        ? text.substring(0, 10) + "T" + text.substring(11)
                        : text;
        try {
            return OffsetDateTime.parse(t).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeParseException e) {
            // not an instant
        }
        try {
            return LocalDateTime.parse(t);
        } catch (DateTimeParseException e) {
            // not a local date-time
        }
        try {
            return t.length() == 10 ? LocalDate.parse(t).atStartOfDay() : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** JSON_TYPE's expectation, from the tree's node kinds. */
    static String type(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            return "OBJECT";
        }
        if (node.isArray()) {
            return "ARRAY";
        }
        if (node.isTextual()) {
            return "STRING";
        }
        if (node.isIntegralNumber()) {
            return "INTEGER";
        }
        if (node.isNumber()) {
            return "DOUBLE";
        }
        return node.isBoolean() ? "BOOLEAN" : "NULL";
    }

    /** JSON_LENGTH's expectation: the tree keeps one entry per distinct key. */
    static Integer length(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        return node.isContainerNode() ? node.size() : 1;
    }

    static Integer arrayLength(JsonNode node) {
        return node != null && node.isArray() ? node.size() : null;
    }

    static List<String> keys(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    static Map<String, Object> map(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            map.put(member.getKey(), text(member.getValue()));
        }
        return map;
    }

    static List<Object> elements(JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        List<Object> elements = new ArrayList<>();
        node.forEach(element -> elements.add(text(element)));
        return elements;
    }
}
