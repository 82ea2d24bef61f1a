package io.github.flinkpack.debezium.encode;

import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.json.JsonFormatOptions.MapNullKeyMode;
import org.apache.flink.formats.json.RowDataToJsonConverters;
import org.apache.flink.formats.json.RowDataToJsonConverters.RowDataToJsonConverter;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonGenerator;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.table.types.logical.RowType;

/** flink-json's row-to-JSON converters as Flink 1.19 build them. */
final class JsonConverters {

    private JsonConverters() {}

    static RowDataToJsonConverter create(
            RowType rowType,
            ObjectMapper mapper,
            TimestampFormat timestampFormat,
            MapNullKeyMode mapNullKeyMode,
            String mapNullKeyLiteral,
            boolean decimalAsPlainNumber) {
        // 1.19 has no decimal switch on the converters: the mapper writes BigDecimals plain.
        mapper.configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, decimalAsPlainNumber);
        return new RowDataToJsonConverters(timestampFormat, mapNullKeyMode, mapNullKeyLiteral)
                .createConverter(rowType);
    }
}
