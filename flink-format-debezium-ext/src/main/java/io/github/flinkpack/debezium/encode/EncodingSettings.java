package io.github.flinkpack.debezium.encode;

import io.github.flinkpack.debezium.format.DebeziumExtOptions.UpdateBefore;
import java.io.Serializable;
import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.json.JsonFormatOptions.MapNullKeyMode;

/** How rows are written: the JSON options shared with {@code json}, and UPDATE_BEFORE handling. */
public final class EncodingSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    final TimestampFormat timestampFormat;
    final MapNullKeyMode mapNullKeyMode;
    final String mapNullKeyLiteral;
    final boolean decimalAsPlainNumber;
    final UpdateBefore updateBefore;

    public EncodingSettings(
            TimestampFormat timestampFormat,
            MapNullKeyMode mapNullKeyMode,
            String mapNullKeyLiteral,
            boolean decimalAsPlainNumber,
            UpdateBefore updateBefore) {
        this.timestampFormat = timestampFormat;
        this.mapNullKeyMode = mapNullKeyMode;
        this.mapNullKeyLiteral = mapNullKeyLiteral;
        this.decimalAsPlainNumber = decimalAsPlainNumber;
        this.updateBefore = updateBefore;
    }

    public UpdateBefore updateBefore() {
        return updateBefore;
    }
}
