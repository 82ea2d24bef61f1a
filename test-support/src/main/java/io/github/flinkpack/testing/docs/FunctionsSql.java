package io.github.flinkpack.testing.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.module.Module;

/**
 * Checks {@code docs/functions.sql} against a module: every function the module registers has its
 * {@code CREATE FUNCTION} line (named as in the module, or {@code PACK_<name>} where the name is a
 * built-in's) and every line of the module's package names one of them.
 */
public final class FunctionsSql {

    private static final Pattern CREATE =
            Pattern.compile(
                    "^CREATE FUNCTION IF NOT EXISTS (\\w+) AS '([\\w.$]+)';", Pattern.MULTILINE);

    private FunctionsSql() {}

    /** Function name to class, in file order. */
    public static Map<String, String> read(Path sql) throws IOException {
        Map<String, String> functions = new LinkedHashMap<>();
        Matcher m = CREATE.matcher(Files.readString(sql, StandardCharsets.UTF_8));
        while (m.find()) {
            if (functions.put(m.group(1).toUpperCase(Locale.ROOT), m.group(2)) != null) {
                throw new AssertionError(sql + ": " + m.group(1) + " is created twice");
            }
        }
        return functions;
    }

    public static void check(Path sql, Module module, String modulePackage) throws IOException {
        Map<String, String> created = read(sql);
        Map<String, String> ofPackage = new LinkedHashMap<>();
        created.forEach(
                (name, type) -> {
                    if (type.startsWith(modulePackage + ".")) {
                        ofPackage.put(name, type);
                    }
                });
        List<String> problems = new ArrayList<>();
        for (String name : module.listFunctions()) {
            String type =
                    module.getFunctionDefinition(name)
                            .orElseThrow(() -> new AssertionError(name + " lists no definition"))
                            .getClass()
                            .getName();
            String sqlName = created.containsKey(name) ? name : "PACK_" + name;
            if (!type.equals(created.get(sqlName))) {
                problems.add(
                        "the module's "
                                + name
                                + " ("
                                + type
                                + ") has no line CREATE FUNCTION IF NOT EXISTS "
                                + sqlName
                                + " AS '"
                                + type
                                + "';");
            }
            ofPackage.remove(sqlName);
        }
        for (Map.Entry<String, String> left : ofPackage.entrySet()) {
            problems.add(
                    left.getKey() + " (" + left.getValue() + ") is created but not in the module");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(
                    sql + " disagrees with the module:\n  " + String.join("\n  ", problems));
        }
    }
}
