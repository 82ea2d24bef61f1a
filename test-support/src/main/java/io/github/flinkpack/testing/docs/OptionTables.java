package io.github.flinkpack.testing.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.factories.Factory;
import org.apache.flink.util.TimeUtils;

/**
 * Checks the option tables of a document against the options a factory declares, so that the docs
 * cannot drift from the code. An option table is a Markdown table whose header starts with {@code |
 * Option}; a row names one or more options in backticks, separated by commas, and gives their
 * defaults in the same order: {@code -} for none, else the default in backticks as Flink renders it
 * ({@code 1 s}, {@code 7 d}, {@code true}, enum values as the option is written, {@code ''} for the
 * empty string).
 */
public final class OptionTables {

    private OptionTables() {}

    /** Option name to its documented default (null for {@code -}), in document order. */
    public static Map<String, String> read(Path doc) throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
            if (line.startsWith("| Option")) {
                inTable = true;
                continue;
            }
            if (!line.startsWith("|")) {
                inTable = false;
                continue;
            }
            if (!inTable || line.startsWith("|---")) {
                continue;
            }
            String[] cells = line.split("(?<!\\\\)\\|", -1);
            List<String> names = items(cells[1]);
            List<String> defaults = items(cells[2]);
            if (defaults.size() == 1 && names.size() > 1) {
                for (int i = 1; i < names.size(); i++) {
                    defaults.add(defaults.get(0));
                }
            }
            if (defaults.size() != names.size()) {
                throw new AssertionError(
                        doc
                                + ": the row of "
                                + names
                                + " gives defaults "
                                + defaults
                                + ": "
                                + line);
            }
            for (int i = 0; i < names.size(); i++) {
                String name = unquote(names.get(i), doc, line);
                String value =
                        defaults.get(i).equals("-") ? null : unquote(defaults.get(i), doc, line);
                if (documented.put(name, value) != null) {
                    throw new AssertionError(doc + ": option '" + name + "' documented twice");
                }
            }
        }
        return documented;
    }

    /**
     * Fails, listing every difference, unless the document's option tables name exactly the
     * factory's declared options with their defaults. {@code undocumented} may name options the
     * document describes in prose instead (e.g. those it forwards under a prefix).
     */
    public static void check(Path doc, Factory factory, Set<String> undocumented)
            throws IOException {
        Map<String, String> documented = read(doc);
        Map<String, ConfigOption<?>> declared = new LinkedHashMap<>();
        for (ConfigOption<?> option : factory.requiredOptions()) {
            declared.put(option.key(), option);
        }
        for (ConfigOption<?> option : factory.optionalOptions()) {
            declared.put(option.key(), option);
        }
        List<String> problems = new ArrayList<>();
        Set<String> missing = new TreeSet<>(declared.keySet());
        missing.removeAll(documented.keySet());
        missing.removeAll(undocumented);
        if (!missing.isEmpty()) {
            problems.add("declared but not documented: " + missing);
        }
        Set<String> unknown = new LinkedHashSet<>(documented.keySet());
        unknown.removeAll(declared.keySet());
        if (!unknown.isEmpty()) {
            problems.add("documented but not declared: " + unknown);
        }
        for (Map.Entry<String, String> entry : documented.entrySet()) {
            ConfigOption<?> option = declared.get(entry.getKey());
            if (option == null) {
                continue;
            }
            String expected = option.hasDefaultValue() ? render(option.defaultValue()) : null;
            if (!java.util.Objects.equals(expected, entry.getValue())) {
                problems.add(
                        String.format(
                                "'%s': documented default %s, declared %s",
                                entry.getKey(),
                                entry.getValue() == null ? "-" : "`" + entry.getValue() + "`",
                                expected == null ? "none (write -)" : "`" + expected + "`"));
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(
                    doc
                            + " disagrees with "
                            + factory.factoryIdentifier()
                            + ":\n  "
                            + String.join("\n  ", problems));
        }
    }

    /** A default as the docs write it. */
    static String render(Object value) {
        if (value instanceof Duration) {
            return TimeUtils.formatWithHighestUnit((Duration) value);
        }
        String text = String.valueOf(value);
        return text.isEmpty() ? "''" : text;
    }

    private static List<String> items(String cell) {
        List<String> items = new ArrayList<>();
        for (String item : cell.trim().split(",\\s*")) {
            if (!item.isEmpty()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private static String unquote(String item, Path doc, String line) {
        if (item.length() < 2 || !item.startsWith("`") || !item.endsWith("`")) {
            throw new AssertionError(
                    doc + ": write '" + item + "' in backticks (or - for none): " + line);
        }
        return item.substring(1, item.length() - 1);
    }
}
