package dev.pavu.workspace.diff;

/** What a {@link FilePatch} does to its file. */
public enum ChangeKind {
    /** Creates a file that did not exist ({@code --- /dev/null}, {@code new file mode}). */
    ADD,
    /** Changes the lines of an existing file. */
    MODIFY,
    /** Removes an existing file ({@code +++ /dev/null}, {@code deleted file mode}). */
    DELETE
}
