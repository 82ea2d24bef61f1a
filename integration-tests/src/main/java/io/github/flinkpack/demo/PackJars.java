package io.github.flinkpack.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** The drop-in jars of the pack as built: system property {@code flinkpack.jar.<module>}. */
public final class PackJars {

    public static final List<String> MODULES =
            List.of(
                    "flink-connector-redis",
                    "flink-udf-arrays",
                    "flink-udf-json",
                    "flink-format-debezium-ext");

    private PackJars() {}

    public static Path of(String module) {
        String path = System.getProperty("flinkpack.jar." + module);
        if (path == null) {
            throw new IllegalStateException(
                    "System property flinkpack.jar."
                            + module
                            + " is not set (integration-tests/pom.xml and demo.sh set it)");
        }
        Path jar = Paths.get(path);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is not built: run 'mvn package -DskipTests' (or 'mvn verify') first");
        }
        return jar;
    }
}
