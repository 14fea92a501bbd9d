package dev.pavu.verifier.prefetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Reads files of a (hostile) checked-out project without following symbolic links: a path is used only when it lies
 * below the project root after normalisation and none of its parts below the root is a symbolic link, so a pom or a
 * module that links to {@code /etc/...} or outside the checkout is refused rather than read.
 */
final class SafePaths {

    /** The largest pom read (bytes); a larger one is refused. */
    static final long MAX_POM_BYTES = 4L * 1024 * 1024;

    private SafePaths() {
    }

    /**
     * @param root the project root (absolute, normalised, itself trusted)
     * @param path a path to check (absolute, or relative to the root)
     * @return the normalised absolute path when it lies below the root with no symbolic link in it, else empty
     */
    static Optional<Path> inside(Path root, Path path) {
        Path p = root.resolve(path).normalize();
        if (!p.startsWith(root)) {
            return Optional.empty();
        }
        Path cur = root;
        for (Path part : root.relativize(p)) {
            cur = cur.resolve(part);
            if (Files.isSymbolicLink(cur)) {
                return Optional.empty();
            }
        }
        return Optional.of(p);
    }

    /**
     * @param root the project root
     * @param path a path below it ({@link #inside})
     * @return true when it is a regular file (not a link) below the root
     */
    static boolean isRegularFile(Path root, Path path) {
        return inside(root, path).map(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).orElse(false);
    }

    /**
     * @param root the project root
     * @param path a path below it
     * @return true when it is a directory (not a link) below the root
     */
    static boolean isDirectory(Path root, Path path) {
        return inside(root, path).map(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).orElse(false);
    }

    /**
     * Reads a file below the root, opened with {@code NOFOLLOW_LINKS}.
     *
     * @param root the project root
     * @param path the file
     * @return its bytes
     * @throws IOException when it is outside the root, behind a link, not a regular file, larger than
     *                     {@link #MAX_POM_BYTES} or unreadable (the message says which)
     */
    static byte[] read(Path root, Path path) throws IOException {
        Path p = inside(root, path).orElseThrow(() -> new IOException(path + " is outside the project or behind a symbolic link"));
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new IOException(root.relativize(p) + " is not a regular file");
        }
        if (a.size() > MAX_POM_BYTES) {
            throw new IOException(root.relativize(p) + " is larger than " + MAX_POM_BYTES + " bytes");
        }
        try (InputStream in = Files.newInputStream(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] b = in.readNBytes((int) MAX_POM_BYTES + 1);
            if (b.length > MAX_POM_BYTES) {
                throw new IOException(root.relativize(p) + " is larger than " + MAX_POM_BYTES + " bytes");
            }
            return b;
        }
    }
}
