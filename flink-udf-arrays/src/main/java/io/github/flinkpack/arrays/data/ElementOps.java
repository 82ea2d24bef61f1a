package io.github.flinkpack.arrays.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.writer.BinaryArrayWriter;
import org.apache.flink.table.data.writer.BinaryWriter;
import org.apache.flink.table.runtime.typeutils.InternalSerializers;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.MultisetType;
import org.apache.flink.table.types.logical.RowType;

/**
 * SQL equality, hashing and copying for the non-null elements of arrays of one element type, read
 * straight from Flink's internal {@link ArrayData}: primitives are never boxed. Equality is SQL
 * equality: {@code 0.0 = -0.0}, DECIMAL by value, BYTES by content, nested ARRAY, ROW and MAP
 * structurally. NaN equals NaN, so that it can be a distinct element.
 */
public abstract class ElementOps implements Serializable {

    private static final long serialVersionUID = 1L;

    protected final LogicalType type;

    ElementOps(LogicalType type) {
        this.type = type;
    }

    public LogicalType type() {
        return type;
    }

    /** Hash of element {@code i} of {@code a}, which is not null. */
    public abstract int hash(ArrayData a, int i);

    /** Whether non-null elements {@code a[i]} and {@code b[j]} are equal in SQL. */
    public abstract boolean equal(ArrayData a, int i, ArrayData b, int j);

    /** The same on internal objects (used for values nested in rows and maps). */
    abstract int hashObject(Object value);

    abstract boolean equalObjects(Object x, Object y);

    /** Writes non-null element {@code i} of {@code source} at {@code pos}. */
    abstract void copy(ArrayData source, int i, BinaryArrayWriter writer, int pos);

