package dev.pavu.actuator.client;

/**
 * The model gateway answered with an error ({@code {"error":{"message","type","code"}}}), e.g. 404
 * {@code model_not_found} for an alias its models file lacks, 503 {@code backends_unavailable} or
 * {@code no_model_configured}, 400 {@code context_length_exceeded}.
 */
public class GatewayException extends RuntimeException {

    private final int status;
    private final String code;

    /**
     * @param status  HTTP status
     * @param code    the gateway's error code, or {@code null}
     * @param message the gateway's message
     */
    public GatewayException(int status, String code, String message) {
        super("model gateway answered " + status + (code == null ? "" : " " + code) + ": " + message);
        this.status = status;
        this.code = code;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the gateway's error code, e.g. {@code model_not_found}, or {@code null} */
    public String code() {
        return code;
    }
}
