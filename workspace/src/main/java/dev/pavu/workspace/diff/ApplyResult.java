package dev.pavu.workspace.diff;

import java.util.List;

/**
 * What {@link UnifiedDiffs#check} or {@link UnifiedDiffs#apply} did (or would do).
 *
 * @param changedFiles repo-relative paths ({@code /} separators) of the files created, changed or deleted,
 *                     in diff order, without duplicates; empty for an empty diff
 * @param hunks        total number of hunks applied
 */
public record ApplyResult(List<String> changedFiles, int hunks) {

    /** Copies {@code changedFiles} into an unmodifiable list. */
    public ApplyResult {
        changedFiles = List.copyOf(changedFiles);
    }

    /** {@return the result of an empty diff: no files, no hunks} */
    public static ApplyResult empty() {
        return new ApplyResult(List.of(), 0);
    }

    /** {@return true when nothing was (or would be) changed} */
    public boolean isEmpty() {
        return changedFiles.isEmpty();
    }
}
