package io.github.flinkpack.testing.docs;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.module.Module;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionsSqlTest {

    /** A function of the module under test. */
    public static final class Twice extends ScalarFunction {
        public int eval(int x) {
            return 2 * x;
        }
    }

    private static final Module MODULE =
            new Module() {
                @Override
                public Set<String> listFunctions() {
                    return Set.of("TWICE");
                }

                @Override
                public Optional<FunctionDefinition> getFunctionDefinition(String name) {
                    return name.equals("TWICE") ? Optional.of(new Twice()) : Optional.empty();
                }
            };

    private static final String PACKAGE = "io.github.flinkpack.testing.docs";
    private static final String TWICE = Twice.class.getName();

    private static Path sql(Path dir, String text) throws Exception {
        return Files.writeString(dir.resolve("functions.sql"), text, StandardCharsets.UTF_8);
    }

    @Test
    void aMatchingFilePasses(@TempDir Path dir) throws Exception {
        Path sql = sql(dir, "CREATE FUNCTION IF NOT EXISTS TWICE AS '" + TWICE + "';\n");
        assertThatCode(() -> FunctionsSql.check(sql, MODULE, PACKAGE)).doesNotThrowAnyException();
    }

    @Test
    void aMissingAndAnExtraFunctionAreNamed(@TempDir Path dir) throws Exception {
        Path sql = sql(dir, "CREATE FUNCTION IF NOT EXISTS THRICE AS '" + PACKAGE + ".Thrice';\n");
        assertThatThrownBy(() -> FunctionsSql.check(sql, MODULE, PACKAGE))
                .hasMessageContaining("the module's TWICE (" + TWICE + ") has no line")
                .hasMessageContaining(
                        "THRICE (" + PACKAGE + ".Thrice) is created but not in the module");
    }
}
