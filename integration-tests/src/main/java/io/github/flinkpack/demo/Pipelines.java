package io.github.flinkpack.demo;

import io.github.flinkpack.testing.cluster.LocalFlinkCluster;
import io.github.flinkpack.testing.cluster.SqlClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The SQL scripts of the users' pipelines ({@code src/main/resources/pipelines}), with {@code
 * ${kafka}} and {@code ${redis}} filled in, run through Flink's SQL client.
 */
public final class Pipelines {

    /** SCENARIOS 000, 001 and 004 (cases 1 and 3): what the demo runs. */
    public static final List<String> DEMO = List.of("000-logins", "001-final-lists", "004-cdc");

    private Pipelines() {}

    public static String sql(String name, String kafka, String redis) {
        return fill(load(name), Map.of("kafka", kafka, "redis", redis));
    }

    public static String fill(String template, Map<String, String> values) {
        String sql = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            sql = sql.replace("${" + value.getKey() + "}", value.getValue());
        }
        int unfilled = sql.indexOf("${");
        if (unfilled >= 0) {
            throw new IllegalArgumentException(
                    "Unfilled placeholder at: "
                            + sql.substring(unfilled, Math.min(sql.length(), unfilled + 30)));
        }
        return sql;
    }

    public static String load(String name) {
        String resource = "/pipelines/" + name + ".sql";
        try (InputStream in = Pipelines.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No pipeline " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one pipeline through the SQL client ({@code sql-client.sh -f}); returns its output. */
    public static String run(LocalFlinkCluster cluster, String name, String kafka, String redis) {
        return SqlClient.runScript(cluster, name, sql(name, kafka, redis), Duration.ofMinutes(4));
    }
}
