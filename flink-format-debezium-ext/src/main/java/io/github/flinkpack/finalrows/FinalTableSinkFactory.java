package io.github.flinkpack.finalrows;

import io.github.flinkpack.finalrows.FinalSinkOptions.Output;
import io.github.flinkpack.finalrows.FinalSinkOptions.Trigger;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;
import org.apache.flink.types.RowKind;

/**
 * {@code 'connector' = 'final'}: wraps the sink described by the {@code inner.*} options and gives
 * it only the final row per primary key.
 */
@PublicEvolving
public final class FinalTableSinkFactory implements DynamicTableSinkFactory {

    public static final String IDENTIFIER = "final";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Collections.emptySet();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(
                FinalSinkOptions.EMIT,
                FinalSinkOptions.TIME_COLUMN,
                FinalSinkOptions.GRACE,
                FinalSinkOptions.IDLE_TIMEOUT,
                FinalSinkOptions.OUTPUT,
                FinalSinkOptions.LATE,
                FinalSinkOptions.STATE_TTL);
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        helper.validateExcept(FinalSinkOptions.INNER_PREFIX);
        ReadableConfig options = helper.getOptions();
        String table = context.getObjectIdentifier().asSummaryString();
        ResolvedSchema schema = context.getCatalogTable().getResolvedSchema();
        RowType rowType = (RowType) context.getPhysicalRowDataType().getLogicalType();
        int[] keys = context.getPrimaryKeyIndexes();
        if (keys.length == 0) {
            throw new ValidationException(
                    String.format(
                            "Table %s ('connector' = 'final') needs a PRIMARY KEY: the key is the"
                                    + " unit of a final row. Add e.g. PRIMARY KEY (program_name)"
                                    + " NOT ENFORCED.",
                            table));
        }
        Set<Trigger> triggers = triggers(table, options.get(FinalSinkOptions.EMIT));
        int timeField = -1;
        int timePrecision = 0;
        if (triggers.contains(Trigger.WATERMARK)) {
            String column =
                    options.getOptional(FinalSinkOptions.TIME_COLUMN)
                            .orElseThrow(
                                    () ->
                                            new ValidationException(
                                                    String.format(
                                                            "Table %s: 'final.emit' includes"
                                                                    + " 'watermark', which needs"
                                                                    + " 'final.time-column' (e.g."
                                                                    + " the window end).",
                                                            table)));
            timeField = rowType.getFieldNames().indexOf(column);
            LogicalType type = timeField < 0 ? null : rowType.getTypeAt(timeField);
            if (type == null
                    || !(type.is(LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE)
                            || type.is(LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE))) {
                throw new ValidationException(
                        String.format(
                                "Table %s: 'final.time-column' = '%s' must name a TIMESTAMP or"
                                        + " TIMESTAMP_LTZ column of the table; columns: %s.",
                                table, column, rowType.getFieldNames()));
            }
            timePrecision = LogicalTypeChecks.getPrecision(type);
        }
        Duration idle = options.getOptional(FinalSinkOptions.IDLE_TIMEOUT).orElse(null);
        if (triggers.contains(Trigger.IDLE) && (idle == null || idle.isZero())) {
            throw new ValidationException(
                    String.format(
                            "Table %s: 'final.emit' includes 'idle', which needs"
                                    + " 'final.idle-timeout', e.g. '30 s'.",
                            table));
        }
        Output output = options.get(FinalSinkOptions.OUTPUT);

