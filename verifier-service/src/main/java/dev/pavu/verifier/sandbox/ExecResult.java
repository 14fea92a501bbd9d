package dev.pavu.verifier.sandbox;

/**
 * How a sandboxed command ended.
 *
 * @param termination what ended it
 * @param exitCode    the exit code when {@link Termination#EXITED}; -1 otherwise
 * @param durationMs  wall-clock time from start to the end of the process tree, milliseconds
 * @param detail      why, for anything but a normal exit (e.g. {@code timed out after 60 s}); else {@code null}
 * @param peakMemoryBytes highest memory use of the process tree when the sandbox measures it, else 0
 */
public record ExecResult(Termination termination, int exitCode, long durationMs, String detail, long peakMemoryBytes) {

    /** A result without a memory measurement. */
    public ExecResult(Termination termination, int exitCode, long durationMs, String detail) {
        this(termination, exitCode, durationMs, detail, 0);
    }

    /** What ended a sandboxed command. */
    public enum Termination {
        /** The process exited on its own (any exit code). */
        EXITED,
        /** The wall-clock limit passed; the process tree was killed. */
        TIMED_OUT,
        /** A {@link RunWatch} asked to stop; the process tree was killed. */
        CANCELLED,
        /** A resource cap (memory, processes, output) was hit; the process tree was killed or crippled. */
        LIMIT_EXCEEDED,
        /** The process could not be started at all. */
        FAILED_TO_START
    }

    /** @return true when the process exited with code 0 */
    public boolean succeeded() {
        return termination == Termination.EXITED && exitCode == 0;
    }
}
