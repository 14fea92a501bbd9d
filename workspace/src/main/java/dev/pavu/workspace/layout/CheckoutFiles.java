package dev.pavu.workspace.layout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reading a checkout of someone else's repository without following its symbolic links: a link
 * {@code src/main/java/A.java -> /etc/shadow}, or a directory link {@code src -> /root}, is never read through.
 * Every path is taken relative to the checkout's root, and each of its segments must be a real directory (the
 * last a regular file); links, {@code ..} segments and absolute paths make the file absent.
 */
public final class CheckoutFiles {

    private CheckoutFiles() {
    }

    /**
     * @param root     the checkout's root
     * @param relative a path below it ({@code /} or the platform separator), e.g. {@code src/main/java/A.java}
     * @return the file when it is a regular file reached through real directories only; empty otherwise (missing,
     *         a link, below a link, a directory, absolute, with a {@code ..} segment)
     */
    public static Optional<Path> regularFile(Path root, String relative) {
        return entry(root, relative, false);
    }

    /**
     * @param root     the checkout's root
     * @param relative a path below it; empty for the root itself
     * @return whether it is a directory reached through real directories only (not a link to one)
     */
    public static boolean isDirectory(Path root, String relative) {
        return relative == null || relative.isEmpty() || relative.equals(".") ? Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)
                : entry(root, relative, true).isPresent();
    }

    /** Same as {@link #regularFile(Path, String)} {@code .isPresent()}. */
    public static boolean isRegularFile(Path root, String relative) {
        return regularFile(root, relative).isPresent();
    }

    /**
     * Reads a text file of the checkout as UTF-8, refusing links (the file is opened with {@code O_NOFOLLOW}).
     *
     * @param root     the checkout's root
     * @param relative a path below it
     * @return the text; empty when {@link #regularFile} finds no such file
     * @throws IOException when the file exists but cannot be read or is not UTF-8 (a
     *                     {@link java.nio.charset.MalformedInputException})
     */
    public static Optional<String> readString(Path root, String relative) throws IOException {
        Optional<Path> file = regularFile(root, relative);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file.get(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(in.readAllBytes())).toString());
        }
    }

    /**
     * Lists the regular files below {@code root}, never entering or returning a symbolic link.
     *
     * @param root        the checkout's root
     * @param skippedDirs directory names not entered at any level (e.g. {@code .git}, {@code target})
     * @param include     which relative paths ({@code /}-separated) to return
     * @param max         return at most this many
     * @return relative paths with {@code /} separators, in walk order
     * @throws UncheckedIOException when the tree cannot be walked
     */
    public static List<String> regularFiles(Path root, Set<String> skippedDirs, Predicate<String> include, int max) {
        List<String> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && skippedDirs.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !attrs.isSymbolicLink()) { // walkFileTree reports links unfollowed
                        String rel = root.relativize(file).toString().replace('\\', '/');
                        if (include.test(rel)) {
                            out.add(rel);
                        }
                    }
                    return out.size() >= max ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE; // unreadable entries are left out
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the files of " + root.getFileName() + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static Optional<Path> entry(Path root, String relative, boolean directory) {
        if (root == null || relative == null || relative.isBlank() || relative.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        String rel = relative.replace('\\', '/');
        if (rel.startsWith("/") || rel.matches("^[A-Za-z]:.*")) {
            return Optional.empty();
        }
        List<String> segments = new ArrayList<>();
        for (String s : rel.split("/")) {
            if (s.equals("..")) {
                return Optional.empty();
            }
            if (!s.isEmpty() && !s.equals(".")) {
                segments.add(s);
            }
        }
        Path current = root;
        for (int i = 0; i < segments.size(); i++) {
            current = current.resolve(segments.get(i));
            boolean last = i == segments.size() - 1;
            if (Files.isSymbolicLink(current)) {
                return Optional.empty();
            }
            boolean dir = Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS);
            if (!last && !dir) {
                return Optional.empty();
            }
            if (last && (directory ? !dir : !Files.isRegularFile(current, LinkOption.NOFOLLOW_LINKS))) {
                return Optional.empty();
            }
        }
        return current.equals(root) ? Optional.empty() : Optional.of(current);
    }
}
