package io.github.flinkpack.testing.redis;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;

/** Finds the real {@code redis-server} and {@code redis-cli} binaries the fixtures start. */
public final class RedisBinaries {

    public static final String SERVER_ENV = "REDIS_SERVER_BIN";
    public static final String CLI_ENV = "REDIS_CLI_BIN";

    static final String HOW_TO_INSTALL =
            "Install it with 'apt-get install -y redis-server' (Debian/Ubuntu; 'bash .ci/run' does"
                    + " this for you), put redis-server on PATH or point "
                    + SERVER_ENV
                    + " at the binary, or set REDIS_URL to an external server for the"
                    + " standalone tests.";

    private RedisBinaries() {}

    public static Path server() {
        return find(SERVER_ENV, "redis-server")
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "redis-server was not found on PATH and "
                                                + SERVER_ENV
                                                + " is not set. "
                                                + HOW_TO_INSTALL));
    }

    public static Path cli() {
        Optional<Path> besideServer =
                find(SERVER_ENV, "redis-server")
                        .map(server -> server.resolveSibling("redis-cli"))
                        .filter(Files::isExecutable);
        return find(CLI_ENV, "redis-cli")
                .or(() -> besideServer)
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "redis-cli was not found on PATH and "
                                                + CLI_ENV
                                                + " is not set. It ships with redis-server"
                                                + " (Debian package redis-tools). "
                                                + HOW_TO_INSTALL));
    }

    /** The redis-server binary the given environment names, if any. */
    static Optional<Path> findServer(Map<String, String> env) {
        return find(env, SERVER_ENV, "redis-server");
    }

    private static Optional<Path> find(String envVariable, String executable) {
        return find(System.getenv(), envVariable, executable);
    }

    private static Optional<Path> find(
            Map<String, String> env, String envVariable, String executable) {
        String fromEnv = env.get(envVariable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path path = Paths.get(fromEnv);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException(
                        envVariable
                                + "="
                                + fromEnv
                                + " is not an executable file. "
                                + HOW_TO_INSTALL);
            }
            return Optional.of(path);
        }
        String pathVariable = env.getOrDefault("PATH", "");
        for (String dir : pathVariable.split(File.pathSeparator)) {
            Path candidate = Paths.get(dir, executable);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
