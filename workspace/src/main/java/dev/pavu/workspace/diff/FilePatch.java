package dev.pavu.workspace.diff;

import java.util.List;
import java.util.Objects;

/**
 * The part of a unified diff that concerns one file.
 *
 * <p>Paths are repo-relative, normalised ({@code a/}/{@code b/} prefixes removed, {@code .} segments
 * dropped, {@code /} separators) and have passed the {@link PathPolicy} string checks.
 *
 * @param oldPath path before the change; {@code null} for {@link ChangeKind#ADD}
 * @param newPath path after the change; {@code null} for {@link ChangeKind#DELETE}
 * @param kind    what happens to the file; for {@link ChangeKind#MODIFY} both paths are equal (renames are refused)
 * @param hunks   the hunks in diff order (may be empty: a header-only section such as a mode change or
 *                the creation of an empty file)
 */
public record FilePatch(String oldPath, String newPath, ChangeKind kind, List<Hunk> hunks) {

    /** Checks that the paths fit the kind and copies {@code hunks} into an unmodifiable list. */
    public FilePatch {
        Objects.requireNonNull(kind, "kind");
        hunks = List.copyOf(hunks);
        switch (kind) {
            case ADD -> Objects.requireNonNull(newPath, "newPath of an ADD");
            case DELETE -> Objects.requireNonNull(oldPath, "oldPath of a DELETE");
            case MODIFY -> {
                Objects.requireNonNull(oldPath, "oldPath of a MODIFY");
                Objects.requireNonNull(newPath, "newPath of a MODIFY");
            }
        }
    }

    /** {@return the file this patch touches: {@code newPath}, or {@code oldPath} for a deletion} */
    public String path() {
        return kind == ChangeKind.DELETE ? oldPath : newPath;
    }

    /** {@return number of {@code +} lines over all hunks} */
    public int addedLines() {
        return (int) hunks.stream().flatMap(h -> h.lines().stream()).filter(l -> l.op() == HunkLine.Op.ADD).count();
    }

    /** {@return number of {@code -} lines over all hunks} */
    public int deletedLines() {
        return (int) hunks.stream().flatMap(h -> h.lines().stream()).filter(l -> l.op() == HunkLine.Op.DELETE).count();
    }
}
