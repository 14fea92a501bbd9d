package dev.pavu.workspace.diff;

import dev.pavu.workspace.diff.PatchRejectedException.Reason;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The path policy of patches: which repo-relative paths a diff may touch.
 *
 * <p>A path is refused when it is empty, absolute ({@code /x}, {@code C:x}, {@code ~/x}), contains a NUL or
 * another control character or a backslash, has a {@code ..} segment, has a {@code .git} segment (any case),
 * or — against a real root — resolves outside the root, goes through a symbolic link, is itself a symbolic
 * link, is a directory, or sits below a regular file. {@code .} and empty segments are dropped.
 */
public final class PathPolicy {

    private PathPolicy() {
    }

    /**
     * Checks a path from a diff header and returns its normal form.
     *
     * @param raw path as written in the diff, prefix ({@code a/}, {@code b/}) already removed
     * @return the path with {@code /} separators and without {@code .} or empty segments, e.g. {@code src/A.java}
     * @throws PatchRejectedException ({@link Reason#UNSAFE_PATH}) naming the rule that was broken
     */
    public static String normalise(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw unsafe(raw, "a file path is empty; every file header needs a repo-relative path such as 'a/src/Main.java'");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == 0) {
                throw unsafe(raw, "path " + show(raw) + " contains a NUL byte; paths must be plain repo-relative text");
            }
            if (Character.isISOControl(c)) {
                throw unsafe(raw, "path " + show(raw) + " contains a control character (code " + (int) c
                        + "); use a plain repo-relative path");
            }
            if (c == '\\') {
                throw unsafe(raw, "path " + show(raw) + " contains a backslash; use '/' as the separator of repo-relative paths");
            }
        }
        if (raw.startsWith("/")) {
            throw unsafe(raw, "path " + show(raw) + " is absolute; diffs may only name paths relative to the repository root (e.g. 'a/src/Main.java')");
        }
        if (raw.length() >= 2 && raw.charAt(1) == ':' && Character.isLetter(raw.charAt(0))) {
            throw unsafe(raw, "path " + show(raw) + " starts with a drive letter; use a path relative to the repository root");
        }
        if (raw.equals("~") || raw.startsWith("~/")) {
            throw unsafe(raw, "path " + show(raw) + " names the home directory; use a path relative to the repository root");
        }
        List<String> kept = new ArrayList<>();
        for (String segment : raw.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw unsafe(raw, "path " + show(raw) + " has a '..' segment; paths must stay inside the repository, name the file directly");
            }
            if (segment.equalsIgnoreCase(".git")) {
                throw unsafe(raw, "path " + show(raw) + " is inside .git/; patches may not touch git metadata, change working-tree files only");
            }
            kept.add(segment);
        }
        if (kept.isEmpty()) {
            throw unsafe(raw, "path " + show(raw) + " names the repository root, not a file");
        }
        return String.join("/", kept);
    }

    /**
     * Checks a normalised path against a real directory and returns the file it names.
     *
     * @param root     the repository root, as returned by {@link Path#toRealPath}
     * @param relative a path returned by {@link #normalise}
     * @return the absolute target path (which may not exist yet)
     * @throws PatchRejectedException ({@link Reason#UNSAFE_PATH}) when the target escapes the root, goes through
     *                                or is a symbolic link, is a directory, or has a regular file as an ancestor
     */
    public static Path resolve(Path root, String relative) {
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw unsafe(relative, "path " + show(relative) + " resolves outside the repository root; name a file inside it");
        }
        Path current = root;
        Path rel = root.relativize(target);
        for (int i = 0; i < rel.getNameCount(); i++) {
            current = current.resolve(rel.getName(i));
            boolean last = i == rel.getNameCount() - 1;
            if (Files.isSymbolicLink(current)) {
                throw unsafe(relative, last
                        ? "path " + show(relative) + " is a symbolic link; patches may not write through links, change the file the link points to"
                        : "path " + show(relative) + " goes through the symbolic link '" + root.relativize(current)
                                + "'; patches may not write through links, name the real directory");
            }
            if (!last && Files.exists(current, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw unsafe(relative, "path " + show(relative) + " is below '" + root.relativize(current)
                        + "', which is a file, not a directory");
            }
            if (last && Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw unsafe(relative, "path " + show(relative) + " is a directory; a diff can only change files");
            }
        }
        return target;
    }

    static String show(String path) {
        if (path == null) {
            return "''";
        }
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < path.length() && i < 200; i++) {
            char c = path.charAt(i);
            if (c == 0) {
                sb.append("\\0");
            } else if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (path.length() > 200) {
            sb.append("…");
        }
        return sb.append('\'').toString();
    }

    private static PatchRejectedException unsafe(String path, String message) {
        return new PatchRejectedException(Reason.UNSAFE_PATH, path, message);
    }
}
