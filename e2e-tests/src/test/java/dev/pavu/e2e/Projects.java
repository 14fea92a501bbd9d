package dev.pavu.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The fixture projects and what tests do with them: copy, run Maven. */
final class Projects {
    private Projects() {
    }

    /** @return {@code examples/<name>} or {@code e2e-tests/projects/<name>} */
    static Path named(String name) {
        Path root = LocalStackExtension.root();
        Path example = root.resolve("examples").resolve(name);
        return Files.isDirectory(example) ? example : root.resolve("e2e-tests/projects").resolve(name);
    }

    /** @return {@code e2e-tests/hostile/<name>}: a fixture of the containment suite (placeholders not filled in) */
    static Path hostile(String name) {
        return LocalStackExtension.root().resolve("e2e-tests/hostile").resolve(name);
    }

    /**
     * Deletes a folder tree, ignoring what cannot be deleted (temporary folders of a test). A file that vanishes
     * while the tree is walked (a service still cleaning up in it) is not an error: the walk is tried again, up to
     * three times.
     */
    static void deleteQuietly(Path dir) {
        for (int attempt = 0; attempt < 3 && Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS); attempt++) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        // left for the OS to clean
                    }
                });
            } catch (IOException | java.io.UncheckedIOException e) {
                // a file vanished during the walk, or cannot be read: walk again, then leave it to the OS
            }
        }
    }

    /** Copies a project (without build output) into a fresh temporary folder. */
    static Path freshCopy(Path project) throws IOException {
        Path target = Files.createTempDirectory("pavu-e2e-copy");
        try (Stream<Path> files = Files.walk(project)) {
            for (Path p : files.toList()) {
                Path rel = project.relativize(p);
                if (rel.toString().startsWith("target")) {
                    continue;
                }
                Path dst = target.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(p, dst, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }

    /** Runs {@code mvn -B -q -o test} in a folder; returns the exit code (124 on a 5-minute timeout). */
    static int mavenTest(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("mvn", "-B", "-q", "-o", "test")).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mvn-test.log").toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            return 124;
        }
        return p.exitValue();
    }
}
