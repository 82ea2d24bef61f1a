package io.github.flinkpack.testing.docs;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.factories.Factory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionTablesTest {

    private static final ConfigOption<String> URL =
            ConfigOptions.key("url").stringType().noDefaultValue();
    private static final ConfigOption<Duration> TIMEOUT =
            ConfigOptions.key("timeout").durationType().defaultValue(Duration.ofSeconds(5));
    private static final ConfigOption<String> PREFIX =
            ConfigOptions.key("prefix").stringType().defaultValue("");

    private static final Factory FACTORY =
            new Factory() {
                @Override
                public String factoryIdentifier() {
                    return "demo";
                }

                @Override
                public Set<ConfigOption<?>> requiredOptions() {
                    return Set.of(URL);
                }

                @Override
                public Set<ConfigOption<?>> optionalOptions() {
                    return Set.of(TIMEOUT, PREFIX);
                }
            };

    private static Path doc(Path dir, String... rows) throws Exception {
        StringBuilder text =
                new StringBuilder("# Demo\n\n| Option | Default | Meaning |\n|---|---|---|\n");
        for (String row : rows) {
            text.append(row).append('\n');
        }
        return Files.writeString(dir.resolve("demo.md"), text, StandardCharsets.UTF_8);
    }

    @Test
    void aMatchingTablePasses(@TempDir Path dir) throws Exception {
        Path doc = doc(dir, "| `url` | - | where |", "| `timeout`, `prefix` | `5 s`, `''` | |");
        assertThatCode(() -> OptionTables.check(doc, FACTORY, Set.of())).doesNotThrowAnyException();
    }

    @Test
    void everyDriftIsNamed(@TempDir Path dir) throws Exception {
        Path doc = doc(dir, "| `timeout` | `10 s` | |", "| `retries` | `3` | |");
        assertThatThrownBy(() -> OptionTables.check(doc, FACTORY, Set.of()))
                .hasMessageContaining("declared but not documented: [prefix, url]")
                .hasMessageContaining("documented but not declared: [retries]")
                .hasMessageContaining("'timeout': documented default `10 s`, declared `5 s`");
    }

    @Test
    void aDefaultInProseIsRefused(@TempDir Path dir) throws Exception {
        Path doc = doc(dir, "| `url` | none | |");
        assertThatThrownBy(() -> OptionTables.read(doc))
                .hasMessageContaining("write 'none' in backticks (or - for none)");
    }
}
