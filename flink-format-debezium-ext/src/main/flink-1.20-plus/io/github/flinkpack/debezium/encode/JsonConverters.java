package io.github.flinkpack.debezium.encode;

import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.json.JsonFormatOptions.MapNullKeyMode;
import org.apache.flink.formats.json.RowDataToJsonConverters;
import org.apache.flink.formats.json.RowDataToJsonConverters.RowDataToJsonConverter;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.table.types.logical.RowType;

/** flink-json's row-to-JSON converters as Flink 1.20 and 2.x build them. */
final class JsonConverters {

    private JsonConverters() {}

    static RowDataToJsonConverter create(
            RowType rowType,
            ObjectMapper mapper,
            TimestampFormat timestampFormat,
            MapNullKeyMode mapNullKeyMode,
            String mapNullKeyLiteral,
            boolean decimalAsPlainNumber) {
        return new RowDataToJsonConverters(
                        timestampFormat, mapNullKeyMode, mapNullKeyLiteral, decimalAsPlainNumber)
                .createConverter(rowType);
    }
}
