package io.github.flinkpack.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.testing.flink.FlinkMiniCluster;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our functions against Flink's JSON_VALUE on the cases where JSON_VALUE is well defined: scalar
 * values of the type asked for, missing paths, and malformed documents. (Where it is not, e.g. an
 * object, a fraction RETURNING INT, or BIGINT, the two differ by design.)
 */
class JsonValueAgreementITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final String[] INTS = {"0", "-1", "7", "2147483647", "-2147483648", "1000"};

    /**
     * No integers: JSON_VALUE(... RETURNING DOUBLE) on an integer fails the job with a
     * ClassCastException (Integer to BigDecimal) despite NULL ON ERROR, on both Flink lines.
     */
    private static final String[] NUMBERS = {"1.5", "-2.25", "0.1", "3.0", "1e2", "12.125"};

    private static final String[] STRINGS = {
        "kim", "", "two words", "é 日本", "quote \\\" inside", "tab\\there", "12", "true"
    };

    /** Per path: the type of the values generated there, and the RETURNING types to compare. */
    private static final String[][] PATHS = {
        {"$.i", "int"}, {"$.n", "number"}, {"$.s", "string"}, {"$.t", "boolean"},
        {"$.o.i", "int"}, {"$.o.s", "string"}, {"$.arr[1]", "number"}, {"$['two words']", "string"},
        {"$.missing", "int"}
    };

    @Test
    void agreesWithJsonValueWhereJsonValueIsWellDefined() {
        Random random = new Random(7);
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            docs.add(i % 20 == 19 ? malformed(random) : document(random));
        }
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < docs.size(); i++) {
            values.append(i == 0 ? "" : ", ")
                    .append("(")
                    .append(i)
                    .append(", '")
                    .append(docs.get(i).replace("'", "''"))
                    .append("')");
        }
        List<String> columns = new ArrayList<>();
        for (String[] path : PATHS) {
            String p = path[0].replace("'", "''");
            columns.add("JSON_VALUE(doc, '" + p + "')");
            columns.add("JSON_STR(doc, '" + p + "')");
            switch (path[1]) {
                case "int":
                    columns.add("JSON_VALUE(doc, '" + p + "' RETURNING INT)");
                    columns.add("JSON_INT(doc, '" + p + "')");
                    break;
                case "number":
                    columns.add("JSON_VALUE(doc, '" + p + "' RETURNING DOUBLE)");
                    columns.add("JSON_DOUBLE(doc, '" + p + "')");
                    break;
                case "boolean":
                    columns.add("JSON_VALUE(doc, '" + p + "' RETURNING BOOLEAN)");
                    columns.add("JSON_BOOL(doc, '" + p + "')");
                    break;
                default:
                    columns.add("JSON_VALUE(doc, '" + p + "' RETURNING STRING)");
                    columns.add("JSON_STR(doc, '" + p + "')");
            }
        }
        TableEnvironment env = JsonSql.batchWithModule();
        List<Row> rows =
                JsonSql.rows(
                        env,
                        "SELECT id, "
                                + String.join(", ", columns)
                                + " FROM (SELECT id, IF(RAND() < 2, doc, '') AS doc FROM (VALUES "
                                + values
                                + ") AS t(id, doc)) ORDER BY id");
        assertThat(rows).hasSize(docs.size());

        int compared = 0;
        int nonNull = 0;
        for (Row row : rows) {
            for (int c = 1; c < row.getArity(); c += 2) {
                Object theirs = row.getField(c);
                Object ours = row.getField(c + 1);
                String where =
                        String.format(
                                "document %s, column %s: %s",
                                row.getField(0),
                                columns.get(c - 1),
                                docs.get((int) row.getField(0)));
                if (theirs instanceof String && ours instanceof String && isNumber((String) ours)) {
                    assertThat(new BigDecimal((String) theirs))
                            .as(where)
                            .isEqualByComparingTo(new BigDecimal((String) ours));
                } else {
                    assertThat(ours).as(where).isEqualTo(theirs);
                }
                compared++;
                nonNull += ours == null ? 0 : 1;
            }
        }
        assertThat(compared).isEqualTo(docs.size() * PATHS.length * 2);
        assertThat(nonNull).isGreaterThan(compared / 3);
    }

    /**
     * Why the pack exists, kept true by CI: where JSON_VALUE fails the job or gives nothing, ours
     * gives the value.
     */
    @Test
    void whereJsonValueFailsOrGivesNothingOursGivesTheValue() {
        TableEnvironment env = JsonSql.batchWithModule();
        String docs =
                " FROM (SELECT IF(RAND() < 2, doc, '') AS doc FROM (VALUES ('{\"n\": -7, \"o\":"
                        + " {\"a\": [1]}}')) AS t(doc))";
        assertThatThrownBy(
                        () ->
                                JsonSql.rows(
                                        env,
                                        "SELECT JSON_VALUE(doc, '$.n' RETURNING DOUBLE NULL ON"
                                                + " ERROR)"
                                                + docs))
                .hasStackTraceContaining("ClassCastException");
        List<Row> rows =
                JsonSql.rows(
                        env,
                        "SELECT JSON_DOUBLE(doc, '$.n'), JSON_VALUE(doc, '$.o'), JSON_STR(doc, '$.o'),"
                                + " JSON_LONG(doc, '$.n')"
                                + docs);
        assertThat(JsonSql.fields(rows.get(0))).containsExactly(-7.0, null, "{\"a\":[1]}", -7L);
    }

    private static boolean isNumber(String text) {
        return text.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    }

    private static String document(Random random) {
        List<String> members = new ArrayList<>();
        maybe(random, members, "\"i\": " + pick(random, INTS));
        maybe(random, members, "\"n\": " + pick(random, NUMBERS));
        maybe(random, members, "\"s\": \"" + pick(random, STRINGS) + "\"");
        maybe(random, members, "\"t\": " + random.nextBoolean());
        maybe(
                random,
                members,
                "\"o\": {\"i\": "
                        + pick(random, INTS)
                        + ", \"s\": \""
                        + pick(random, STRINGS)
                        + "\"}");
        maybe(random, members, "\"arr\": [true, " + pick(random, NUMBERS) + ", \"x\"]");
        maybe(random, members, "\"two words\": \"" + pick(random, STRINGS) + "\"");
        return "{" + String.join(", ", members) + "}";
    }

    private static String malformed(Random random) {
        String document = document(random);
        return document.substring(0, random.nextInt(document.length()));
    }

    private static void maybe(Random random, List<String> members, String member) {
        if (random.nextInt(5) > 0) {
            members.add(member);
        }
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
