package io.github.flinkpack.redis.serialization;

import io.github.flinkpack.redis.config.DeleteBehavior;
import io.github.flinkpack.redis.config.NullKeyPolicy;
import io.github.flinkpack.redis.config.NullValuePolicy;
import io.github.flinkpack.redis.config.RedisCommand;
import io.github.flinkpack.redis.config.ValueFormat;
import io.github.flinkpack.redis.util.ByteBuilder;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.types.RowKind;

/**
 * Turns one changelog row into the Redis writes it stands for.
 *
 * <p>SET/HSET/EXPIRE are upserts by key: INSERT and UPDATE_AFTER write, DELETE and UPDATE_BEFORE
 * delete (or are ignored). INCR/HINCR are retract-aware: INSERT and UPDATE_AFTER add the value,
 * UPDATE_BEFORE and DELETE subtract it, so a counter fed an updating query ends equal to the
 * query's current aggregate.
 */
public final class RedisRowConverter implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What became of a row, for the writer's metrics. */
    public enum Outcome {
        WRITTEN,
        NULL_KEY_SKIPPED,
        NULL_VALUE_SKIPPED,
        DELETE_IGNORED
    }

    private final RedisRowMapping mapping;
    private final RowData.FieldGetter[] keyGetters;
    private final RowData.FieldGetter[] valueGetters;
    private final RowData.FieldGetter hashFieldGetter;
    private final RowData.FieldGetter ttlGetter;
    private final FieldRenderer[] valueRenderers;
    private final byte[][] valueNameBytes;
    private final byte[] keyPrefixBytes;
    private final byte[] keySeparatorBytes;
    private final StructureRows structures;
    private transient ByteBuilder keyText;

    public RedisRowConverter(RedisRowMapping mapping) {
        this.mapping = mapping;
        this.keyGetters = getters(mapping.keyTypes, mapping.keyPositions);
        this.valueGetters = getters(mapping.valueTypes, mapping.valuePositions);
        this.hashFieldGetter =
                mapping.hashFieldPosition < 0
                        ? null
                        : RowData.createFieldGetter(
                                mapping.hashFieldType, mapping.hashFieldPosition);
        this.ttlGetter =
                mapping.ttlColumnPosition < 0
                        ? null
                        : RowData.createFieldGetter(
                                mapping.ttlColumnType, mapping.ttlColumnPosition);
        this.keyPrefixBytes = mapping.keyPrefix.getBytes(StandardCharsets.UTF_8);
        this.keySeparatorBytes = mapping.keySeparator.getBytes(StandardCharsets.UTF_8);
        this.valueRenderers = new FieldRenderer[mapping.valueTypes.length];
        this.valueNameBytes = new byte[mapping.valueNames.length][];
        for (int i = 0; i < valueRenderers.length; i++) {
            valueRenderers[i] = new FieldRenderer(mapping.valueTypes[i]);
            valueNameBytes[i] = mapping.valueNames[i].getBytes(StandardCharsets.UTF_8);
        }
        this.structures = new StructureRows(mapping, this);
    }

    public RedisRowMapping mapping() {
        return mapping;
    }

    public Outcome convert(RowData row, MutationCollector out) {
        byte[] key = renderKey(row);
        if (key == null) {
            return Outcome.NULL_KEY_SKIPPED;
        }
        RowKind kind = row.getRowKind();
        boolean retraction = kind == RowKind.UPDATE_BEFORE || kind == RowKind.DELETE;
        switch (mapping.command) {
            case SET:
                return convertSet(row, key, retraction, out);
            case HSET:
                return mapping.hashFieldPosition >= 0
                        ? convertHashField(row, key, retraction, out)
                        : convertWholeHash(row, key, retraction, out);
            case INCR:
            case HINCR:
                return convertCounter(row, key, retraction, out);
            case EXPIRE:
                if (retraction) {
                    return Outcome.DELETE_IGNORED;
                }
                Expiry expiry = expiry(row);
                if (expiry == null) {
                    return nullValue(mapping.ttlColumnName, key, out);
                }
                out.expire(key, expiry);
                return Outcome.WRITTEN;
            default:
                return structures.convert(row, key, retraction, out);
        }
    }

    private Outcome convertSet(RowData row, byte[] key, boolean retraction, MutationCollector out) {
        if (retraction) {
            return delete(key, out);
        }
        byte[] value = renderValue(row);
        if (value == null) {
            return nullValue(mapping.valueNames[0], key, out);
        }
        out.set(key, value, expiry(row));
        return Outcome.WRITTEN;
    }

    private Outcome convertHashField(
            RowData row, byte[] key, boolean retraction, MutationCollector out) {
        byte[] field = renderHashField(row);
        if (field == null) {
            return Outcome.NULL_KEY_SKIPPED;
        }
        if (retraction) {
            if (mapping.deleteBehavior == DeleteBehavior.IGNORE) {
                return Outcome.DELETE_IGNORED;
            }
            out.hashDelete(key, field);
            return Outcome.WRITTEN;
        }
        byte[] value = renderValue(row);
        if (value == null) {
            if (mapping.nullValuePolicy == NullValuePolicy.DELETE) {
                out.hashDelete(key, field);
                return Outcome.WRITTEN;
            }
            return nullValue(mapping.valueNames[0], key, out);
        }
        out.hashSetField(key, field, value, expiry(row));
        return Outcome.WRITTEN;
    }

    private Outcome convertWholeHash(
            RowData row, byte[] key, boolean retraction, MutationCollector out) {
        if (retraction) {
            return delete(key, out);
        }
        List<byte[]> fieldsAndValues = new ArrayList<>(valueGetters.length * 2);
        List<byte[]> nullFields = new ArrayList<>(0);
        for (int i = 0; i < valueGetters.length; i++) {
            Object value = valueGetters[i].getFieldOrNull(row);
            if (value == null) {
                nullFields.add(valueNameBytes[i]);
            } else {
                fieldsAndValues.add(valueNameBytes[i]);
                fieldsAndValues.add(valueRenderers[i].toBytes(value));
            }
        }
        if (fieldsAndValues.isEmpty()) {
            // Every field NULL: the hash would be empty, which Redis represents as no key.
            out.delete(key);
            return Outcome.WRITTEN;
        }
        out.hashSet(key, fieldsAndValues, nullFields, expiry(row));
        return Outcome.WRITTEN;
    }

    private Outcome convertCounter(
            RowData row, byte[] key, boolean retraction, MutationCollector out) {
        byte[] field = null;
        if (mapping.command == RedisCommand.HINCR) {
            field = renderHashField(row);
            if (field == null) {
                return Outcome.NULL_KEY_SKIPPED;
            }
        }
        Expiry expiry = expiry(row);
        if (valueGetters.length == 0) {
            out.increment(key, field, retraction ? -1L : 1L, expiry);
            return Outcome.WRITTEN;
        }
        Object delta = valueGetters[0].getFieldOrNull(row);
        if (delta == null) {
            if (field != null && mapping.nullValuePolicy == NullValuePolicy.DELETE) {
                out.hashDelete(key, field);
                return Outcome.WRITTEN;
            }
            return nullValue(mapping.valueNames[0], key, out);
        }
        switch (mapping.valueTypes[0].getTypeRoot()) {
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                long amount = ((Number) delta).longValue();
                out.increment(key, field, retraction ? -amount : amount, expiry);
                return Outcome.WRITTEN;
            default:
                BigDecimal decimal = toDecimal(delta, key, mapping.valueNames[0]);
                out.incrementFloat(key, field, retraction ? decimal.negate() : decimal, expiry);
                return Outcome.WRITTEN;
        }
    }

    BigDecimal toDecimal(Object delta, byte[] key, String column) {
        if (delta instanceof DecimalData) {
            return ((DecimalData) delta).toBigDecimal();
        }
        double number = ((Number) delta).doubleValue();
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            throw new RedisRowException(
                    String.format(
                            "Table '%s': column '%s' is %s for key '%s'; Redis needs a"
                                    + " finite number. Filter such rows out in the query.",
                            mapping.tableName,
                            column,
                            number,
                            new String(key, StandardCharsets.UTF_8)));
        }
        return delta instanceof Float
                ? new BigDecimal(delta.toString())
                : BigDecimal.valueOf(number);
    }

    private Outcome delete(byte[] key, MutationCollector out) {
        if (mapping.deleteBehavior == DeleteBehavior.IGNORE) {
            return Outcome.DELETE_IGNORED;
        }
        out.delete(key);
        return Outcome.WRITTEN;
    }

    Outcome nullValue(String column, byte[] key, MutationCollector out) {
        switch (mapping.nullValuePolicy) {
            case SKIP:
                return Outcome.NULL_VALUE_SKIPPED;
            case DELETE:
                out.delete(key);
                return Outcome.WRITTEN;
            default:
                throw new RedisRowException(
                        String.format(
                                "Table '%s': column '%s' is NULL for key '%s'. Set"
                                        + " 'sink.null-value' = 'skip' or 'delete' to accept"
                                        + " such rows, or filter them out in the query.",
                                mapping.tableName,
                                column,
                                new String(key, StandardCharsets.UTF_8)));
        }
    }

    /** prefix + k1 + separator + k2 ...; null when a key column is NULL and skipped. */
    private byte[] renderKey(RowData row) {
        if (keyText == null) {
            keyText = new ByteBuilder();
        }
        keyText.reset().append(keyPrefixBytes);
        for (int i = 0; i < keyGetters.length; i++) {
            Object value = keyGetters[i].getFieldOrNull(row);
            if (value == null) {
                return nullKey(mapping.keyNames[i]);
            }
            if (i > 0) {
                keyText.append(keySeparatorBytes);
            }
            FieldRenderer.appendText(mapping.keyTypes[i], value, keyText);
        }
        return keyText.toArray();
    }

    private byte[] renderHashField(RowData row) {
        Object value = hashFieldGetter.getFieldOrNull(row);
        if (value == null) {
            return nullKey(mapping.hashFieldName);
        }
        if (keyText == null) {
            keyText = new ByteBuilder();
        }
        FieldRenderer.appendText(mapping.hashFieldType, value, keyText.reset());
        return keyText.toArray();
    }

    private byte[] nullKey(String column) {
        if (mapping.nullKeyPolicy == NullKeyPolicy.SKIP) {
            return null;
        }
        throw new RedisRowException(
                String.format(
                        "Table '%s': key column '%s' is NULL, so the row has no Redis key. Set"
                                + " 'sink.null-key' = 'skip' to drop such rows (they are counted"
                                + " in the numNullKeyRowsSkipped metric), or filter them out in"
                                + " the query.",
                        mapping.tableName, column));
    }

    byte[] renderValue(RowData row) {
        if (mapping.valueFormat == ValueFormat.JSON) {
            return JsonWriter.writeObject(row, mapping.valueNames, mapping.valueTypes, valueGetters)
                    .getBytes(StandardCharsets.UTF_8);
        }
        Object value = valueGetters[0].getFieldOrNull(row);
        return value == null ? null : valueRenderers[0].toBytes(value);
    }

    Expiry expiry(RowData row) {
        if (ttlGetter == null) {
            return mapping.fixedTtl;
        }
        Object value = ttlGetter.getFieldOrNull(row);
        if (value == null) {
            return null;
        }
        if (value instanceof TimestampData) {
            return Expiry.at(((TimestampData) value).getMillisecond());
        }
        long millis = ((Number) value).longValue();
        // A TTL that is already over expires the key at once, as Redis does for past times.
        return millis > 0 ? Expiry.after(millis) : Expiry.at(1);
    }

    private static RowData.FieldGetter[] getters(LogicalType[] types, int[] positions) {
        RowData.FieldGetter[] getters = new RowData.FieldGetter[positions.length];
        for (int i = 0; i < positions.length; i++) {
            getters[i] = RowData.createFieldGetter(types[i], positions[i]);
        }
        return getters;
    }
}
