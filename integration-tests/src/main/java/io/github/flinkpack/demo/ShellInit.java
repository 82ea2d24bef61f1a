package io.github.flinkpack.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The init script of the interactive SQL client: the functions and every table of the demo
 * pipelines (their CREATE statements, without the INSERTs), and a view of 001's query.
 */
final class ShellInit {

    private ShellInit() {}

    static String script(String kafka, String redis) {
        List<String> statements = new ArrayList<>();
        statements.add("SET 'table.local-time-zone' = 'UTC'");
        for (String pipeline : Pipelines.DEMO) {
            String sql =
                    Pipelines.fill(
                            Pipelines.load(pipeline), Map.of("kafka", kafka, "redis", redis));
            for (String statement : sql.split(";\\s*\\n")) {
                String code = withoutComments(statement).trim();
                if (code.startsWith("CREATE ") || code.startsWith("LOAD MODULE")) {
                    statements.add(code);
                }
            }
        }
        return String.join(";\n\n", statements) + ";\n";
    }

    private static String withoutComments(String statement) {
        StringBuilder code = new StringBuilder();
        for (String line : statement.split("\n")) {
            if (!line.trim().startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        return code.toString();
    }
}
