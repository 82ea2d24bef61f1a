package io.github.flinkpack.redis.table;

import static io.github.flinkpack.redis.table.RedisConnectorOptions.*;
import static io.github.flinkpack.redis.table.TableErrors.error;

import io.github.flinkpack.redis.config.NullValuePolicy;
import io.github.flinkpack.redis.config.RedisCommand;
import io.github.flinkpack.redis.config.ValueFormat;
import io.github.flinkpack.redis.serialization.Expiry;
import io.github.flinkpack.redis.serialization.RedisRowMapping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * Which columns are key, value, hash field and TTL: the table's schema checked against its options.
 * The sink writes by this mapping and the lookup and scan read by the same one.
 */
final class RedisRowMappings {

    private RedisRowMappings() {}

    static RedisRowMapping from(String table, ReadableConfig options, ResolvedSchema schema) {
        String commandText = options.get(COMMAND);
        RedisCommand command =
                RedisCommand.parse(commandText)
                        .orElseThrow(
                                () ->
                                        error(
                                                table,
                                                "Unsupported 'command' = '"
                                                        + commandText
                                                        + "'. Use one of "
                                                        + RedisCommand.names()
                                                        + "."));
        List<Column> physical =
                schema.getColumns().stream()
                        .filter(Column::isPhysical)
                        .collect(Collectors.toList());
        List<String> names = physical.stream().map(Column::getName).collect(Collectors.toList());

        List<String> keyNames = keyColumns(table, options, schema, names);
        Set<String> used = new LinkedHashSet<>(keyNames);

        String hashField = options.getOptional(HASH_FIELD).orElse(null);
        if (hashField != null) {
            if (!command.isHash()) {
                throw error(
                        table,
                        "'hash.field' only applies to HSET and HINCR, not "
                                + command
                                + ". Remove it or change 'command'.");
            }
            requireColumn(table, HASH_FIELD, hashField, names);
            if (used.contains(hashField)) {
                throw error(
                        table,
                        "'hash.field' = '"
                                + hashField
                                + "' is a key column; the"
                                + " field must be another column.");
            }
            used.add(hashField);
        } else if (command == RedisCommand.HINCR) {
            throw error(
                    table,
                    "'command' = 'HINCR' needs 'hash.field' = '<column>' naming the"
                            + " column whose value is the hash field to increment.");
        }

        boolean hasTtl = options.getOptional(TTL).isPresent();
        String ttlColumn = options.getOptional(TTL_COLUMN).orElse(null);
        if (hasTtl && ttlColumn != null) {
            throw error(table, "Set either 'ttl' or 'ttl.column', not both.");
        }
        if (ttlColumn != null) {
            requireColumn(table, TTL_COLUMN, ttlColumn, names);
            if (used.contains(ttlColumn)) {
                throw error(
                        table,
                        "'ttl.column' = '"
                                + ttlColumn
                                + "' is already used as key"
                                + " or hash field.");
            }
            used.add(ttlColumn);
        }
        StructureColumns structure =
                StructureColumns.claim(table, command, options, names, physical, used);
        if (command == RedisCommand.EXPIRE && !hasTtl && ttlColumn == null) {
            throw error(
                    table,
                    "'command' = 'EXPIRE' only sets TTLs: set 'ttl' (e.g. '10 min')"
                            + " or 'ttl.column'.");
        }

        List<String> valueNames =
                names.stream().filter(n -> !used.contains(n)).collect(Collectors.toList());
        ValueFormat format = options.getOptional(VALUE_FORMAT).orElse(null);
        checkValueColumns(table, command, hashField, valueNames, format, physical, names);

        RedisRowMapping.Builder builder =
                RedisRowMapping.builder(table, command)
                        .key(options.get(KEY_PREFIX), options.get(KEY_SEPARATOR))
                        .keyColumns(
                                keyNames.toArray(new String[0]),
                                positions(keyNames, names),
                                types(keyNames, names, physical))
                        .valueColumns(
                                valueNames.toArray(new String[0]),
                                positions(valueNames, names),
                                types(valueNames, names, physical),
                                format == null ? ValueFormat.TEXT : format)
                        .policies(
                                options.get(SINK_DELETE_BEHAVIOR),
                                options.get(SINK_NULL_KEY),
                                options.get(SINK_NULL_VALUE));
        structure.applyTo(builder, names, physical);
        for (String key : keyNames) {
            LogicalType type = type(key, names, physical);
            if (!isScalar(type)) {
                throw error(
                        table,
                        "Key column '"
                                + key
                                + "' is "
                                + type.asSummaryString()
                                + "; key columns must be scalar (text, numbers, dates, ...).");
            }
        }
        if (hashField != null) {
            builder.hashField(
                    hashField, names.indexOf(hashField), type(hashField, names, physical));
        }
        if (hasTtl) {
            Duration ttl = options.get(TTL);
            if (ttl.toMillis() <= 0) {
                throw error(table, "'ttl' = '" + ttl + "' must be positive.");
            }
            builder.fixedTtl(Expiry.after(ttl.toMillis()));
        }
        if (ttlColumn != null) {
            LogicalType type = type(ttlColumn, names, physical);
            LogicalTypeRoot root = type.getTypeRoot();
            if (root != LogicalTypeRoot.BIGINT
                    && root != LogicalTypeRoot.INTERVAL_DAY_TIME
                    && root != LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE
                    && root != LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
                throw error(
                        table,
                        "'ttl.column' = '"
                                + ttlColumn
                                + "' is "
                                + type.asSummaryString()
                                + "; it must be BIGINT (milliseconds),"
                                + " INTERVAL DAY TO SECOND, or TIMESTAMP / TIMESTAMP_LTZ (expiry time).");
            }
            builder.ttlColumn(ttlColumn, names.indexOf(ttlColumn), type);
        }
        if (options.get(SINK_NULL_VALUE) == NullValuePolicy.DELETE
                && command == RedisCommand.EXPIRE
                && ttlColumn == null) {
            throw error(
                    table,
                    "'sink.null-value' = 'delete' has no column to apply to with"
                            + " 'command' = 'EXPIRE' and a fixed 'ttl'.");
        }
        return builder.build();
    }

