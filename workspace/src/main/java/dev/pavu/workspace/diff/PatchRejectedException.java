package dev.pavu.workspace.diff;

/**
 * A diff was refused: it is malformed, names a hostile path, is binary, or does not apply.
 *
 * <p>The message says what was wrong (file, hunk, line) and what to do about it; it is meant to be shown to
 * the user or fed back to a patch proposer as is. When thrown by {@link UnifiedDiffs#apply}, no file has
 * been changed.
 */
public class PatchRejectedException extends RuntimeException {

    /** Broad category of the refusal, for callers that react differently (e.g. count hostile candidates). */
    public enum Reason {
        /** The text is not a well-formed unified diff. */
        MALFORMED,
        /** A path breaks the path policy (absolute, {@code ..}, {@code .git/}, symlink, NUL, …). */
        UNSAFE_PATH,
        /** A path the job protects: test sources, build or CI files ({@link ProtectedPaths}). */
        PROTECTED_PATH,
        /** A binary patch or a binary target file. */
        BINARY,
        /** A well-formed feature this module does not support (renames, copies). */
        UNSUPPORTED,
        /** The hunks do not match the files under the root (or a file is missing / already exists). */
        DOES_NOT_APPLY,
        /** Reading or writing the files failed. */
        IO
    }

    /** Category of the refusal. */
    private final Reason reason;
    /** Repo-relative path concerned, or {@code null}. */
    private final String path;

    /**
     * Creates a refusal.
     *
     * @param reason  category
     * @param path    the repo-relative path concerned, or {@code null}
     * @param message what was wrong and what to do
     */
    public PatchRejectedException(Reason reason, String path, String message) {
        this(reason, path, message, null);
    }

    /**
     * Creates a refusal caused by another exception.
     *
     * @param reason  category
     * @param path    the repo-relative path concerned, or {@code null}
     * @param message what was wrong and what to do
     * @param cause   underlying exception, or {@code null}
     */
    public PatchRejectedException(Reason reason, String path, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.path = path;
    }

    /** {@return the category of the refusal} */
    public Reason reason() {
        return reason;
    }

    /** {@return the repo-relative path concerned, or {@code null} when the refusal is not about one file} */
    public String path() {
        return path;
    }
}
