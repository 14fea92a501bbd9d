package dev.pavu.verifier.report;

import io.quarkus.logging.Log;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the report directories of a project after its tests ran (surefire's {@code target/surefire-reports},
 * Gradle's {@code build/test-results}, a test command's own folder): one walk of the tree that never follows a
 * link (the tree is the submitted project's) and does not descend into a report directory or a skipped one.
 */
final class ReportDirs {

    private ReportDirs() {
    }

    /**
     * @param root        the project root
     * @param isReportDir which directories are report directories (their subtrees are not walked further)
     * @param skipNames   directory names never descended into, e.g. {@code .git}, {@code node_modules}
     * @return the report directories found, in walk order; empty when {@code root} is not a directory
     */
    static List<Path> find(Path root, Predicate<Path> isReportDir, Set<String> skipNames) {
        List<Path> dirs = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return dirs;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (isReportDir.test(dir)) {
                        dirs.add(dir);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return skipNames.contains(name) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            Log.debugf("cannot walk %s: %s", root, e.getMessage());
        }
        return dirs;
    }

    /**
     * @param dir    a directory
     * @param name   its expected name
     * @param parent its parent's expected name
     * @return whether {@code dir} is {@code …/<parent>/<name>}
     */
    static boolean named(Path dir, String name, String parent) {
        Path p = dir.getParent();
        return dir.getFileName() != null && dir.getFileName().toString().equals(name)
                && p != null && p.getFileName() != null && p.getFileName().toString().equals(parent);
    }
}