    private static List<String> keyColumns(
            String table, ReadableConfig options, ResolvedSchema schema, List<String> names) {
        List<String> primaryKey =
                schema.getPrimaryKey().map(UniqueConstraint::getColumns).orElse(List.of());
        String keyFields = options.getOptional(KEY_FIELDS).orElse(null);
        if (!primaryKey.isEmpty() && keyFields != null) {
            throw error(
                    table,
                    "The table has a PRIMARY KEY "
                            + primaryKey
                            + " and 'key.fields'"
                            + " = '"
                            + keyFields
                            + "'. Remove 'key.fields': the primary key is the"
                            + " Redis key.");
        }
        if (!primaryKey.isEmpty()) {
            return primaryKey;
        }
        if (keyFields == null) {
            throw error(
                    table,
                    "No Redis key: declare PRIMARY KEY (...) NOT ENFORCED, or set"
                            + " 'key.fields' = 'col1;col2' for an append-only table.");
        }
        List<String> keys = new ArrayList<>();
        for (String part : keyFields.split(";")) {
            String key = part.trim();
            if (!key.isEmpty()) {
                requireColumn(table, KEY_FIELDS, key, names);
                keys.add(key);
            }
        }
        if (keys.isEmpty()) {
            throw error(table, "'key.fields' = '" + keyFields + "' names no column.");
        }
        return keys;
    }

