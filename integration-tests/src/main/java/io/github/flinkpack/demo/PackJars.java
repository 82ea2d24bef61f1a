package io.github.flinkpack.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

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

    /** The Flink version the jar was built for ({@code Flinkpack-Built-For-Flink}), or null. */
    public static String builtFor(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest == null
                    ? null
                    : manifest.getMainAttributes().getValue("Flinkpack-Built-For-Flink");
        }
    }

    /**
     * Fails unless every jar was built for this Flink line ({@code major.minor}): a jar of the
     * other line fails later and far less clearly (a missing method in the middle of a job).
     */
    public static void checkBuiltFor(String flinkVersion) throws IOException {
        for (String module : MODULES) {
            Path jar = of(module);
            String builtFor = builtFor(jar);
            if (builtFor == null
                    || !(builtFor.equals(flinkVersion)
                            || builtFor.startsWith(flinkVersion + "."))) {
                throw new IllegalStateException(
                        String.format(
                                "%s was built for Flink %s, but the Flink to start is %s. Build"
                                        + " the pack for that line (mvn package -DskipTests%s).",
                                jar,
                                builtFor == null ? "(unknown)" : builtFor,
                                flinkVersion,
                                flinkVersion.startsWith("1.20") ? " -Pflink-1.20" : ""));
            }
        }
    }
}
