package io.github.flinkpack.finalrows;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * The primary key of a row as binary row data: the same bytes, and so the same hash and key group,
 * whether the key was just computed or restored from a checkpoint.
 */
final class KeyOfRow implements KeySelector<RowData, RowData>, ResultTypeQueryable<RowData> {

    private static final long serialVersionUID = 1L;

    private final RowData.FieldGetter[] fields;
    private final InternalTypeInfo<RowData> keyType;
    private transient RowDataSerializer serializer;

    KeyOfRow(RowType rowType, int[] keyIndexes) {
        fields = new RowData.FieldGetter[keyIndexes.length];
        LogicalType[] keyTypes = new LogicalType[keyIndexes.length];
        for (int i = 0; i < keyIndexes.length; i++) {
            keyTypes[i] = rowType.getTypeAt(keyIndexes[i]);
            fields[i] = RowData.createFieldGetter(keyTypes[i], keyIndexes[i]);
        }
        keyType = InternalTypeInfo.ofFields(keyTypes);
    }

    @Override
    public RowData getKey(RowData row) {
        if (serializer == null) {
            serializer = (RowDataSerializer) keyType.toRowSerializer();
        }
        GenericRowData key = new GenericRowData(fields.length);
        for (int i = 0; i < fields.length; i++) {
            key.setField(i, fields[i].getFieldOrNull(row));
        }
        return serializer.toBinaryRow(key).copy();
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return keyType;
    }
}
