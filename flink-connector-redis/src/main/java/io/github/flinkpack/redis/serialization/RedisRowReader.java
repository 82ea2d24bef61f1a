package io.github.flinkpack.redis.serialization;

import io.github.flinkpack.redis.client.KeyedCommand;
import io.github.flinkpack.redis.config.ValueFormat;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.flink.metrics.Counter;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.types.logical.LogicalType;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Reads rows back as the sink wrote them, by the same {@link RedisRowMapping}: the Redis key from
 * the key columns (and back), the command that fetches a key's value, and the row a reply stands
 * for. Three shapes: one value per key (SET, INCR: {@code GET}), one hash per key with a field per
 * value column (HSET: {@code HMGET}), and one hash field per row (HSET and HINCR with {@code
 * hash.field}: {@code HGET}, or {@code HGETALL} when scanning).
 */
public final class RedisRowReader implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN_CHARACTERS = 100;

    /** How a row is stored. */
    public enum Shape {
        VALUE,
        WHOLE_HASH,
        HASH_FIELD
    }

    private final RedisRowMapping mapping;
    private final Shape shape;
    private final int arity;
    private final FieldParser[] keyParsers;
    private final FieldParser[] valueParsers;
    private final FieldParser hashFieldParser;
    private final byte[][] valueNameBytes;
    private final byte[] prefixBytes;

    public RedisRowReader(RedisRowMapping mapping) {
        this.mapping = mapping;
        if (mapping.hashFieldPosition >= 0) {
            this.shape = Shape.HASH_FIELD;
        } else if (mapping.command.isHash()) {
            this.shape = Shape.WHOLE_HASH;
        } else {
            this.shape = Shape.VALUE;
        }
        this.arity =
                mapping.keyPositions.length
                        + mapping.valuePositions.length
                        + (mapping.hashFieldPosition >= 0 ? 1 : 0)
                        + (mapping.ttlColumnPosition >= 0 ? 1 : 0);
        this.keyParsers = parsers(mapping.keyTypes);
        this.valueParsers = parsers(mapping.valueTypes);
        this.hashFieldParser =
                mapping.hashFieldType == null ? null : new FieldParser(mapping.hashFieldType);
        this.valueNameBytes = new byte[mapping.valueNames.length][];
        for (int i = 0; i < valueNameBytes.length; i++) {
            valueNameBytes[i] = mapping.valueNames[i].getBytes(StandardCharsets.UTF_8);
        }
        this.prefixBytes = mapping.keyPrefix.getBytes(StandardCharsets.UTF_8);
    }

    public Shape shape() {
        return shape;
    }

    public RedisRowMapping mapping() {
        return mapping;
    }

    /** The Redis key of key column values (internal objects, in key column order). */
    public byte[] key(Object[] keyValues) {
        StringBuilder key = new StringBuilder(mapping.keyPrefix);
        for (int i = 0; i < keyValues.length; i++) {
            if (i > 0) {
                key.append(mapping.keySeparator);
            }
            key.append(FieldRenderer.toText(mapping.keyTypes[i], keyValues[i]));
        }
        return key.toString().getBytes(StandardCharsets.UTF_8);
    }

    public byte[] hashField(Object fieldValue) {
        return FieldRenderer.toText(mapping.hashFieldType, fieldValue)
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The read that fetches one row: {@code GET}, {@code HMGET} of the columns, or {@code HGET}.
     */
    public KeyedCommand lookupCommand(byte[] key, byte[] field) {
        switch (shape) {
            case HASH_FIELD:
                return new KeyedCommand(key, Protocol.Command.HGET, key, field);
            case WHOLE_HASH:
                return new KeyedCommand(key, Protocol.Command.HMGET, hmgetArgs(key));
            default:
                return new KeyedCommand(key, Protocol.Command.GET, key);
        }
    }

    /** The read that fetches every row of a scanned key ({@code HGETALL} for field rows). */
    public KeyedCommand scanCommand(byte[] key) {
        return shape == Shape.HASH_FIELD
                ? new KeyedCommand(key, Protocol.Command.HGETALL, key)
                : lookupCommand(key, null);
    }

    /** The SCAN pattern of the table's keys: the prefix, its glob characters escaped. */
    public byte[] scanPattern() {
        StringBuilder pattern = new StringBuilder();
        for (char c : mapping.keyPrefix.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.append('*').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The key column values a scanned key stands for.
     *
     * @throws RedisReadException when the key does not split into the key columns or a part does
     *     not read as its column's type
     */
    public Object[] parseKey(byte[] key) {
        String text = new String(key, StandardCharsets.UTF_8);
        if (!startsWith(key, prefixBytes)) {
            throw new RedisReadException("key '" + shown(text) + "' lacks the 'key.prefix'");
        }
        String rest = text.substring(mapping.keyPrefix.length());
        String[] parts =
                keyParsers.length == 1
                        ? new String[] {rest}
                        : rest.split(Pattern.quote(mapping.keySeparator), -1);
        if (parts.length != keyParsers.length) {
            throw new RedisReadException(
                    String.format(
                            "key '%s' has %d part(s) between '%s' separators, but the table has"
                                    + " %d key columns %s",
                            shown(text),
                            parts.length,
                            mapping.keySeparator,
                            keyParsers.length,
                            List.of(mapping.keyNames)));
        }
        Object[] values = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = parse(keyParsers[i], parts[i], text, mapping.keyNames[i]);
        }
        return values;
    }

    public Object parseHashField(byte[] field, byte[] key) {
        return parse(
                hashFieldParser,
                new String(field, StandardCharsets.UTF_8),
                new String(key, StandardCharsets.UTF_8),
                mapping.hashFieldName);
    }

    /**
     * The row a reply to {@link #lookupCommand} stands for, or null when the key (or field) does
     * not exist. A value that does not read as its column's type fails with {@link
     * RedisReadException} or, with {@code nullOnError}, leaves the column NULL and counts it in
     * {@code parseErrors}.
     */
    public GenericRowData toRow(
            Object[] keyValues,
            Object fieldValue,
            Object reply,
            byte[] key,
            boolean nullOnError,
            Counter parseErrors) {
        if (reply instanceof JedisDataException) {
            String error = ((JedisDataException) reply).getMessage();
            if (!nullOnError) {
                throw new RedisReadException(
                        "key '"
                                + shown(new String(key, StandardCharsets.UTF_8))
                                + "' cannot be read with "
                                + (shape == Shape.VALUE ? "GET" : "a hash read")
                                + " as 'command' = '"
                                + mapping.command
                                + "' writes it: "
                                + error);
            }
            parseErrors.inc();
            return row(keyValues, fieldValue);
        }
        if (shape == Shape.WHOLE_HASH) {
            return wholeHashRow(keyValues, (List<?>) reply, key, nullOnError, parseErrors);
        }
        if (reply == null) {
            return null;
        }
        GenericRowData row = row(keyValues, fieldValue);
        byte[] value = (byte[]) reply;
        if (mapping.valueFormat == ValueFormat.JSON) {
            Object[] columns = new Object[arity];
            try {
                JsonValues.readColumns(
                        FieldParser.parseJson(new String(value, StandardCharsets.UTF_8)),
                        mapping.valueNames,
                        mapping.valueTypes,
                        columns,
                        mapping.valuePositions);
            } catch (IllegalArgumentException e) {
                fail(key, "the JSON value", value, e, nullOnError, parseErrors);
                return row;
            }
            for (int position : mapping.valuePositions) {
                row.setField(position, columns[position]);
            }
            return row;
        }
        for (int i = 0; i < valueParsers.length; i++) {
            row.setField(
                    mapping.valuePositions[i], parseValue(i, value, key, nullOnError, parseErrors));
        }
        return row;
    }

    /**
     * The rows of a scanned key from the reply to {@link #scanCommand}: none when the key is gone,
     * one per field for field rows.
     *
     * @throws RedisReadException when the key holds another type or a value does not read
     */
    public void scannedRows(
            Object[] keyValues, Object reply, byte[] key, List<GenericRowData> out) {
        if (shape == Shape.HASH_FIELD && reply instanceof List) {
            hashFieldRows(keyValues, (List<?>) reply, key, false, null, out);
            return;
        }
        GenericRowData row = toRow(keyValues, null, reply, key, false, null);
        if (row != null) {
            out.add(row);
        }
    }

    private void hashFieldRows(
            Object[] keyValues,
            List<?> fieldsAndValues,
            byte[] key,
            boolean nullOnError,
            Counter parseErrors,
            List<GenericRowData> out) {
        for (int i = 0; i + 1 < fieldsAndValues.size(); i += 2) {
            Object field = parseHashField((byte[]) fieldsAndValues.get(i), key);
            out.add(
                    toRow(
                            keyValues,
                            field,
                            fieldsAndValues.get(i + 1),
                            key,
                            nullOnError,
                            parseErrors));
        }
    }

    private GenericRowData wholeHashRow(
            Object[] keyValues, List<?> values, byte[] key, boolean nullOnError, Counter errors) {
        boolean any = false;
        GenericRowData row = row(keyValues, null);
        for (int i = 0; i < valueParsers.length; i++) {
            byte[] value = (byte[]) values.get(i);
            if (value != null) {
                any = true;
                row.setField(
                        mapping.valuePositions[i], parseValue(i, value, key, nullOnError, errors));
            }
        }
        // The sink deletes a hash whose every column is NULL: no field means no row.
        return any ? row : null;
    }

    private Object parseValue(
            int column, byte[] value, byte[] key, boolean nullOnError, Counter parseErrors) {
        try {
            return valueParsers[column].fromValue(value);
        } catch (IllegalArgumentException e) {
            fail(
                    key,
                    "column '" + mapping.valueNames[column] + "'",
                    value,
                    e,
                    nullOnError,
                    parseErrors);
            return null;
        }
    }

    private void fail(
            byte[] key,
            String what,
            byte[] value,
            IllegalArgumentException e,
            boolean nullOnError,
            Counter parseErrors) {
        if (nullOnError) {
            parseErrors.inc();
            return;
        }
        throw new RedisReadException(
                String.format(
                        "key '%s', %s: '%s' is %s",
                        shown(new String(key, StandardCharsets.UTF_8)),
                        what,
                        shown(new String(value, StandardCharsets.UTF_8)),
                        e.getMessage()));
    }

    private Object parse(FieldParser parser, String text, String key, String column) {
        try {
            return parser.fromText(text);
        } catch (IllegalArgumentException e) {
            throw new RedisReadException(
                    String.format(
                            "key '%s', column '%s': '%s' is %s",
                            shown(key), column, shown(text), e.getMessage()));
        }
    }

    private GenericRowData row(Object[] keyValues, Object fieldValue) {
        GenericRowData row = new GenericRowData(arity);
        for (int i = 0; i < keyValues.length; i++) {
            row.setField(mapping.keyPositions[i], keyValues[i]);
        }
        if (mapping.hashFieldPosition >= 0) {
            row.setField(mapping.hashFieldPosition, fieldValue);
        }
        return row;
    }

    private byte[][] hmgetArgs(byte[] key) {
        byte[][] args = new byte[1 + valueNameBytes.length][];
        args[0] = key;
        System.arraycopy(valueNameBytes, 0, args, 1, valueNameBytes.length);
        return args;
    }

    static String shown(String text) {
        return text.length() > SHOWN_CHARACTERS
                ? text.substring(0, SHOWN_CHARACTERS) + "..."
                : text;
    }

    private static FieldParser[] parsers(LogicalType[] types) {
        FieldParser[] parsers = new FieldParser[types.length];
        for (int i = 0; i < types.length; i++) {
            parsers[i] = new FieldParser(types[i]);
        }
        return parsers;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length
                && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
