package io.github.flinkpack.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.json.path.JsonPath;
import io.github.flinkpack.json.path.PathStep;
import io.github.flinkpack.json.path.PathSyntaxException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPathTest {

    private static List<String> steps(String path) {
        return JsonPath.compile(path).steps().stream()
                .map(PathStep::toString)
                .collect(Collectors.toList());
    }

    @Test
    void compilesTheSupportedSubset() {
        assertThat(steps("$")).isEmpty();
        assertThat(steps("$.after.items[0].id"))
                .containsExactly("['after']", "['items']", "[0]", "['id']");
        assertThat(steps("$['two words'][\"x\"][-1]"))
                .containsExactly("['two words']", "['x']", "[-1]");
        assertThat(steps(" $.a [ 2 ] ")).containsExactly("['a']", "[2]");
        assertThat(steps("$['it\\'s']")).containsExactly("['it's']");
        assertThat(steps("$.$oid")).containsExactly("['$oid']");
        assertThat(steps("$.사용자")).containsExactly("['사용자']");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "a.b|0|a path starts with '$'",
                "\"\"|0|a path starts with '$'",
                "$.|2|a field name expected after '.'",
                "$..a|2|wildcards and deep scan",
                "$.*|2|wildcards and deep scan",
                "$[*]|2|wildcards ('[*]') are not supported",
                "$[|2|a quoted name or an index expected after '['",
                "$[x]|2|a quoted name or an integer index expected",
                "$['a'|5|']' expected",
                "$['a|4|unterminated quoted name",
                "$[99999999999]|13|index 99999999999 is out of range",
                "$a|1|'.' or '[' expected"
            })
    void rejectsWhatItDoesNotSupportNamingThePositionAndTheFix(
            String path, int position, String expected) {
        assertThatThrownBy(() -> JsonPath.compile(path))
                .isInstanceOf(PathSyntaxException.class)
                .hasMessageContaining("Invalid JSON path '" + path + "' at position " + position)
                .hasMessageContaining(expected)
                .hasMessageContaining("Supported: $, .name, ['name'], [index]");
    }

    @Test
    void refusesAbsurdlyLongPaths() {
        assertThatThrownBy(() -> JsonPath.compile("$" + ".a".repeat(JsonPath.MAX_STEPS + 1)))
                .hasMessageContaining("a path has at most 256 steps");
    }
}