    public static ElementOps of(LogicalType type) {
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return new BooleanOps(type);
            case TINYINT:
                return new ByteOps(type);
            case SMALLINT:
                return new ShortOps(type);
            case INTEGER:
            case DATE:
            case TIME_WITHOUT_TIME_ZONE:
            case INTERVAL_YEAR_MONTH:
                return new IntOps(type);
            case BIGINT:
            case INTERVAL_DAY_TIME:
                return new LongOps(type);
            case FLOAT:
                return new FloatOps(type);
            case DOUBLE:
                return new DoubleOps(type);
            case DECIMAL:
                return new DecimalOps(type);
            case BINARY:
            case VARBINARY:
                return new BytesOps(type);
            case ARRAY:
                return new ArrayOps(type, of(((ArrayType) type).getElementType()));
            case ROW:
                return new RowOps((RowType) type);
            case MAP:
                MapType map = (MapType) type;
                return new MapOps(type, of(map.getKeyType()), of(map.getValueType()));
            case MULTISET:
                return new MapOps(
                        type,
                        of(((MultisetType) type).getElementType()),
                        of(new org.apache.flink.table.types.logical.IntType(false)));
            default:
                // CHAR/VARCHAR (BinaryStringData), TIMESTAMP(_LTZ) (TimestampData) and the rest
                // implement equals and hashCode by value.
                return new ObjectOps(type);
        }
    }

    /** Elements read as objects through an element getter, compared with their own equals. */
    static class ObjectOps extends ElementOps {
        private static final long serialVersionUID = 1L;
        private final ArrayData.ElementGetter getter;
        private transient TypeSerializer<Object> serializer;

        ObjectOps(LogicalType type) {
            super(type);
            this.getter = ArrayData.createElementGetter(type);
        }

        @Override
        @SuppressWarnings("unchecked")
        void copy(ArrayData source, int i, BinaryArrayWriter writer, int pos) {
            if (serializer == null) {
                serializer = (TypeSerializer<Object>) InternalSerializers.create(type);
            }
            BinaryWriter.write(writer, pos, getter.getElementOrNull(source, i), type, serializer);
        }

        @Override
        public int hash(ArrayData a, int i) {
            return hashObject(getter.getElementOrNull(a, i));
        }

        @Override
        public boolean equal(ArrayData a, int i, ArrayData b, int j) {
            return equalObjects(getter.getElementOrNull(a, i), getter.getElementOrNull(b, j));
        }

        @Override
        int hashObject(Object value) {
            return value.hashCode();
        }

        @Override
        boolean equalObjects(Object x, Object y) {
            return x.equals(y);
        }
    }

    private static final class BooleanOps extends ElementOps {
        private static final long serialVersionUID = 1L;

        BooleanOps(LogicalType type) {
            super(type);
        }

        @Override
        public int hash(ArrayData a, int i) {
            return a.getBoolean(i) ? 1231 : 1237;
        }

        @Override
        public boolean equal(ArrayData a, int i, ArrayData b, int j) {
            return a.getBoolean(i) == b.getBoolean(j);
        }

        @Override
        int hashObject(Object value) {
            return (Boolean) value ? 1231 : 1237;
        }

        @Override
        boolean equalObjects(Object x, Object y) {
            return x.equals(y);
        }

        @Override
        void copy(ArrayData source, int i, BinaryArrayWriter writer, int pos) {
            writer.writeBoolean(pos, source.getBoolean(i));
        }
    }

    private static final class ByteOps extends ElementOps {
        private static final long serialVersionUID = 1L;

        ByteOps(LogicalType type) {
            super(type);
        }

        @Override
        public int hash(ArrayData a, int i) {
            return a.getByte(i);
        }

        @Override
        public boolean equal(ArrayData a, int i, ArrayData b, int j) {
            return a.getByte(i) == b.getByte(j);
        }

        @Override
        int hashObject(Object value) {
            return (Byte) value;
        }

        @Override
        boolean equalObjects(Object x, Object y) {
            return x.equals(y);
        }

        @Override
        void copy(ArrayData source, int i, BinaryArrayWriter writer, int pos) {
            writer.writeByte(pos, source.getByte(i));
        }
    }

    private static final class ShortOps extends ElementOps {
        private static final long serialVersionUID = 1L;

        ShortOps(LogicalType type) {
            super(type);
        }

        @Override
        public int hash(ArrayData a, int i) {
            return a.getShort(i);
        }

        @Override
        public boolean equal(ArrayData a, int i, ArrayData b, int j) {
            return a.getShort(i) == b.getShort(j);
        }

        @Override
        int hashObject(Object value) {
            return (Short) value;
        }

        @Override
        boolean equalObjects(Object x, Object y) {
            return x.equals(y);
        }

        @Override
        void copy(ArrayData source, int i, BinaryArrayWriter writer, int pos) {
            writer.writeShort(pos, source.getShort(i));
        }
    }

    private static final class IntOps extends ElementOps {
        private static final long serialVersionUID = 1L;

        IntOps(LogicalType type) {
            super(type);
        }

        @Override
        public int hash(ArrayData a, int i) {
            return mix(a.getInt(i));
        }

        @Override
        public boolean equal(ArrayData a, int i, ArrayData b, int j) {
            return a.getInt(i) == b.getInt(j);
        }

        @Override
        int hashObject(Object value) {
            return mix((Integer) value);
        }

        @Override
        boolean equalObjects(Object x, Object y) {
            return x.equals(y);
        }

        @Override
        void copy(ArrayData source, int i, BinaryArrayWriter writer, int pos) {
            writer.writeInt(pos, source.getInt(i));
        }
    }

    private static final class LongOps extends ElementOps {
        private static final long serialVersionUID = 1L;

        LongOps(LogicalType type) {
            super(type);
        }

        @Override
        public int hash(ArrayData a, int i) {
            return mix(Long.hashCode(a.getLong(i)));
        }

        @Override
        public boolean equal(ArrayData a, int i, ArrayData b, int j) {
            return a.getLong(i) == b.getLong(j);
        }

        @Override
        int hashObject(Object value) {
            return mix(Long.hashCode((Long) value));
        }

        @Override
        boolean equalObjects(Object x, Object y) {
            return x.equals(y);
        }

        @Override
        void copy(ArrayData source, int i, BinaryArrayWriter writer, int pos) {
            writer.writeLong(pos, source.getLong(i));
        }
    }

    private static final class FloatOps extends ElementOps {
        private static final long serialVersionUID = 1L;

        FloatOps(LogicalType type) {
            super(type);
        }

        private static int bits(float v) {
            return v == 0.0f ? 0 : Float.floatToIntBits(v); // -0.0 = 0.0, one NaN
        }

        @Override
        public int hash(ArrayData a, int i) {
            return mix(bits(a.getFloat(i)));
        }

        @Override
        public boolean equal(ArrayData a, int i, ArrayData b, int j) {
            return bits(a.getFloat(i)) == bits(b.getFloat(j));
        }

        @Override
        int hashObject(Object value) {
            return mix(bits((Float) value));
        }

        @Override
        boolean equalObjects(Object x, Object y) {
            return bits((Float) x) == bits((Float) y);
        }

        @Override
        void copy(ArrayData source, int i, BinaryArrayWriter writer, int pos) {
            writer.writeFloat(pos, source.getFloat(i));
        }
    }

    private static final class DoubleOps extends ElementOps {
        private static final long serialVersionUID = 1L;

        DoubleOps(LogicalType type) {
            super(type);
        }

        private static long bits(double v) {
            return v == 0.0 ? 0L : Double.doubleToLongBits(v); // -0.0 = 0.0, one NaN
        }

        @Override
        public int hash(ArrayData a, int i) {
            return mix(Long.hashCode(bits(a.getDouble(i))));
        }

        @Override
        public boolean equal(ArrayData a, int i, ArrayData b, int j) {
            return bits(a.getDouble(i)) == bits(b.getDouble(j));
        }

        @Override
        int hashObject(Object value) {
            return mix(Long.hashCode(bits((Double) value)));
        }

        @Override
        boolean equalObjects(Object x, Object y) {
            return bits((Double) x) == bits((Double) y);
        }

        @Override
        void copy(ArrayData source, int i, BinaryArrayWriter writer, int pos) {
            writer.writeDouble(pos, source.getDouble(i));
        }
    }

    private static final class DecimalOps extends ObjectOps {
        private static final long serialVersionUID = 1L;

        DecimalOps(LogicalType type) {
            super(type);
        }

        @Override
        int hashObject(Object value) {
            return ((DecimalData) value).toBigDecimal().stripTrailingZeros().hashCode();
        }

        @Override
        boolean equalObjects(Object x, Object y) {
            return ((DecimalData) x).compareTo((DecimalData) y) == 0;
        }
    }

    private static final class BytesOps extends ObjectOps {
        private static final long serialVersionUID = 1L;

        BytesOps(LogicalType type) {
            super(type);
        }

        @Override
        public int hash(ArrayData a, int i) {
            return Arrays.hashCode(a.getBinary(i));
        }

        @Override
        public boolean equal(ArrayData a, int i, ArrayData b, int j) {
            return Arrays.equals(a.getBinary(i), b.getBinary(j));
        }

        @Override
        int hashObject(Object value) {
            return Arrays.hashCode((byte[]) value);
        }

        @Override
        boolean equalObjects(Object x, Object y) {
            return Arrays.equals((byte[]) x, (byte[]) y);
        }
    }

    /** Arrays nested in arrays: equal when of equal size with equal elements in order. */
    private static final class ArrayOps extends ObjectOps {
        private static final long serialVersionUID = 1L;
        private final ElementOps element;

        ArrayOps(LogicalType type, ElementOps element) {
            super(type);
            this.element = element;
        }

        @Override
        int hashObject(Object value) {
            ArrayData array = (ArrayData) value;
            int hash = array.size();
            for (int i = 0; i < array.size(); i++) {
                hash = 31 * hash + (array.isNullAt(i) ? 0 : element.hash(array, i));
            }
            return hash;
        }

        @Override
        boolean equalObjects(Object x, Object y) {
            ArrayData a = (ArrayData) x;
            ArrayData b = (ArrayData) y;
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                boolean aNull = a.isNullAt(i);
                if (aNull != b.isNullAt(i) || (!aNull && !element.equal(a, i, b, i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Rows nested in arrays: equal field by field. */
    private static final class RowOps extends ObjectOps {
        private static final long serialVersionUID = 1L;
        private final ElementOps[] fields;
        private final RowData.FieldGetter[] getters;

        RowOps(RowType type) {
            super(type);
            List<LogicalType> fieldTypes = type.getChildren();
            this.fields = new ElementOps[fieldTypes.size()];
            this.getters = new RowData.FieldGetter[fieldTypes.size()];
            for (int f = 0; f < fields.length; f++) {
                fields[f] = of(fieldTypes.get(f));
                getters[f] = RowData.createFieldGetter(fieldTypes.get(f), f);
            }
        }

        @Override
        int hashObject(Object value) {
            RowData row = (RowData) value;
            int hash = 17;
            for (int f = 0; f < fields.length; f++) {
                Object field = getters[f].getFieldOrNull(row);
                hash = 31 * hash + (field == null ? 0 : fields[f].hashObject(field));
            }
            return hash;
        }

        @Override
        boolean equalObjects(Object x, Object y) {
            for (int f = 0; f < fields.length; f++) {
                Object a = getters[f].getFieldOrNull((RowData) x);
                Object b = getters[f].getFieldOrNull((RowData) y);
                if (a == null || b == null ? a != b : !fields[f].equalObjects(a, b)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Maps (and multisets) nested in arrays: equal as sets of entries, in any order. */
    private static final class MapOps extends ObjectOps {
        private static final long serialVersionUID = 1L;
        private final ElementOps keys;
        private final ElementOps values;

        MapOps(LogicalType type, ElementOps keys, ElementOps values) {
            super(type);
            this.keys = keys;
            this.values = values;
        }

        @Override
        int hashObject(Object value) {
            MapData map = (MapData) value;
            ArrayData k = map.keyArray();
            ArrayData v = map.valueArray();
            int hash = 0;
            for (int i = 0; i < map.size(); i++) {
                int keyHash = k.isNullAt(i) ? 0 : keys.hash(k, i);
                int valueHash = v.isNullAt(i) ? 0 : values.hash(v, i);
                hash += keyHash ^ valueHash;
            }
            return hash;
        }

        @Override
        boolean equalObjects(Object x, Object y) {
            MapData a = (MapData) x;
            MapData b = (MapData) y;
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (findEqualEntry(a, i, b) < 0) {
                    return false;
                }
            }
            return true;
        }

        private int findEqualEntry(MapData a, int i, MapData b) {
            for (int j = 0; j < b.size(); j++) {
                if (sameSlot(keys, a.keyArray(), i, b.keyArray(), j)
                        && sameSlot(values, a.valueArray(), i, b.valueArray(), j)) {
                    return j;
                }
            }
            return -1;
        }

        private static boolean sameSlot(ElementOps ops, ArrayData a, int i, ArrayData b, int j) {
            boolean aNull = a.isNullAt(i);
            return aNull == b.isNullAt(j) && (aNull || ops.equal(a, i, b, j));
        }
    }

    /** Spreads the bits of small integers over the hash table. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
