package io.github.flinkpack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkpack.demo.PackJars;
import org.junit.jupiter.api.Test;

/**
 * Every drop-in jar records the Flink it was built for, and the demo refuses to start the other
 * line's distribution with it.
 */
class BuiltForFlinkTest {

    private static final String BUILT_FOR = System.getProperty("flinkpack.flink.version");

    @Test
    void everyJarNamesTheFlinkOfThisBuild() throws Exception {
        for (String module : PackJars.MODULES) {
            assertThat(PackJars.builtFor(PackJars.of(module))).as(module).isEqualTo(BUILT_FOR);
        }
    }

    @Test
    void theOtherLineIsRefusedWithTheBuildCommand() throws Exception {
        String line = BUILT_FOR.substring(0, BUILT_FOR.lastIndexOf('.'));
        PackJars.checkBuiltFor(line);

        String other = line.startsWith("1.") ? "2.3" : "1.20";
        assertThatThrownBy(() -> PackJars.checkBuiltFor(other))
                .hasMessageContaining("was built for Flink " + BUILT_FOR)
                .hasMessageContaining("the Flink to start is " + other)
                .hasMessageContaining(
                        other.equals("1.20")
                                ? "mvn package -DskipTests -Pflink-1.20"
                                : "mvn package -DskipTests).");
    }
}