        Map<String, String> innerOptions = new HashMap<>();
        context.getCatalogTable()
                .getOptions()
                .forEach(
                        (key, value) -> {
                            if (key.startsWith(FinalSinkOptions.INNER_PREFIX)) {
                                innerOptions.put(
                                        key.substring(FinalSinkOptions.INNER_PREFIX.length()),
                                        value);
                            }
                        });
        String connector = innerOptions.get(FactoryUtil.CONNECTOR.key());
        if (connector == null) {
            throw new ValidationException(
                    String.format(
                            "Table %s ('connector' = 'final') needs 'inner.connector': the sink to"
                                    + " wrap, with its options prefixed by 'inner.', e.g."
                                    + " 'inner.connector' = 'kafka', 'inner.topic' = '...'.",
                            table));
        }
        DynamicTableSink inner;
        try {
            inner = innerSink(context, schema, innerOptions, output);
        } catch (ValidationException e) {
            throw new ValidationException(
                    String.format(
                            "Table %s: the inner sink ('inner.connector' = '%s') cannot be built"
                                    + " from the 'inner.*' options.%s",
                            table,
                            connector,
                            output == Output.UPSERT
                                    ? " With 'final.output' = 'upsert' it gets the PRIMARY KEY and"
                                            + " updates: use 'final.output' = 'append', or an"
                                            + " inner sink that takes updates (e.g. upsert-kafka)."
                                    : ""),
                    e);
        }
        ChangelogMode needed =
                output == Output.APPEND
                        ? ChangelogMode.insertOnly()
                        : ChangelogMode.newBuilder()
                                .addContainedKind(RowKind.INSERT)
                                .addContainedKind(RowKind.UPDATE_AFTER)
                                .addContainedKind(RowKind.DELETE)
                                .build();
        ChangelogMode accepted = inner.getChangelogMode(needed);
        for (RowKind kind : needed.getContainedKinds()) {
            if (!accepted.contains(kind)) {
                throw new ValidationException(
                        String.format(
                                "Table %s: 'final.output' = '%s' gives the inner sink %s rows, which"
                                        + " 'inner.connector' = '%s' (as configured) does not"
                                        + " accept. Use 'final.output' = 'append', or an inner"
                                        + " sink that takes updates (e.g. upsert-kafka).",
                                table, output, kind, connector));
            }
        }
        return new FinalDynamicTableSink(
                inner,
                connector,
                rowType,
                keys,
                new FinalRowsOperator.Settings(
                        triggers,
                        output,
                        options.get(FinalSinkOptions.LATE),
                        timeField,
                        timePrecision,
                        options.get(FinalSinkOptions.GRACE),
                        idle,
                        options.get(FinalSinkOptions.STATE_TTL)),
                table);
    }

    private static Set<Trigger> triggers(String table, String listed) {
        Set<Trigger> triggers = EnumSet.noneOf(Trigger.class);
        for (String name : listed.split("[,;]")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            triggers.add(
                    Arrays.stream(Trigger.values())
                            .filter(t -> t.toString().equalsIgnoreCase(trimmed))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new ValidationException(
                                                    String.format(
                                                            "Table %s: 'final.emit' = '%s' names"
                                                                    + " unknown trigger '%s'; the"
                                                                    + " triggers are %s.",
                                                            table,
                                                            listed,
                                                            trimmed,
                                                            Arrays.stream(Trigger.values())
                                                                    .map(Trigger::toString)
                                                                    .collect(
                                                                            Collectors.joining(
                                                                                    ", "))))));
        }
        if (triggers.isEmpty()) {
            throw new ValidationException(
                    String.format("Table %s: 'final.emit' names no trigger.", table));
        }
        return triggers;
    }

    /**
     * The wrapped sink, built by its own factory from the {@code inner.*} options and the same
     * columns. An append-only inner sink gets no primary key: it would refuse one (kafka + json).
     */
    private static DynamicTableSink innerSink(
            Context context, ResolvedSchema schema, Map<String, String> options, Output output) {
        ResolvedSchema innerSchema =
                output == Output.APPEND
                        ? new ResolvedSchema(schema.getColumns(), schema.getWatermarkSpecs(), null)
                        : schema;
        CatalogTable table =
                CatalogTables.of(
                        Schema.newBuilder().fromResolvedSchema(innerSchema).build(),
                        context.getCatalogTable().getComment(),
                        context.getCatalogTable().getPartitionKeys(),
                        options);
        return FactoryUtil.createDynamicTableSink(
                null,
                context.getObjectIdentifier(),
                new ResolvedCatalogTable(table, innerSchema),
                Collections.emptyMap(),
                context.getConfiguration(),
                context.getClassLoader(),
                context.isTemporary());
    }
}
