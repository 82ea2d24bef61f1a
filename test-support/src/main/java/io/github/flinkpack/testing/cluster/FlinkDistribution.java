package io.github.flinkpack.testing.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Flink distribution folder that the {@code flinkpack-flink-dist} module assembles from Maven
 * artifacts: {@code lib/} with the runtime, table planner, SQL client, SQL Gateway and Kafka
 * connector jars of one Flink line, and {@code conf/log4j.properties}.
 */
public final class FlinkDistribution {

    /** System property naming the folder; set by the integration tests' build. */
    public static final String HOME_PROPERTY = "flinkpack.flink.home";

    private static final Pattern RUNTIME_JAR =
            Pattern.compile("flink-runtime-(\\d+)\\.(\\d+).*\\.jar");

    private final Path home;
    private final String version;

    private FlinkDistribution(Path home, String version) {
        this.home = home;
        this.version = version;
    }

    /** The distribution named by {@value #HOME_PROPERTY}. */
    public static FlinkDistribution fromSystemProperty() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null) {
            throw new IllegalStateException(
                    "System property "
                            + HOME_PROPERTY
                            + " is not set. It names the folder that"
                            + " 'mvn package -pl integration-tests/flink-dist -am' assembles"
                            + " (integration-tests/flink-dist/target/flink-<version>).");
        }
        return at(Paths.get(home));
    }

    public static FlinkDistribution at(Path home) {
        Path lib = home.resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(
                    "No Flink distribution at "
                            + home
                            + ": build it with 'mvn package -pl integration-tests/flink-dist -am'"
                            + " (add -Pflink-1.20 for the 1.20 line).");
        }
        try (Stream<Path> jars = Files.list(lib)) {
            String version =
                    jars.map(jar -> RUNTIME_JAR.matcher(jar.getFileName().toString()))
                            .filter(Matcher::matches)
                            .map(m -> m.group(1) + "." + m.group(2))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "No flink-runtime jar in " + lib));
            return new FlinkDistribution(home.toAbsolutePath(), version);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + lib, e);
        }
    }

    public Path home() {
        return home;
    }

    /** Major.minor, e.g. {@code 2.3} or {@code 1.20}. */
    public String version() {
        return version;
    }

    /** 1.x reads {@code flink-conf.yaml}; 2.x only {@code config.yaml}. */
    public String configFileName() {
        return version.startsWith("1.") ? "flink-conf.yaml" : "config.yaml";
    }

    public List<Path> libJars() {
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            return jars.filter(p -> p.toString().endsWith(".jar"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + home.resolve("lib"), e);
        }
    }

    public Path log4jProperties() {
        return home.resolve("conf").resolve("log4j.properties");
    }
}
