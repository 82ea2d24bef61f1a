package io.github.flinkpack.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

/**
 * Our ARRAY_INTERSECT against Flink's built-in, side by side in one run: the same job (N rows, each
 * with two 20-element arrays computed from a sequence, half of the elements shared) into {@code
 * blackhole} at parallelism 1, for INT and STRING elements. A third job only builds the arrays, so
 * the function's own cost can be told apart from the job's.
 *
 * <p>Arguments: rows (default 1,000,000), rounds (default 3; the best of each is reported).
 */
public final class ArrayIntersectBenchmark {

    private static final int LENGTH = 20;

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Map<String, Double> best = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (String type : List.of("INT", "STRING")) {
                for (String variant : List.of("arrays only", "built-in", "ours")) {
                    String name = type + " " + variant;
                    BenchmarkJobs.record(best, name, job(rows, type, variant));
                }
            }
        }
        StringBuilder report = new StringBuilder();
        report.append(
                String.format(
                        Locale.ROOT,
                        "Rows per job: %,d, two %d-element arrays each; best of %d rounds;"
                                + " parallelism 1.%n%n",
                        rows,
                        LENGTH,
                        rounds));
        report.append(
                "| elements | arrays only | built-in ARRAY_INTERSECT | ours | ours / built-in"
                        + " (job) | built-in / ours (function cost per row) |\n");
        report.append("|---|---:|---:|---:|---:|---:|\n");
        for (String type : List.of("INT", "STRING")) {
            double base = best.get(type + " arrays only");
            double builtIn = best.get(type + " built-in");
            double ours = best.get(type + " ours");
            double builtInCost = 1 / builtIn - 1 / base;
            double ourCost = 1 / ours - 1 / base;
            report.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %,.0f | %,.0f | %,.0f | %.2f | %.2f |%n",
                            type,
                            base,
                            builtIn,
                            ours,
                            ours / builtIn,
                            builtInCost / ourCost));
        }
        BenchmarkJobs.publish(report.toString(), "array-intersect-benchmark.md");
    }

    static double job(long rows, String type, String variant) throws Exception {
        TableEnvironment env = BenchmarkJobs.withNumbers(rows);
        env.executeSql(
                "CREATE TEMPORARY SYSTEM FUNCTION PACK_ARRAY_INTERSECT AS"
                        + " 'io.github.flinkpack.arrays.functions.ArrayIntersect'");
        String elementType = type.equals("INT") ? "INT" : "STRING";
        env.executeSql(
                "CREATE TEMPORARY VIEW pairs AS SELECT "
                        + array(type, 0)
                        + " AS a, "
                        + array(type, LENGTH / 2)
                        + " AS b FROM numbers");
        env.executeSql(
                "CREATE TEMPORARY TABLE sink (c ARRAY<"
                        + elementType
                        + ">) WITH ("
                        + "'connector' = 'blackhole')");
        String expression;
        switch (variant) {
            case "arrays only":
                expression = "CASE WHEN CARDINALITY(b) > 0 THEN a ELSE b END";
                break;
            case "built-in":
                expression = "ARRAY_INTERSECT(a, b)";
                break;
            default:
                expression = "PACK_ARRAY_INTERSECT(a, b)";
        }
        TableResult result =
                env.executeSql("INSERT INTO sink SELECT " + expression + " FROM pairs");
        return BenchmarkJobs.rowsPerSecond(result, rows);
    }

    /** 20 elements derived from n; b starts 10 positions later, so half overlap a. */
    private static String array(String type, int offset) {
        List<String> elements = new ArrayList<>();
        for (int i = offset; i < offset + LENGTH; i++) {
            String value = "CAST(MOD(n + " + i + ", 1000) AS INT)";
            elements.add(
                    type.equals("INT") ? value : "CONCAT('item-', CAST(" + value + " AS STRING))");
        }
        return "ARRAY[" + String.join(", ", elements) + "]";
    }
}
