package dev.pavu.cli.bench;

import dev.pavu.workspace.diff.PatchRejectedException;
import dev.pavu.workspace.diff.UnifiedDiffs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Whether a plausible patch is the reference fix: both are applied ({@link UnifiedDiffs#apply}) to fresh copies of
 * the program and the resulting trees compared byte for byte. Equal files mean an equal fix, whatever the
 * diffs' context, hunk layout or headers. The program's folder is only read.
 */
public final class ReferenceComparison {

    /** Folders never copied: build output and repository metadata. */
    static final Set<String> SKIPPED = Set.of("target", "build", ".git", "node_modules");

    /**
     * @param equal {@code true}/{@code false}, or {@code null} when it cannot be told (no or unusable reference)
     * @param note  why it could not be told, or why the patch did not apply; {@code null} otherwise
     */
    public record Result(Boolean equal, String note) {
    }

    private ReferenceComparison() {
    }

    /**
     * @param programDir the program's folder (holding {@value BenchProgram#REFERENCE_DIFF})
     * @param patch      the plausible patch, a unified diff relative to the folder
     * @return equal, different, or unknown with a note
     */
    public static Result compare(Path programDir, String patch) {
        Path reference = programDir.resolve(BenchProgram.REFERENCE_DIFF);
        if (!Files.isRegularFile(reference)) {
            return new Result(null, "no " + BenchProgram.REFERENCE_DIFF + " to compare with");
        }
        String referenceDiff;
        try {
            referenceDiff = Files.readString(reference, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Result(null, "cannot read " + reference + ": " + e.getMessage());
        }
        return compare(programDir, referenceDiff, patch);
    }

    /**
     * @param programDir    the program's folder as it is committed (the buggy version)
     * @param referenceDiff the reference fix
     * @param patch         the plausible patch
     * @return equal, different, or unknown with a note
     */
    public static Result compare(Path programDir, String referenceDiff, String patch) {
        Path work = null;
        try {
            work = Files.createTempDirectory("pavu-bench-compare-");
            Path fixed = copy(programDir, work.resolve("reference"));
            Path patched = copy(programDir, work.resolve("patch"));
            try {
                UnifiedDiffs.apply(fixed, referenceDiff);
            } catch (PatchRejectedException e) {
                return new Result(null, BenchProgram.REFERENCE_DIFF + " does not apply: " + e.getMessage());
            }
            try {
                UnifiedDiffs.apply(patched, patch == null ? "" : patch);
            } catch (PatchRejectedException e) {
                return new Result(false, "the patch does not apply to a fresh copy: " + e.getMessage());
            }
            return new Result(files(fixed).equals(files(patched)), null);
        } catch (IOException | UncheckedIOException e) {
            return new Result(null, "cannot compare with the reference: " + e.getMessage());
        } finally {
            delete(work);
        }
    }

    /**
     * Copies a program's folder, leaving out {@link #SKIPPED} folders and the given top-level files.
     *
     * @param from    the program's folder
     * @param to      the copy (created)
     * @param leftOut names of top-level files not copied
     * @return {@code to}
     * @throws IOException when reading or writing fails
     */
    static Path copy(Path from, Path to, String... leftOut) throws IOException {
        Set<String> out = Set.of(leftOut);
        Files.createDirectories(to);
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && SKIPPED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path rel = from.relativize(file);
                if (rel.getNameCount() == 1 && out.contains(rel.toString())) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(rel.toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return to;
    }

    /** @return every file below {@code root}: relative path ({@code /} separators) → its bytes, wrapped for equals */
    private static Map<String, Bytes> files(Path root) throws IOException {
        Map<String, Bytes> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), new Bytes(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    /** A byte array compared by content. */
    private record Bytes(byte[] content) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(content, b.content);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(content);
        }
    }

    /** Deletes a tree, best effort. */
    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
