package io.github.flinkpack.debezium.format;

import io.github.flinkpack.debezium.decode.DebeziumExtDeserializationSchema;
import io.github.flinkpack.debezium.encode.EncodingSettings;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.formats.json.JsonFormatOptionsUtil;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.SerializationFormatFactory;

/**
 * {@code 'format' = 'debezium-json-ext'} (or {@code 'value.format'}): Debezium change events, a
 * superset of {@code debezium-json}.
 */
@PublicEvolving
public final class DebeziumExtFormatFactory
        implements DeserializationFormatFactory, SerializationFormatFactory {

    public static final String IDENTIFIER = "debezium-json-ext";

    private static final Set<String> ROW_OPS = Set.of("c", "r", "u", "d");

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(
                DebeziumExtOptions.OPS,
                DebeziumExtOptions.UNKNOWN_OP,
                DebeziumExtOptions.CHANGELOG_MODE,
                DebeziumExtOptions.ENVELOPE,
                DebeziumExtOptions.ON_ERROR,
                DebeziumExtOptions.ENCODE_UPDATE_BEFORE,
                DebeziumExtOptions.TIMESTAMP_FORMAT,
                DebeziumExtOptions.MAP_NULL_KEY_MODE,
                DebeziumExtOptions.MAP_NULL_KEY_LITERAL,
                DebeziumExtOptions.ENCODE_DECIMAL_AS_PLAIN_NUMBER);
    }

    @Override
    public DecodingFormat<DeserializationSchema<RowData>> createDecodingFormat(
            DynamicTableFactory.Context context, ReadableConfig options) {
        FactoryUtil.validateFactoryOptions(this, options);
        JsonFormatOptionsUtil.validateDecodingFormatOptions(options);
        String table = context.getObjectIdentifier().asSummaryString();
        Set<String> ops = ops(table, options);
        // Formats are not told the partition and offset of a record; the topic is in the table.
        String topic = context.getCatalogTable().getOptions().get("topic");
        DebeziumExtOptions.ChangelogMode mode = options.get(DebeziumExtOptions.CHANGELOG_MODE);
        DebeziumExtOptions.Envelope envelope = options.get(DebeziumExtOptions.ENVELOPE);
        if (envelope == DebeziumExtOptions.Envelope.FLATTENED
                && mode != DebeziumExtOptions.ChangelogMode.UPSERT) {
            throw new ValidationException(
                    String.format(
                            "Table %s: '%s.%s' = 'flattened' needs '%s.%s' = 'upsert' (flattened"
                                    + " records carry no old row) and a PRIMARY KEY.",
                            table,
                            IDENTIFIER,
                            DebeziumExtOptions.ENVELOPE.key(),
                            IDENTIFIER,
                            DebeziumExtOptions.CHANGELOG_MODE.key()));
        }
        return new DebeziumExtDecodingFormat(
                new DebeziumExtDeserializationSchema.Settings(
                        topic == null ? table : table + " (topic '" + topic + "')",
                        ops,
                        options.get(DebeziumExtOptions.UNKNOWN_OP),
                        mode,
                        envelope,
                        options.get(DebeziumExtOptions.ON_ERROR),
                        JsonFormatOptionsUtil.getTimestampFormat(options)));
    }

    private static Set<String> ops(String table, ReadableConfig options) {
        String listed = options.getOptional(DebeziumExtOptions.OPS).orElse(null);
        if (listed == null) {
            return null;
        }
        Set<String> ops = new LinkedHashSet<>();
        for (String op : listed.split("[,;]")) {
            String trimmed = op.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!ROW_OPS.contains(trimmed)) {
                throw new ValidationException(
                        String.format(
                                "Table %s: '%s.%s' = '%s' names op '%s'; the ops that become rows"
                                        + " are c (create), r (snapshot read), u (update) and d"
                                        + " (delete), e.g. 'c,r'.",
                                table, IDENTIFIER, DebeziumExtOptions.OPS.key(), listed, trimmed));
            }
            ops.add(trimmed);
        }
        if (ops.isEmpty()) {
            throw new ValidationException(
                    String.format(
                            "Table %s: '%s.%s' is empty; list the ops that become rows, e.g."
                                    + " 'c,r', or leave the option out for all.",
                            table, IDENTIFIER, DebeziumExtOptions.OPS.key()));
        }
        return ops;
    }

    @Override
    public EncodingFormat<SerializationSchema<RowData>> createEncodingFormat(
            DynamicTableFactory.Context context, ReadableConfig options) {
        FactoryUtil.validateFactoryOptions(this, options);
        JsonFormatOptionsUtil.validateEncodingFormatOptions(options);
        return new DebeziumExtEncodingFormat(
                new EncodingSettings(
                        JsonFormatOptionsUtil.getTimestampFormat(options),
                        JsonFormatOptionsUtil.getMapNullKeyMode(options),
                        options.get(DebeziumExtOptions.MAP_NULL_KEY_LITERAL),
                        options.get(DebeziumExtOptions.ENCODE_DECIMAL_AS_PLAIN_NUMBER),
                        options.get(DebeziumExtOptions.ENCODE_UPDATE_BEFORE)));
    }
}
