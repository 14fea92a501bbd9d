package dev.pavu.cli.client;

import dev.pavu.cli.CliException;

/**
 * The planner answered an HTTP error. Exit code 2 when it refused the request as malformed (400, 415, 422),
 * 1 otherwise (unknown job, conflict, server error).
 */
public class PlannerException extends CliException {

    private final int status;

    /**
     * @param status  HTTP status the planner answered
     * @param message what was asked and what the planner said
     */
    public PlannerException(int status, String message) {
        super(message, status == 400 || status == 415 || status == 422 ? USAGE : NOT_SUCCEEDED);
        this.status = status;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }
}
