package io.github.flinkpack.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated documents for the fuzz test: valid JSON of every shape the functions care about
 * (duplicate keys, MongoDB wrappers, numbers at and beyond every range, escapes and non-ASCII
 * text), and hostile bytes derived from them (truncation, flipped and inserted bytes, invalid
 * UTF-8, deep nesting, random bytes).
 */
final class FuzzInputs {

    static final String[] KEYS = {
        "a",
        "b",
        "c",
        "d",
        "e",
        "two words",
        "é",
        "",
        "$oid",
        "$numberLong",
        "$date",
        "$numberDecimal",
        "$numberDouble",
        "$numberInt"
    };

    private static final String[] NUMBERS = {
        "0",
        "-0",
        "1",
        "-1",
        "42",
        "2147483647",
        "2147483648",
        "-2147483648",
        "-2147483649",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "123456789012345678901234567890",
        "1.5",
        "-2.25",
        "1.0",
        "1e2",
        "1E+2",
        "1e-2",
        "100e-2",
        "1.7976931348623157e308",
        "1e309",
        "-1e309",
        "4.9e-324",
        "1e-400",
        "1e400",
        "1e999999999",
        "1e-999999999",
        "0.000000000000000000001",
        "12345678901234567890.123456789012345678901",
        "99999999999999999999.9999999999999999995"
    };

    private static final String[] STRINGS = {
        "",
        "x",
        "true",
        "FALSE",
        "12",
        " 12 ",
        "-7",
        "1.25",
        "1e3",
        "0x10",
        "NaN",
        "Infinity",
        "abc\\\"q\\u0041",
        "line\\nbreak",
        "é ü 日本",
        "\\ud83d\\ude00",
        "2025-05-13T07:15:15Z",
        "2025-05-13T16:15:15.123456+09:00",
        "2025-05-13 07:15:15",
        "2025-05-13",
        "1747120590000",
        "-1",
        "99999-01-01T00:00:00Z",
        "2025-13-40T00:00:00Z",
        "{\\\"$numberLong\\\": \\\"17\\\"}",
        "{\\\"$numberLong\\\": 17, \\\"x\\\": 1}"
    };

    private final Random random;

    FuzzInputs(long seed) {
        this.random = new Random(seed);
    }

    /** One valid document as text, with random whitespace. */
    String validDocument() {
        StringBuilder out = new StringBuilder();
        value(out, random.nextInt(6) + 1);
        return out.toString();
    }

    /** A document made invalid (or merely odd) in one of several ways. */
    byte[] hostile(String valid) {
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        switch (random.nextInt(7)) {
            case 0:
                return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            case 1:
                byte[] flipped = bytes.clone();
                if (flipped.length > 0) {
                    flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
                }
                return flipped;
            case 2:
                return insert(bytes, randomBytes(1 + random.nextInt(4)));
            case 3:
                byte[][] invalidUtf8 = {
                    {(byte) 0xC3},
                    {(byte) 0xFF},
                    {(byte) 0xE2, (byte) 0x82},
                    {(byte) 0x80},
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    {(byte) 0xF4, (byte) 0x90, 0, 0}
                };
                return insertInString(bytes, invalidUtf8[random.nextInt(invalidUtf8.length)]);
            case 4:
                return deep(random.nextInt(1200) + 1, random.nextBoolean())
                        .getBytes(StandardCharsets.UTF_8);
            case 5:
                return randomBytes(random.nextInt(64));
            default:
                return duplicateKeys().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A random path, mostly along keys and indexes that the generator uses. */
    String path() {
        StringBuilder path = new StringBuilder("$");
        int steps = random.nextInt(5);
        for (int i = 0; i < steps; i++) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                String key = KEYS[random.nextInt(KEYS.length)];
                if (key.matches("[a-z]+")) {
                    path.append('.').append(key);
                } else {
                    path.append("['").append(key).append("']");
                }
            } else if (kind < 9) {
                path.append('[').append(random.nextInt(4)).append(']');
            } else {
                path.append('[').append(-1 - random.nextInt(3)).append(']');
            }
        }
        return path.toString();
    }

    String deep(int depth, boolean arrays) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            out.append(arrays ? "[" : "{\"a\":");
        }
        out.append("1");
        for (int i = 0; i < depth; i++) {
            out.append(arrays ? "]" : "}");
        }
        return out.toString();
    }

    private String duplicateKeys() {
        String key = KEYS[random.nextInt(5)];
        return "{\""
                + key
                + "\": "
                + validDocument()
                + ", \"b\": 1, \""
                + key
                + "\": "
                + validDocument()
                + "}";
    }

    private void value(StringBuilder out, int depth) {
        space(out);
        int kind = random.nextInt(depth <= 0 ? 5 : 9);
        switch (kind) {
            case 0:
                out.append(NUMBERS[random.nextInt(NUMBERS.length)]);
                break;
            case 1:
                out.append('"').append(STRINGS[random.nextInt(STRINGS.length)]).append('"');
                break;
            case 2:
                out.append(random.nextBoolean() ? "true" : "false");
                break;
            case 3:
                out.append("null");
                break;
            case 4:
                out.append(random.nextInt(2000) - 1000);
                break;
            case 5:
                wrapper(out);
                break;
            case 6:
                out.append('[');
                int elements = random.nextInt(5);
                for (int i = 0; i < elements; i++) {
                    out.append(i == 0 ? "" : ",");
                    value(out, depth - 1);
                }
                space(out);
                out.append(']');
                break;
            default:
                out.append('{');
                int members = random.nextInt(5);
                for (int i = 0; i < members; i++) {
                    out.append(i == 0 ? "" : ",");
                    space(out);
                    // Keys from a small set, so that paths hit and duplicates occur.
                    out.append('"').append(KEYS[random.nextInt(KEYS.length)]).append("\":");
                    value(out, depth - 1);
                }
                space(out);
                out.append('}');
        }
        space(out);
    }

    private void wrapper(StringBuilder out) {
        String[] names = {"$oid", "$numberLong", "$numberInt", "$numberDouble", "$numberDecimal"};
        switch (random.nextInt(4)) {
            case 0:
                out.append("{\"$date\": {\"$numberLong\": \"")
                        .append(random.nextLong() % 300_000_000_000_000L)
                        .append("\"}}");
                break;
            case 1:
                out.append("{\"$date\": \"").append(STRINGS[16 + random.nextInt(6)]).append("\"}");
                break;
            default:
                String name = names[random.nextInt(names.length)];
                String content =
                        random.nextBoolean()
                                ? NUMBERS[random.nextInt(NUMBERS.length)]
                                : new String[] {"NaN", "Infinity", "-Infinity", "5d50a1"}
                                        [random.nextInt(4)];
                out.append("{\"").append(name).append("\": \"").append(content).append("\"}");
        }
    }

    private void space(StringBuilder out) {
        if (random.nextInt(4) == 0) {
            out.append(new String[] {" ", "\n", "\t", "  \r\n"}[random.nextInt(4)]);
        }
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] insert(byte[] bytes, byte[] inserted) {
        int at = random.nextInt(bytes.length + 1);
        byte[] result = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at, result, at + inserted.length, bytes.length - at);
        return result;
    }

    private byte[] insertInString(byte[] bytes, byte[] inserted) {
        List<Integer> quotes = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '"') {
                quotes.add(i + 1);
            }
        }
        if (quotes.isEmpty()) {
            return insert(bytes, inserted);
        }
        int at = quotes.get(random.nextInt(quotes.size()));
        byte[] result = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at, result, at + inserted.length, bytes.length - at);
        return result;
    }
}
