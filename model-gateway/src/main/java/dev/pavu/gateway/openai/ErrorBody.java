package dev.pavu.gateway.openai;

/**
 * An OpenAI-style error: {@code {"error":{"message":…,"type":…,"code":…}}}.
 *
 * @param error the error
 */
public record ErrorBody(Detail error) {

    /**
     * @param message what went wrong and what to do about it
     * @param type    OpenAI error type: {@code invalid_request_error}, {@code insufficient_quota}, {@code server_error}
     * @param code    machine-readable code, e.g. {@code model_not_found}, {@code context_length_exceeded}
     */
    public record Detail(String message, String type, String code) {
    }

    /**
     * @param message the message
     * @param type    the type
     * @param code    the code
     * @return the error body
     */
    public static ErrorBody of(String message, String type, String code) {
        return new ErrorBody(new Detail(message, type, code));
    }
}
