package dev.pavu.updater.graph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Java files of a checked-out (hostile) project and copies the acceptable ones into a private staging tree,
 * one staging source root per source root of the project, laid out by package. The symbol solver is pointed at the
 * staging roots only: it can never read a file the walk did not accept (a symbolic link, a special file, a file over
 * the size limit), whatever type name the code asks it to resolve.
 *
 * <p>The walk never follows a symbolic link (a link, to a file or a directory, is counted and skipped, so a link loop
 * cannot loop), skips special files (FIFOs, devices, sockets), the directories {@code .git}, {@code target},
 * {@code build} and {@code node_modules}, file names that are not {@code <Java identifier>.java}, and reads each file
 * through {@link LinkOption#NOFOLLOW_LINKS} with at most {@link Limits#maxFileBytes()} + 1 bytes.
 */
final class JavaSources {

    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "build", "node_modules");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*\\.java");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([A-Za-z_$][A-Za-z0-9_$]*(?:\\s*\\.\\s*[A-Za-z_$][A-Za-z0-9_$]*)*)\\s*;");
    private static final Pattern TEST_FILE = Pattern.compile(".*(Test|Tests|IT)\\.java");

    private JavaSources() {
    }

    /**
     * Bounds of one build.
     *
     * @param maxFiles      Java files read at most
     * @param maxFileBytes  largest Java file read, bytes
     * @param maxTotalBytes largest sum of Java file sizes read, bytes
     * @param deadlineNanos {@link System#nanoTime()} after which nothing more is read
     */
    record Limits(int maxFiles, long maxFileBytes, long maxTotalBytes, long deadlineNanos) {
        boolean expired() {
            return System.nanoTime() - deadlineNanos > 0;
        }
    }

    /**
     * One accepted file.
     *
     * @param path   its path in the project, relative, {@code /}-separated
     * @param staged its copy in the staging tree
     * @param test   whether it is test code (a {@code test}/{@code tests} directory, or named {@code *Test.java},
     *               {@code *Tests.java}, {@code *IT.java})
     */
    record SourceFile(String path, Path staged, boolean test) {
    }

    /**
     * The staging tree.
     *
     * @param roots     staging source roots (for the symbol solver)
     * @param files     accepted files in walk order
     * @param skipped   Java files not read (too large, a bad name, a second file of the same type, past a limit)
     * @param links     symbolic links and special files skipped
     * @param truncated the limit that stopped the walk, or {@code null}
     */
    record Staged(List<Path> roots, List<SourceFile> files, int skipped, int links, String truncated) {
    }

    /**
     * Walks {@code project} and copies its acceptable Java files below {@code staging}.
     *
     * @param project the checked-out project (only read)
     * @param staging an empty directory of the updater's own
     * @param limits  the bounds
     * @return what was staged and skipped
     * @throws IOException when the staging tree cannot be written or the project's root cannot be read
     */
    static Staged stage(Path project, Path staging, Limits limits) throws IOException {
        Walk walk = new Walk(project, staging, limits);
        if (!Files.isDirectory(project, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(project + " is not a directory");
        }
        Files.walkFileTree(project, EnumSet.noneOf(java.nio.file.FileVisitOption.class), 64, walk);
        return new Staged(List.copyOf(walk.roots.values()), List.copyOf(walk.files), walk.skipped, walk.links,
                walk.truncated);
    }

    private static final class Walk extends SimpleFileVisitor<Path> {
        private final Path project;
        private final Path staging;
        private final Limits limits;
        private final Map<String, Path> roots = new LinkedHashMap<>();
        private final List<SourceFile> files = new ArrayList<>();
        private final Set<Path> stagedPaths = new java.util.HashSet<>();
        private int skipped;
        private int links;
        private long bytes;
        private String truncated;

        Walk(Path project, Path staging, Limits limits) {
            this.project = project;
            this.staging = staging;
            this.limits = limits;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (attrs.isSymbolicLink()) {
                links++;
                return FileVisitResult.SKIP_SUBTREE;
            }
            Path name = dir.getFileName();
            return !dir.equals(project) && name != null && SKIPPED_DIRS.contains(name.toString())
                    ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            if (attrs.isSymbolicLink() || attrs.isOther()) {
                links++;
                return FileVisitResult.CONTINUE;
            }
            String name = file.getFileName().toString();
            if (!attrs.isRegularFile() || !name.endsWith(".java")) {
                return FileVisitResult.CONTINUE;
            }
            if (truncated != null) {
                skipped++;
                return FileVisitResult.CONTINUE;
            }
            if (limits.expired()) {
                truncated = "time limit reached while reading files";
            } else if (files.size() >= limits.maxFiles()) {
                truncated = "more than " + limits.maxFiles() + " Java files (pavu.graph.max-files)";
            } else if (bytes + Math.min(attrs.size(), limits.maxFileBytes()) > limits.maxTotalBytes()) {
                truncated = "more than " + limits.maxTotalBytes() + " bytes of Java (pavu.graph.max-total-bytes)";
            }
            if (truncated != null || attrs.size() > limits.maxFileBytes() || !FILE_NAME.matcher(name).matches()) {
                skipped++;
                return FileVisitResult.CONTINUE;
            }
            byte[] content = read(file, limits.maxFileBytes());
            if (content == null) {
                skipped++; // grew past the limit since it was listed
                return FileVisitResult.CONTINUE;
            }
            bytes += content.length;
            stageFile(file, name, content);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
            links++; // unreadable (a loop the walk refused, a permission): not read
            return FileVisitResult.CONTINUE;
        }

        private void stageFile(Path file, String name, byte[] content) throws IOException {
            String rel = project.relativize(file).toString().replace('\\', '/');
            String text = new String(content, java.nio.charset.StandardCharsets.UTF_8);
            Matcher m = PACKAGE.matcher(text);
            String pkg = m.find() ? m.group(1).replaceAll("\\s+", "") : "";
            String pkgPath = pkg.replace('.', '/');
            String dir = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')) : "";
            // the project's source root: the file's directory less its package path (where the package and the
            // directory disagree, the directory itself)
            String root = !pkgPath.isEmpty() && (dir.equals(pkgPath) || dir.endsWith("/" + pkgPath))
                    ? dir.substring(0, dir.length() - pkgPath.length()) : dir;
            Path stagingRoot = roots.computeIfAbsent(root, r -> staging.resolve("r" + roots.size()));
            Path target = pkgPath.isEmpty() ? stagingRoot.resolve(name) : stagingRoot.resolve(pkgPath).resolve(name);
            if (!target.normalize().startsWith(stagingRoot) || !stagedPaths.add(target)) {
                skipped++; // a second file of the same type in one root
                return;
            }
            Files.createDirectories(target.getParent());
            Files.write(target, content);
            boolean test = TEST_FILE.matcher(name).matches()
                    || ("/" + dir + "/").matches(".*/(test|tests)/.*");
            files.add(new SourceFile(rel, target, test));
        }
    }

    /** The file's bytes, or {@code null} when it holds more than {@code max}; never through a symbolic link. */
    private static byte[] read(Path file, long max) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            return b.length > max ? null : b;
        }
    }
}
