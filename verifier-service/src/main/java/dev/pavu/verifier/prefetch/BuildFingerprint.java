package dev.pavu.verifier.prefetch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A SHA-256 over what decides a Maven project's dependency resolution, so that a worker resolves two sources with the
 * same build files once (a user's next commit usually changes code, not poms): the resolution settings, then, in path
 * order, every {@code *.xml} file outside {@code src} directories (the poms, also modules' poms with other names) and
 * every file under the root's {@code .mvn/} (extensions, {@code maven.config}, the wrapper's properties), each as its
 * path, its size and its bytes. Files are read as bytes, nothing is parsed, and no symbolic link is followed: a link
 * counts as its target's name. {@code .git}, {@code target} and {@code node_modules} directories are not entered.
 * <p>
 * There is no fingerprint (the source is resolved as before) when a pom may activate a profile by a file's presence
 * ({@code <activation>} with {@code <file>}: the resolution then depends on other files), or when the tree holds more
 * than {@value #MAX_FILES} such files, {@value #MAX_BYTES} bytes of them, or is deeper than {@value #MAX_DEPTH}.
 *
 * @param sha256 the fingerprint, 64 lower-case hex digits
 * @param files  how many files it covers
 */
public record BuildFingerprint(String sha256, int files) {

    /** Build files covered at most. */
    static final int MAX_FILES = 2_000;
    /** Bytes of build files covered at most (16 MiB). */
    static final long MAX_BYTES = 16L << 20;
    /** Directory depth walked at most. */
    static final int MAX_DEPTH = 32;
    private static final Set<String> NOT_ENTERED = Set.of(".git", "target", "node_modules");

    /**
     * @param root     a checked-out project (absolute)
     * @param settings what else decides the resolution (repositories, default plugins, the local repository, the JDK),
     *                 one string
     * @return the fingerprint, or empty when the project has none (see the class comment)
     * @throws UncheckedIOException when the tree cannot be read
     */
    public static Optional<BuildFingerprint> of(Path root, String settings) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        long[] bytes = {0};
        boolean[] refused = {false};
        try {
            Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    if (!dir.equals(root) && (NOT_ENTERED.contains(name) || name.equals("src") && !underMvn(root, dir))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (root.relativize(dir).getNameCount() >= MAX_DEPTH) {
                        refused[0] = true;
                        return FileVisitResult.TERMINATE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String rel = root.relativize(file).toString().replace('\\', '/');
                    if (!rel.endsWith(".xml") && !underMvn(root, file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    byte[] content;
                    if (attrs.isSymbolicLink()) {
                        content = ("link to " + Files.readSymbolicLink(file)).getBytes(StandardCharsets.UTF_8);
                    } else if (attrs.isRegularFile()) {
                        if (bytes[0] + attrs.size() > MAX_BYTES) {
                            refused[0] = true;
                            return FileVisitResult.TERMINATE;
                        }
                        content = Files.readAllBytes(file);
                    } else {
                        return FileVisitResult.CONTINUE;
                    }
                    bytes[0] += content.length;
                    files.put(rel, content);
                    if (files.size() > MAX_FILES || activatesByFile(content)) {
                        refused[0] = true;
                        return FileVisitResult.TERMINATE;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build files of " + root + ": " + e.getMessage(), e);
        }
        if (refused[0] || files.isEmpty()) {
            return Optional.empty();
        }
        MessageDigest sha = newDigest();
        update(sha, settings.getBytes(StandardCharsets.UTF_8));
        files.forEach((path, content) -> {
            update(sha, path.getBytes(StandardCharsets.UTF_8));
            update(sha, content);
        });
        return Optional.of(new BuildFingerprint(HexFormat.of().formatHex(sha.digest()), files.size()));
    }

    /** @return the first 12 hex digits, for logs */
    public String shortId() {
        return sha256.substring(0, 12);
    }

    private static boolean underMvn(Path root, Path p) {
        Path rel = root.relativize(p);
        return rel.getNameCount() > 0 && rel.getName(0).toString().equals(".mvn");
    }

    /** A profile activated by a file's presence or absence: {@code <activation>…<file>}. */
    private static boolean activatesByFile(byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        int activation = text.indexOf("<activation>");
        return activation >= 0 && text.indexOf("<file>", activation) >= 0;
    }

    /** Length-prefixed, so that no two different sequences of parts hash alike. */
    private static void update(MessageDigest sha, byte[] part) {
        long n = part.length;
        for (int i = 7; i >= 0; i--) {
            sha.update((byte) (n >>> (8 * i)));
        }
        sha.update(part);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
