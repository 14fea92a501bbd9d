package dev.pavu.cli.git;

import dev.pavu.cli.CliException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and rewrites the file names of a git-style unified diff ({@code a/} and {@code b/} prefixes), telling
 * header lines from hunk lines by the hunks' line counts, so a removed line that reads {@code -- a/x} is never taken
 * for a header.
 */
public final class PatchPaths {

    private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,(\\d+))? \\+\\d+(?:,(\\d+))? @@.*");
    private static final Pattern GIT_HEADER = Pattern.compile("^diff --git a/(\\S+) b/(\\S+)$");

    private PatchPaths() {
    }

    /**
     * The repository-relative paths a diff touches, each checked to stay inside the working tree.
     *
     * @param diff a git-style unified diff
     * @return the paths in order of first appearance, without {@code a/}/{@code b/} prefixes; {@code /dev/null} left out
     * @throws CliException (exit 1) when a path is absolute, climbs out with {@code ..}, or names {@code .git}
     */
    public static List<String> files(String diff) {
        Set<String> paths = new LinkedHashSet<>();
        rewrite(diff, "", paths);
        return List.copyOf(paths);
    }

    /**
     * The same diff with every file name moved below {@code prefix}, for a project that is a subdirectory of its
     * git working tree (the job saw the subdirectory as its root).
     *
     * @param diff   a git-style unified diff
     * @param prefix the subdirectory, {@code /}-separated, without a trailing slash; empty for none
     * @return the rewritten diff (the same text when {@code prefix} is empty)
     * @throws CliException (exit 1) for a path that leaves the working tree, as {@link #files(String)}
     */
    public static String underPrefix(String diff, String prefix) {
        return rewrite(diff, prefix.isEmpty() ? "" : prefix + "/", new LinkedHashSet<>());
    }

    private static String rewrite(String diff, String prefix, Set<String> paths) {
        List<String> out = new ArrayList<>();
        int oldLeft = 0;
        int newLeft = 0;
        for (String line : diff.split("\n", -1)) {
            if (oldLeft > 0 || newLeft > 0) {
                char c = line.isEmpty() ? ' ' : line.charAt(0);
                if (c == ' ') {
                    oldLeft--;
                    newLeft--;
                } else if (c == '-') {
                    oldLeft--;
                } else if (c == '+') {
                    newLeft--;
                }
                out.add(line); // '\' (no newline at end of file) counts for neither side
                continue;
            }
            Matcher hunk = HUNK.matcher(line);
            Matcher git = GIT_HEADER.matcher(line);
            if (hunk.matches()) {
                oldLeft = hunk.group(1) == null ? 1 : Integer.parseInt(hunk.group(1));
                newLeft = hunk.group(2) == null ? 1 : Integer.parseInt(hunk.group(2));
                out.add(line);
            } else if (git.matches()) {
                out.add("diff --git a/" + checked(git.group(1), prefix, paths) + " b/" + checked(git.group(2), prefix, paths));
            } else if (line.startsWith("--- ") || line.startsWith("+++ ")) {
                String name = line.substring(4).split("\t", 2)[0];
                if (name.equals("/dev/null")) {
                    out.add(line);
                } else if (name.startsWith("a/") || name.startsWith("b/")) {
                    out.add(line.substring(0, 4) + name.substring(0, 2) + checked(name.substring(2), prefix, paths));
                } else {
                    throw CliException.failed("the patch names '" + name + "' without the a/ or b/ prefix; "
                            + "print it with 'pavu patch ID' and apply it by hand");
                }
            } else if (line.startsWith("rename from ") || line.startsWith("rename to ")) {
                int at = line.indexOf(' ', 7) + 1;
                out.add(line.substring(0, at) + checked(line.substring(at), prefix, paths));
            } else {
                out.add(line);
            }
        }
        return String.join("\n", out);
    }

    private static String checked(String path, String prefix, Set<String> paths) {
        boolean escapes = path.startsWith("/") || path.contains("\\");
        for (String part : path.split("/")) {
            escapes |= part.equals("..") || part.equals(".git") || part.isEmpty();
        }
        if (escapes) {
            throw CliException.failed("the patch names '" + path + "', which is outside the project or inside .git; "
                    + "it was not applied");
        }
        paths.add(path);
        return prefix + path;
    }
}
