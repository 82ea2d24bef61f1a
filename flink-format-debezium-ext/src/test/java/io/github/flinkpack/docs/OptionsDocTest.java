package io.github.flinkpack.docs;

import io.github.flinkpack.debezium.format.DebeziumExtFormatFactory;
import io.github.flinkpack.finalrows.FinalTableSinkFactory;
import io.github.flinkpack.testing.docs.OptionTables;
import java.nio.file.Paths;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module's docs document exactly the declared options, with their defaults. */
class OptionsDocTest {

    @Test
    void debeziumFormatOptions() throws Exception {
        OptionTables.check(
                Paths.get("../docs/debezium-json-ext.md"),
                new DebeziumExtFormatFactory(),
                Set.of());
    }

    @Test
    void finalSinkOptions() throws Exception {
        OptionTables.check(
                Paths.get("../docs/final-sink.md"), new FinalTableSinkFactory(), Set.of());
    }
}
