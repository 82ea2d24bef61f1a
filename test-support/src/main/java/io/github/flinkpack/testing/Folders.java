package io.github.flinkpack.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch folders of servers, clusters and the demo. */
public final class Folders {

    private Folders() {}

    /** Deletes a folder and everything in it; best effort, a missing folder is fine. */
    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: a scratch folder left behind does not fail anything.
        }
    }
}
