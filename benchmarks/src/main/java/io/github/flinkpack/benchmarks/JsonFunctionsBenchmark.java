package io.github.flinkpack.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

/**
 * The JSON functions against Flink's JSON_VALUE, side by side in one run: the same job (N rows,
 * each a ~1 KB Debezium-style order event built from a sequence number) into {@code blackhole} at
 * parallelism 1. A "document only" job builds the documents and uses only their length, so that
 * each function's own cost per row can be told apart from the job's.
 *
 * <p>Arguments: rows (default 200,000), rounds (default 3; the best of each is reported).
 */
public final class JsonFunctionsBenchmark {

    private static final String[] FIVE_PATHS = {
        "$.after.user_id", "$.after.status", "$.after.amount", "$.source.table", "$.op"
    };

    private static final Map<String, String> VARIANTS = variants();

    private static Map<String, String> variants() {
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("document only", "SELECT CHAR_LENGTH(doc), '', 0.0, '', '' FROM events");
        variants.put(
                "1 field: JSON_VALUE RETURNING INT",
                "SELECT CAST(JSON_VALUE(doc, '$.after.user_id' RETURNING INT) AS BIGINT),"
                        + " '', 0.0, '', '' FROM events");
        variants.put(
                "1 field: JSON_LONG",
                "SELECT JSON_LONG(doc, '$.after.user_id'), '', 0.0, '', '' FROM events");
        variants.put(
                "5 fields: 5 x JSON_VALUE",
                "SELECT CAST(JSON_VALUE(doc, '$.after.user_id' RETURNING INT) AS BIGINT),"
                        + " JSON_VALUE(doc, '$.after.status'),"
                        + " JSON_VALUE(doc, '$.after.amount' RETURNING DOUBLE),"
                        + " JSON_VALUE(doc, '$.source.table'), JSON_VALUE(doc, '$.op') FROM events");
        variants.put(
                "5 fields: FROM_JSON",
                "SELECT r.after.user_id, r.after.status, r.after.amount, r.source.`table`, r.op"
                        + " FROM (SELECT FROM_JSON(doc, 'ROW<after ROW<user_id BIGINT, status"
                        + " STRING, amount DOUBLE>, source ROW<`table` STRING>, op STRING>') AS r"
                        + " FROM events)");
        variants.put(
                "5 fields: JSON_TUPLE",
                "SELECT CAST(t.c0 AS BIGINT), t.c1, CAST(t.c2 AS DOUBLE), t.c3, t.c4 FROM events,"
                        + " LATERAL TABLE(JSON_TUPLE(doc, '"
                        + String.join("', '", FIVE_PATHS)
                        + "')) AS t");
        return variants;
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 200_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Map<String, Double> best = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, String> variant : VARIANTS.entrySet()) {
                BenchmarkJobs.record(best, variant.getKey(), job(rows, variant.getValue()));
            }
        }
        double base = best.get("document only");
        StringBuilder report = new StringBuilder();
        report.append(
                String.format(
                        Locale.ROOT,
                        "Rows per job: %,d, one ~%d-byte event each; best of %d rounds;"
                                + " parallelism 1. Document only: %,.0f rows/s.%n%n",
                        rows,
                        EVENT_BYTES,
                        rounds,
                        base));
        report.append(
                "| comparison | JSON_VALUE rows/s | ours rows/s | ours / JSON_VALUE (job) |"
                        + " JSON_VALUE / ours (function cost per row) |\n");
        report.append("|---|---:|---:|---:|---:|\n");
        for (List<String> pair :
                List.of(
                        List.of("1 field: JSON_VALUE RETURNING INT", "1 field: JSON_LONG"),
                        List.of("5 fields: 5 x JSON_VALUE", "5 fields: FROM_JSON"),
                        List.of("5 fields: 5 x JSON_VALUE", "5 fields: JSON_TUPLE"))) {
            double theirs = best.get(pair.get(0));
            double ours = best.get(pair.get(1));
            double theirCost = 1 / theirs - 1 / base;
            double ourCost = 1 / ours - 1 / base;
            report.append(
                    String.format(
                            Locale.ROOT,
                            "| %s vs %s | %,.0f | %,.0f | %.2f | %.2f |%n",
                            pair.get(0),
                            pair.get(1).substring(pair.get(1).indexOf(':') + 2),
                            theirs,
                            ours,
                            ours / theirs,
                            theirCost / ourCost));
        }
        BenchmarkJobs.publish(report.toString(), "json-functions-benchmark.md");
    }

    static double job(long rows, String query) throws Exception {
        TableEnvironment env = BenchmarkJobs.withNumbers(rows);
        env.executeSql("LOAD MODULE flinkpack_json");
        env.executeSql("CREATE TEMPORARY VIEW events AS SELECT " + EVENT + " AS doc FROM numbers");
        env.executeSql(
                "CREATE TEMPORARY TABLE sink (a BIGINT, b STRING, c DOUBLE, d STRING, e STRING)"
                        + " WITH ('connector' = 'blackhole')");
        TableResult result = env.executeSql("INSERT INTO sink " + query);
        return BenchmarkJobs.rowsPerSecond(result, rows);
    }

    /** A Debezium MySQL change event of about 1 KB whose ids and amount vary with n. */
    private static final String EVENT =
            "CONCAT('{\"before\": null, \"after\": {\"id\": ', CAST(n AS STRING),"
                    + " ', \"user_id\": ', CAST(MOD(n, 100000) AS STRING),"
                    + " ', \"status\": \"PAID\", \"amount\": ', CAST(MOD(n, 1000) AS STRING),"
                    + " '.25, \"currency\": \"KRW\", \"customer_name\": \"Kim Minji\","
                    + " \"email\": \"minji.kim@example.com\", \"phone\": \"+82-10-1234-5678\","
                    + " \"shipping_address\": {\"street\": \"123 Teheran-ro\", \"city\": \"Seoul\","
                    + " \"district\": \"Gangnam-gu\", \"postal_code\": \"06133\", \"country\":"
                    + " \"KR\"}, \"items\": [{\"sku\": \"SKU-10001\", \"qty\": 2, \"price\": 15000},"
                    + " {\"sku\": \"SKU-20002\", \"qty\": 1, \"price\": 32000}, {\"sku\":"
                    + " \"SKU-30003\", \"qty\": 4, \"price\": 4500}], \"coupon\": null,"
                    + " \"created_at\": \"2025-05-13T07:15:15Z\", \"updated_at\":"
                    + " \"2025-05-13T07:16:30Z\", \"memo\": \"leave at the door, ring twice\"},"
                    + " \"source\": {\"version\": \"2.5.0.Final\", \"connector\": \"mysql\","
                    + " \"name\": \"shop\", \"ts_ms\": 1747120590000, \"snapshot\": \"false\","
                    + " \"db\": \"shop\", \"sequence\": null, \"table\": \"orders\", \"server_id\":"
                    + " 223344, \"gtid\": null, \"file\": \"mysql-bin.000003\", \"pos\": 4871,"
                    + " \"row\": 0, \"thread\": 12, \"query\": null}, \"op\": \"c\", \"ts_ms\":"
                    + " 1747120590123, \"transaction\": null}')";

    private static final int EVENT_BYTES = 970;
}
