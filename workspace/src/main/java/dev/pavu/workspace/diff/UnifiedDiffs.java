package dev.pavu.workspace.diff;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Unified diffs: parse, dry-run check, all-or-nothing apply, create and hash — in process, no {@code git} binary,
 * fast enough to check hundreds of candidate patches.
 *
 * <p>Accepted input: git-style diffs ({@code diff --git a/p b/p}, {@code ---  a/p}, {@code +++ b/p}, extended
 * headers such as {@code new file mode}, {@code deleted file mode}, {@code index}) and plain ones ({@code --- p},
 * {@code +++ p}, optional timestamps). Text around the diff (prose, code fences) is ignored. Line endings of the
 * diff itself may be LF or CRLF.
 *
 * <p>Refused ({@link PatchRejectedException}): malformed hunks (a header whose counts disagree with its body),
 * binary patches, renames and copies, and every path the {@link PathPolicy} refuses — absolute paths, {@code ..}
 * segments, anything under {@code .git/}, NUL or control characters, and, against a root, targets that are or go
 * through a symbolic link or that escape the root.
 *
 * <p>Applying keeps each file's line endings (LF, CRLF, or mixed), its UTF-8 byte-order mark, its charset, its
 * permissions, and a missing final newline (unless the diff's {@code \ No newline at end of file} markers change
 * it). Hunks may be found at an offset from their declared line number; their context must match exactly (a
 * difference between {@code \n} and {@code \r\n} is not a difference, so line-ending-only changes are not applied).
 */
public final class UnifiedDiffs {

    private UnifiedDiffs() {
    }

    /**
     * Parses a git-style or plain unified diff.
     *
     * @param diff the diff text; blank text is a valid diff that changes nothing
     * @return one {@link FilePatch} per file section, in diff order; empty for a blank diff
     * @throws PatchRejectedException when the text is not a well-formed text diff or names a path the
     *                                {@link PathPolicy} refuses; the message names the line and what to fix
     */
    public static List<FilePatch> parse(String diff) {
        return DiffParser.parse(diff);
    }

    /**
     * Checks that a diff touches no file the job protects (test sources, build and CI files; see
     * {@link ProtectedPaths}). Reads no file: call it before checking out or applying.
     *
     * @param diff  the diff text; blank text passes
     * @param rules what the job allows
     * @throws PatchRejectedException when the diff is malformed, or ({@link PatchRejectedException.Reason#PROTECTED_PATH})
     *                                touches a protected file; the message names each file and the setting that allows it
     */
    public static void checkProtected(String diff, ProtectedPaths.Rules rules) {
        ProtectedPaths.check(DiffParser.parse(diff), rules);
    }

    /**
     * Dry run: checks that every hunk of {@code diff} applies to the files under {@code root}. Writes nothing.
     *
     * @param root the repository root (an existing directory)
     * @param diff the diff text; blank text gives {@link ApplyResult#empty()}
     * @return the files that would change and the number of hunks
     * @throws PatchRejectedException    when the diff is refused or a hunk does not match (the message names the
     *                                   file, the hunk and the first differing line)
     * @throws IllegalArgumentException  when {@code root} is not an existing directory
     */
    public static ApplyResult check(Path root, String diff) {
        return PatchApplier.run(root, diff, false);
    }

    /**
     * Applies {@code diff} to the files under {@code root}, all or nothing: when any file fails to parse, match or
     * be written, no file is changed. Creates missing parent directories of new files and removes directories left
     * empty by deletions.
     *
     * @param root the repository root (an existing directory)
     * @param diff the diff text; blank text changes nothing and gives {@link ApplyResult#empty()}
     * @return the files created, changed or deleted and the number of hunks
     * @throws PatchRejectedException   when the diff is refused, does not apply, or writing fails (then with
     *                                  {@link PatchRejectedException.Reason#IO}); no file has been changed
     * @throws IllegalArgumentException when {@code root} is not an existing directory
     */
    public static ApplyResult apply(Path root, String diff) {
        return PatchApplier.run(root, diff, true);
    }

    /**
     * Creates a git-style unified diff of one file: {@code diff --git a/p b/p}, {@code --- a/p}, {@code +++ b/p},
     * hunks with 3 lines of context, {@code \ No newline at end of file} markers where needed. A {@code \r} of CRLF
     * text stays at the end of its diff line, as git writes it.
     *
     * @param path     repo-relative path, e.g. {@code src/main/java/A.java}
     * @param original the old content, or {@code null} when the file is created ({@code new file mode 100644})
     * @param revised  the new content, or {@code null} when the file is deleted ({@code deleted file mode 100644})
     * @return the diff ending with {@code \n}, or {@code ""} when both contents are equal
     * @throws PatchRejectedException when the {@link PathPolicy} refuses {@code path}
     */
    public static String create(String path, String original, String revised) {
        return DiffWriter.create(path, original, revised);
    }

    /**
     * Hash for de-duplicating candidate patches: SHA-256 of the diff with CRLF turned into LF, trailing whitespace
     * removed from every line, {@code index …} and {@code diff --git …} lines dropped, and leading and trailing
     * blank lines dropped.
     *
     * @param diff the diff text ({@code null} is treated as {@code ""})
     * @return 64 lowercase hex characters
     */
    public static String hash(String diff) {
        String text = diff == null ? "" : diff.replace("\r\n", "\n");
        List<String> kept = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("index ") || line.startsWith("diff --git ")) {
                continue;
            }
            kept.add(line.stripTrailing());
        }
        while (!kept.isEmpty() && kept.get(0).isEmpty()) {
            kept.remove(0);
        }
        while (!kept.isEmpty() && kept.get(kept.size() - 1).isEmpty()) {
            kept.remove(kept.size() - 1);
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(String.join("\n", kept).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
