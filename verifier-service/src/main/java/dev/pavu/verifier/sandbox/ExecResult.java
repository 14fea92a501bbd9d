package dev.pavu.verifier.sandbox;

/**
 * How a sandboxed command ended.
 *
 * @param termination what ended it
 * @param exitCode    the exit code when {@link Termination#EXITED}; -1 otherwise
 * @param durationMs  wall-clock time from start to the end of the process tree, milliseconds
 * @param detail      why, for anything but a normal exit (e.g. {@code timed out after 60 s}); else {@code null}
 */
public record ExecResult(Termination termination, int exitCode, long durationMs, String detail) {

    /** What ended a sandboxed command. */
    public enum Termination {
        /** The process exited on its own (any exit code). */
        EXITED,
        /** The wall-clock limit passed; the process tree was killed. */
        TIMED_OUT,
        /** A {@link RunWatch} asked to stop; the process tree was killed. */
        CANCELLED,
        /** The process could not be started at all. */
        FAILED_TO_START
    }

    /** @return true when the process exited with code 0 */
    public boolean succeeded() {
        return termination == Termination.EXITED && exitCode == 0;
    }
}
