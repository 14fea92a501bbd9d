package dev.pavu.planner.rest;

import java.util.List;

/** Thrown by resources to answer with a {@link Problem}; mapped by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final Long retryAfterSeconds;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    private ProblemException(Problem problem, Long retryAfterSeconds) {
        super(problem.detail());
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** @return seconds for the {@code Retry-After} header, or {@code null} for none */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * 429: the caller's team is at a quota.
     *
     * @param detail            which quota, the team's use, and what to do
     * @param retryAfterSeconds when to try again, seconds ({@code Retry-After})
     * @return the exception
     */
    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ProblemException(new Problem("urn:pavu:problem:quota-exceeded", "Too many requests", 429, detail,
                List.of()), retryAfterSeconds);
    }

    /** @return the problem to answer with */
    public Problem problem() {
        return problem;
    }

    /** 400: the request is invalid; {@code errors} says which fields. */
    public static ProblemException badRequest(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(new Problem("urn:pavu:problem:invalid-request", "Invalid request", 400, detail, errors));
    }

    /** 400 about one field. */
    public static ProblemException badField(String field, String message) {
        return badRequest(field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    /**
     * 413: a field or the request is larger than a configured limit.
     *
     * @param field   the field ({@code task}, {@code errorLog}, {@code bundle}, {@code body})
     * @param message how large it is, the limit and the setting that raises it
     */
    public static ProblemException tooLarge(String field, String message) {
        return new ProblemException(new Problem("urn:pavu:problem:too-large", "Payload too large", 413,
                field + ": " + message, List.of(new Problem.FieldError(field, message))));
    }

    /** 404: something named in the path does not exist. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(new Problem("urn:pavu:problem:not-found", "Not found", 404, detail, List.of()));
    }

    /** 409: the request conflicts with the resource's state. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(new Problem("urn:pavu:problem:conflict", "Conflict", 409, detail, List.of()));
    }

    /** 503: a service this one depends on is not available. */
    public static ProblemException unavailable(String detail) {
        return new ProblemException(new Problem("urn:pavu:problem:dependency-unavailable", "Service unavailable", 503,
                detail, List.of()));
    }
}
