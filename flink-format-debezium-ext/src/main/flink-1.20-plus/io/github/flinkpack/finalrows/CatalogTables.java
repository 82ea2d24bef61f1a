package io.github.flinkpack.finalrows;

import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogTable;

/** A {@link CatalogTable} as Flink 1.20 and 2.x build one. */
final class CatalogTables {

    private CatalogTables() {}

    static CatalogTable of(
            Schema schema,
            String comment,
            List<String> partitionKeys,
            Map<String, String> options) {
        return CatalogTable.newBuilder()
                .schema(schema)
                .comment(comment)
                .partitionKeys(partitionKeys)
                .options(options)
                .build();
    }
}
