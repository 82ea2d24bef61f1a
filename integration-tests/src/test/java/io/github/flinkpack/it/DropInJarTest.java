package io.github.flinkpack.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Opens each module's built jar, the file a user drops into Flink's lib/, and checks that it is
 * self-contained without clashing with anything else there.
 */
class DropInJarTest {

    private static final String PROJECT_PACKAGE = "io/github/flinkpack/";
    private static final String FACTORY_SERVICE =
            "META-INF/services/org.apache.flink.table.factories.Factory";
    private static final int JAVA_11_CLASS_VERSION = 55;

    /**
     * Module, a class it contains, the factories it must register, and a shaded library class (null
     * for a module without third-party dependencies).
     */
    static Stream<Arguments> modules() {
        return Stream.of(
                Arguments.of(
                        "flink-connector-redis",
                        "io.github.flinkpack.redis.table.RedisDynamicTableFactory",
                        List.of("io.github.flinkpack.redis.table.RedisDynamicTableFactory"),
                        "io/github/flinkpack/shaded/redis/clients/jedis/Jedis.class"),
                Arguments.of(
                        "flink-udf-arrays",
                        "io.github.flinkpack.arrays.module.ArrayFunctionsModuleFactory",
                        List.of("io.github.flinkpack.arrays.module.ArrayFunctionsModuleFactory"),
                        null),
                Arguments.of(
                        "flink-udf-json",
                        "io.github.flinkpack.json.module.JsonFunctionsModuleFactory",
                        List.of("io.github.flinkpack.json.module.JsonFunctionsModuleFactory"),
                        "io/github/flinkpack/shaded/com/fasterxml/jackson/core/JsonFactory.class"),
                Arguments.of(
                        "flink-format-debezium-ext",
                        "io.github.flinkpack.debezium.format.DebeziumExtFormatFactory",
                        List.of(
                                "io.github.flinkpack.debezium.format.DebeziumExtFormatFactory",
                                "io.github.flinkpack.finalrows.FinalTableSinkFactory"),
                        null));
    }

    /** The built jar of a module, as the build passes it (run with 'mvn verify'). */
    static Path builtJar(String module) {
        String path = System.getProperty("flinkpack.jar." + module);
        assertThat(path)
                .as("system property flinkpack.jar.%s (set by integration-tests/pom.xml)", module)
                .isNotNull();
        Path jar = Paths.get(path);
        assertThat(jar)
                .as("%s must be built first: run the tests with 'mvn verify'", jar)
                .isRegularFile();
        return jar;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void jarIsSelfContainedAndRelocated(
            String module, String probeClass, List<String> factories, String shadedClass)
            throws Exception {
        Path jar = builtJar(module);
        assertThat(jar.getFileName().toString()).startsWith(module + "-");
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> classes =
                    Collections.list(file.entries()).stream()
                            .map(JarEntry::getName)
                            .filter(name -> name.endsWith(".class"))
                            .collect(Collectors.toList());

            assertThat(classes)
                    .as("third-party classes must be relocated under %s", PROJECT_PACKAGE)
                    .allMatch(name -> name.startsWith(PROJECT_PACKAGE));
            assertThat(classes)
                    .as("Flink is provided")
                    .noneMatch(n -> n.contains("org/apache/flink/"));
            if (shadedClass != null) {
                assertThat(classes).contains(shadedClass);
            }

            List<String> services = readLines(file, FACTORY_SERVICE);
            assertThat(services).containsAll(factories);
            for (String service : services) {
                assertThat(file.getEntry(service.replace('.', '/') + ".class"))
                        .as("service entry %s points at a class in the jar", service)
                        .isNotNull();
            }
            for (String otherService : serviceFiles(file)) {
                assertThat(readLines(file, otherService))
                        .as("%s names only relocated classes", otherService)
                        .allMatch(line -> line.startsWith("io.github.flinkpack."));
            }

            assertThat(
                            file.getEntry("META-INF/LICENSE") != null
                                    || file.getEntry("META-INF/LICENSE.txt") != null)
                    .as("licence kept")
                    .isTrue();

            List<String> tooNew = new ArrayList<>();
            for (String name : classes) {
                if (!name.startsWith("META-INF/versions/")
                        && classVersion(file, name) > JAVA_11_CLASS_VERSION) {
                    tooNew.add(name);
                }
            }
            assertThat(tooNew).as("classes newer than Java 11").isEmpty();
        }
    }

    private static List<String> serviceFiles(JarFile file) {
        return Collections.list(file.entries()).stream()
                .map(JarEntry::getName)
                .filter(n -> n.startsWith("META-INF/services/") && !n.endsWith("/"))
                .filter(n -> !n.equals(FACTORY_SERVICE))
                .collect(Collectors.toList());
    }

    private static List<String> readLines(JarFile file, String entry) throws IOException {
        JarEntry jarEntry = file.getJarEntry(entry);
        assertThat(jarEntry).as("%s in %s", entry, file.getName()).isNotNull();
        try (InputStream in = file.getInputStream(jarEntry)) {
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toList());
        }
    }

    private static int classVersion(JarFile file, String entry) throws IOException {
        try (DataInputStream in =
                new DataInputStream(file.getInputStream(file.getJarEntry(entry)))) {
            in.readInt(); // magic
            in.readUnsignedShort(); // minor
            return in.readUnsignedShort();
        }
    }
}