    private static void checkValueColumns(
            String table,
            RedisCommand command,
            String hashField,
            List<String> valueNames,
            ValueFormat format,
            List<Column> physical,
            List<String> names) {
        switch (command) {
            case EXPIRE:
                if (!valueNames.isEmpty()) {
                    throw error(
                            table,
                            "'command' = 'EXPIRE' only sets TTLs; columns "
                                    + valueNames
                                    + " would not be written. Remove them from the table.");
                }
                return;
            case INCR:
            case HINCR:
                if (valueNames.size() > 1) {
                    throw error(
                            table,
                            "'command' = '"
                                    + command
                                    + "' takes at most one value"
                                    + " column (the amount), but "
                                    + valueNames
                                    + " remain. Remove the"
                                    + " others or use them as key columns.");
                }
                if (format != null) {
                    throw error(
                            table, "'value.format' does not apply to " + command + "; remove it.");
                }
                if (valueNames.size() == 1) {
                    LogicalType type = type(valueNames.get(0), names, physical);
                    if (!type.is(LogicalTypeFamily.INTEGER_NUMERIC)
                            && !type.is(LogicalTypeFamily.APPROXIMATE_NUMERIC)
                            && type.getTypeRoot() != LogicalTypeRoot.DECIMAL) {
                        throw error(
                                table,
                                "'command' = '"
                                        + command
                                        + "' adds the value"
                                        + " column, but '"
                                        + valueNames.get(0)
                                        + "' is "
                                        + type.asSummaryString()
                                        + ". Use an integer, FLOAT, DOUBLE or"
                                        + " DECIMAL column (CAST it in the query).");
                    }
                }
                return;
            case HSET:
                if (hashField == null) {
                    if (valueNames.isEmpty()) {
                        throw error(
                                table,
                                "'command' = 'HSET' needs value columns: each one"
                                        + " becomes a hash field.");
                    }
                    if (format != null) {
                        throw error(
                                table,
                                "'command' = 'HSET' without 'hash.field' writes"
                                        + " each value column as a field; remove 'value.format' or set"
                                        + " 'hash.field'.");
                    }
                    return;
                }
                checkSingleValue(table, command, valueNames, format);
                return;
            case XADD:
                if (valueNames.isEmpty()) {
                    throw error(
                            table,
                            "'command' = 'XADD' needs value columns: each one becomes a field"
                                    + " of the stream entry.");
                }
                return;
            default:
                checkSingleValue(table, command, valueNames, format);
        }
    }

    private static void checkSingleValue(
            String table, RedisCommand command, List<String> valueNames, ValueFormat format) {
        if (valueNames.isEmpty()) {
            throw error(
                    table,
                    "'command' = '"
                            + command
                            + "' needs a value column besides the"
                            + " key columns.");
        }
        if (valueNames.size() > 1 && format != ValueFormat.JSON) {
            throw error(
                    table,
                    "Several value columns "
                            + valueNames
                            + " but one Redis value."
                            + " Set 'value.format' = 'json' to write them as one JSON object, or keep"
                            + " a single value column.");
        }
    }

    static void requireColumn(
            String table, ConfigOption<String> option, String column, List<String> names) {
        if (!names.contains(column)) {
            throw error(
                    table,
                    "'"
                            + option.key()
                            + "' names column '"
                            + column
                            + "', which"
                            + " the table does not have. Columns: "
                            + names
                            + ".");
        }
    }

    private static boolean isScalar(LogicalType type) {
        switch (type.getTypeRoot()) {
            case ARRAY:
            case MAP:
            case MULTISET:
            case ROW:
            case STRUCTURED_TYPE:
            case RAW:
                return false;
            default:
                return true;
        }
    }

    private static int[] positions(List<String> columns, List<String> names) {
        return columns.stream().mapToInt(names::indexOf).toArray();
    }

    private static LogicalType[] types(
            List<String> columns, List<String> names, List<Column> physical) {
        return columns.stream().map(c -> type(c, names, physical)).toArray(LogicalType[]::new);
    }

    private static LogicalType type(String column, List<String> names, List<Column> physical) {
        return physical.get(names.indexOf(column)).getDataType().getLogicalType();
    }
}
