package io.github.flinkpack.redis.lookup;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * Where the Redis key's columns (and the hash field) are in the key row the planner passes a
 * lookup, and which further join columns the read row must equal.
 */
public final class LookupKeys implements Serializable {

    private static final long serialVersionUID = 1L;

    private final RowData.FieldGetter[] keyGetters;
    private final RowData.FieldGetter fieldGetter;
    private final RowData.FieldGetter[] filterGetters;
    private final RowData.FieldGetter[] foundGetters;

    /**
     * @param keyIndexes for each key column, its index in the lookup key row
     * @param keyTypes the key columns' types
     * @param fieldIndex the hash field column's index in the lookup key row, or -1
     * @param fieldType its type
     * @param filterIndexes other join columns' indexes in the lookup key row
     * @param filterTypes their types
     * @param filterPositions their positions in the table's row
     */
    public LookupKeys(
            int[] keyIndexes,
            LogicalType[] keyTypes,
            int fieldIndex,
            LogicalType fieldType,
            int[] filterIndexes,
            LogicalType[] filterTypes,
            int[] filterPositions) {
        this.keyGetters = getters(keyIndexes, keyTypes);
        this.fieldGetter = fieldIndex < 0 ? null : RowData.createFieldGetter(fieldType, fieldIndex);
        this.filterGetters = getters(filterIndexes, filterTypes);
        this.foundGetters = getters(filterPositions, filterTypes);
    }

    /** Copies of the key column values, or null when one is NULL (which matches no row). */
    Object[] keyValues(RowData keyRow) {
        Object[] values = new Object[keyGetters.length];
        for (int i = 0; i < values.length; i++) {
            Object value = keyGetters[i].getFieldOrNull(keyRow);
            if (value == null) {
                return null;
            }
            values[i] = copy(value);
        }
        return values;
    }

    boolean hasField() {
        return fieldGetter != null;
    }

    Object fieldValue(RowData keyRow) {
        Object value = fieldGetter.getFieldOrNull(keyRow);
        return value == null ? null : copy(value);
    }

    /** Whether the row read back equals the key row in the join columns besides the key. */
    boolean matches(RowData keyRow, RowData found) {
        for (int i = 0; i < filterGetters.length; i++) {
            Object wanted = filterGetters[i].getFieldOrNull(keyRow);
            Object have = foundGetters[i].getFieldOrNull(found);
            if (wanted == null || have == null || !same(wanted, have)) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof byte[] && b instanceof byte[]) {
            return Arrays.equals((byte[]) a, (byte[]) b);
        }
        if (a instanceof StringData && b instanceof StringData) {
            return a.toString().equals(b.toString());
        }
        return Objects.equals(a, b);
    }

    private static Object copy(Object value) {
        // The key row may point into the input record's memory; the result outlives it in the
        // cache.
        if (value instanceof StringData) {
            return StringData.fromBytes(((StringData) value).toBytes());
        }
        if (value instanceof byte[]) {
            return ((byte[]) value).clone();
        }
        return value;
    }

    private static RowData.FieldGetter[] getters(int[] indexes, LogicalType[] types) {
        RowData.FieldGetter[] getters = new RowData.FieldGetter[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            getters[i] = RowData.createFieldGetter(types[i], indexes[i]);
        }
        return getters;
    }
}
