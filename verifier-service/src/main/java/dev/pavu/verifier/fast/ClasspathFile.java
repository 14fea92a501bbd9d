package dev.pavu.verifier.fast;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code target/pavu-test-classpath.txt}, which the project's own (hostile) build writes, and accepts only
 * entries the warm JVM and the verifier's compiler may read: absolute paths that, normalised and with every symbolic
 * link resolved, lie inside the project's workspace or the local Maven repository and exist. Anything else
 * ({@code /}, {@code /root}, {@code ../..}, a link out of the workspace, a missing file) is refused and reported —
 * those entries would become read-only mounts of the warm JVM's sandbox and the classpath of the verifier's own javac.
 */
public final class ClasspathFile {

    /** Longest classpath file read, bytes. */
    static final long MAX_BYTES = 4L << 20;

    private ClasspathFile() {
    }

    /**
     * @param entries the accepted entries, in order, as real paths
     * @param refused one line per refused entry: the entry and why
     */
    public record Read(List<Path> entries, List<String> refused) {
        public Read {
            entries = List.copyOf(entries);
            refused = List.copyOf(refused);
        }
    }

    /**
     * @param file       the classpath file ({@code File.pathSeparator}-separated)
     * @param workspace  the project's workspace (the baseline checkout)
     * @param repository the local Maven repository
     * @return the accepted and the refused entries
     * @throws IOException when the file cannot be read, is a link, or is larger than 4 MB
     */
    public static Read read(Path file, Path workspace, Path repository) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is not a regular file");
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + " is larger than " + MAX_BYTES + " bytes");
        }
        List<Path> given = new ArrayList<>();
        List<Path> roots = new ArrayList<>();
        for (Path r : List.of(workspace, repository)) {
            if (Files.isDirectory(r)) {
                given.add(r.toAbsolutePath().normalize());
                roots.add(r.toRealPath());
            }
        }
        given.addAll(roots);
        List<Path> ok = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String raw : Files.readString(file, StandardCharsets.UTF_8).trim().split(java.io.File.pathSeparator)) {
            String s = raw.trim();
            if (s.isEmpty()) {
                continue;
            }
            String why = check(s, given, roots);
            if (why == null) {
                ok.add(Path.of(s).toRealPath());
            } else {
                refused.add("'" + (s.length() > 200 ? s.substring(0, 200) + "…" : s) + "' " + why);
            }
        }
        return new Read(ok, refused);
    }

    private static String check(String entry, List<Path> given, List<Path> roots) {
        Path p;
        try {
            p = Path.of(entry);
        } catch (RuntimeException e) {
            return "is not a path";
        }
        if (!p.isAbsolute()) {
            return "is not absolute";
        }
        Path n = p.normalize();
        if (given.stream().noneMatch(n::startsWith)) {
            return "is outside the workspace and the local Maven repository";
        }
        Path real;
        try {
            real = n.toRealPath();
        } catch (IOException e) {
            return "does not exist";
        }
        if (roots.stream().noneMatch(real::startsWith)) {
            return "leads through a symbolic link to " + real + ", outside the workspace and the local Maven repository";
        }
        if (roots.stream().anyMatch(real::equals)) {
            return "is the whole workspace or repository";
        }
        return null;
    }
}
