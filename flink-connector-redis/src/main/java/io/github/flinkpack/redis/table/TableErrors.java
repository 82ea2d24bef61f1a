package io.github.flinkpack.redis.table;

import org.apache.flink.table.api.ValidationException;

/** Planning errors that name the table they are about. */
final class TableErrors {

    private TableErrors() {}

    static ValidationException error(String table, String message) {
        return new ValidationException("Redis table '" + table + "': " + message);
    }
}
