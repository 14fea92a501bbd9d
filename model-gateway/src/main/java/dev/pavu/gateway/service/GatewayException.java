package dev.pavu.gateway.service;

import java.util.Collection;
import java.util.List;

/**
 * A request the gateway refuses or cannot serve; the REST layer writes it as an OpenAI-style error
 * {@code {"error":{"message","type","code"}}} with {@link #status()}.
 */
public class GatewayException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final Outcome outcome;

    /**
     * @param status  HTTP status
     * @param type    OpenAI error type
     * @param code    machine-readable code
     * @param outcome outcome to record
     * @param message what went wrong and what to do
     */
    public GatewayException(int status, String type, String code, Outcome outcome, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.outcome = outcome;
    }

    /** @return HTTP status */
    public int status() {
        return status;
    }

    /** @return OpenAI error type */
    public String type() {
        return type;
    }

    /** @return machine-readable code */
    public String code() {
        return code;
    }

    /** @return outcome to record */
    public Outcome outcome() {
        return outcome;
    }

    /**
     * @param message what is wrong with the request
     * @return 400 invalid_request_error
     */
    public static GatewayException invalid(String message) {
        return new GatewayException(400, "invalid_request_error", "invalid_request", Outcome.INVALID, message);
    }

    /**
     * @param alias the unknown alias
     * @param known the configured aliases
     * @return 404 model_not_found listing the known aliases
     */
    public static GatewayException unknownAlias(String alias, Collection<String> known) {
        return new GatewayException(404, "invalid_request_error", "model_not_found", Outcome.UNKNOWN_ALIAS,
                "unknown model alias '" + alias + "'; known aliases: " + String.join(", ", known));
    }

    /**
     * @param modelsFile where the gateway looked
     * @return 503 no_model_configured naming the setting
     */
    public static GatewayException noModelConfigured(String modelsFile) {
        return new GatewayException(503, "server_error", "no_model_configured", Outcome.NO_MODEL,
                "no model configured: set pavu.gateway.models-file (env PAVU_GATEWAY_MODELS_FILE) to a YAML file "
                        + "that maps aliases to backends (now: " + modelsFile + ")");
    }

    /**
     * @param alias    the alias
     * @param attempts every backend tried and why it failed
     * @return 503 backends_unavailable
     */
    public static GatewayException unavailable(String alias, List<String> attempts) {
        return new GatewayException(503, "server_error", "backends_unavailable", Outcome.UNAVAILABLE,
                "every backend of alias '" + alias + "' failed: " + String.join("; ", attempts));
    }

    /**
     * @param message how many tokens the prompt has and what the windows are
     * @return 400 context_length_exceeded
     */
    public static GatewayException contextExceeded(String message) {
        return new GatewayException(400, "invalid_request_error", "context_length_exceeded",
                Outcome.CONTEXT_EXCEEDED, message);
    }

    /**
     * @param message whose budget, how much was used, when it resets
     * @return 429 budget_exceeded
     */
    public static GatewayException overBudget(String message) {
        return new GatewayException(429, "insufficient_quota", "budget_exceeded", Outcome.OVER_BUDGET, message);
    }

    /**
     * @param hash the request hash
     * @return 404 not_recorded
     */
    public static GatewayException notRecorded(String hash) {
        return new GatewayException(404, "invalid_request_error", "not_recorded", Outcome.NOT_RECORDED,
                "replay mode (pavu.gateway.replay-only=true) and no recorded answer for request hash " + hash);
    }
}
