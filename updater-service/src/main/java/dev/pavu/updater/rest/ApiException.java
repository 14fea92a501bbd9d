package dev.pavu.updater.rest;

/**
 * An error answer with a status and a detail a client can act on; mapped to a {@link Problem} body.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;

    private ApiException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    /**
     * @param detail what is wrong with the request
     * @return a 400 Bad Request
     */
    public static ApiException badRequest(String detail) {
        return new ApiException(400, "Bad Request", detail);
    }

    /**
     * @param detail what was not found
     * @return a 404 Not Found
     */
    public static ApiException notFound(String detail) {
        return new ApiException(404, "Not Found", detail);
    }

    /**
     * @param detail what conflicts with the request (e.g. done before)
     * @return a 409 Conflict
     */
    public static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail);
    }

    /**
     * @param detail what is unavailable and whether to retry
     * @return a 503 Service Unavailable
     */
    public static ApiException unavailable(String detail) {
        return new ApiException(503, "Service Unavailable", detail);
    }

    /** @return the problem body */
    public Problem problem() {
        return new Problem(status, title, getMessage());
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }
}
