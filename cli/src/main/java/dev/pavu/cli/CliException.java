package dev.pavu.cli;

/**
 * An error the {@code pavu} command reports as one line on stderr, with its exit code.
 *
 * <p>Exit codes of every command: {@link #OK} (0) success (for {@code submit --wait}: the job SUCCEEDED);
 * {@link #NOT_SUCCEEDED} (1) the job ended otherwise, or the planner refused an operation on an existing job;
 * {@link #USAGE} (2) wrong arguments, an unreachable planner, or a request the planner rejected as malformed.
 */
public class CliException extends RuntimeException {

    /** Success. */
    public static final int OK = 0;
    /** The job did not succeed, or an operation failed. */
    public static final int NOT_SUCCEEDED = 1;
    /** Usage or connection error. */
    public static final int USAGE = 2;

    private final int exitCode;

    /**
     * @param message  one line a person can act on
     * @param exitCode the process exit code
     */
    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * @param message  one line a person can act on
     * @param exitCode the process exit code
     * @param cause    the underlying error
     */
    public CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /**
     * @param message what is wrong with the arguments or the environment
     * @return an error with exit code 2
     */
    public static CliException usage(String message) {
        return new CliException(message, USAGE);
    }

    /**
     * @param message what failed
     * @return an error with exit code 1
     */
    public static CliException failed(String message) {
        return new CliException(message, NOT_SUCCEEDED);
    }

    /** @return the process exit code */
    public int exitCode() {
        return exitCode;
    }
}
