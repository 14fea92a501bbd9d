package dev.pavu.kit.auth;

/** The token store (the planner) cannot be asked right now: answered 503, the client may retry. */
public class AuthUnavailableException extends RuntimeException {

    /**
     * @param message what failed
     * @param cause   the underlying error
     */
    public AuthUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
