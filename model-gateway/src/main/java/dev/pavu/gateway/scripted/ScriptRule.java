package dev.pavu.gateway.scripted;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.regex.Pattern;

/**
 * One rule of a script: when a request matches, the server answers as the rule says.
 *
 * @param match        regex searched ({@code find}) in the last user message; null matches any message
 * @param model        regex matched against the whole requested model id; null matches any model
 * @param response     the answer's text
 * @param delayMs      wait before answering, milliseconds (slowness)
 * @param chunkDelayMs wait between two streamed chunks, milliseconds
 * @param status       answer with this HTTP status and an error body instead (failure)
 * @param drop         close the connection without answering (failure)
 * @param times        the rule applies to its first {@code times} matching requests only; null = always
 * @param finishReason finish reason to report: {@code stop} (default) or {@code length}
 * @param breakAfter   streams only: after this many content chunks, send a malformed chunk and end the stream
 *                     (a backend that breaks mid-answer)
 */
public record ScriptRule(String match, String model, String response, Long delayMs, Long chunkDelayMs, Integer status,
                         Boolean drop, Integer times, String finishReason, Integer breakAfter) {

    /**
     * A rule answering text to messages matching a regex.
     *
     * @param match    regex on the last user message
     * @param response the answer
     * @return the rule
     */
    public static ScriptRule answer(String match, String response) {
        return new ScriptRule(match, null, response, null, null, null, null, null, null, null);
    }

    /**
     * A rule failing with an HTTP status.
     *
     * @param match  regex on the last user message
     * @param status HTTP status
     * @return the rule
     */
    public static ScriptRule fail(String match, int status) {
        return new ScriptRule(match, null, null, null, null, status, null, null, null, null);
    }

    /**
     * A rule that drops the connection.
     *
     * @param match regex on the last user message
     * @return the rule
     */
    public static ScriptRule drop(String match) {
        return new ScriptRule(match, null, null, null, null, null, true, null, null, null);
    }

    /**
     * @param ms delay before answering
     * @return this rule with a delay
     */
    public ScriptRule withDelay(long ms) {
        return new ScriptRule(match, model, response, ms, chunkDelayMs, status, drop, times, finishReason, breakAfter);
    }

    /**
     * @param n how many matching requests the rule applies to
     * @return this rule limited to its first n matches
     */
    public ScriptRule times(int n) {
        return new ScriptRule(match, model, response, delayMs, chunkDelayMs, status, drop, n, finishReason, breakAfter);
    }

    /**
     * @param modelRegex regex on the requested model
     * @return this rule restricted to matching models
     */
    public ScriptRule forModel(String modelRegex) {
        return new ScriptRule(match, modelRegex, response, delayMs, chunkDelayMs, status, drop, times, finishReason, breakAfter);
    }

    /**
     * @param ms pause between two streamed chunks
     * @return this rule streaming slowly
     */
    public ScriptRule withChunkDelay(long ms) {
        return new ScriptRule(match, model, response, delayMs, ms, status, drop, times, finishReason, breakAfter);
    }

    /**
     * @param chunks content chunks sent before the stream breaks
     * @return this rule breaking its streams
     */
    public ScriptRule breakingAfter(int chunks) {
        return new ScriptRule(match, model, response, delayMs, chunkDelayMs, status, drop, times, finishReason, chunks);
    }

    @JsonIgnore
    boolean matches(String lastUserMessage, String requestedModel) {
        boolean messageOk = match == null || Pattern.compile(match, Pattern.DOTALL).matcher(lastUserMessage).find();
        boolean modelOk = model == null || (requestedModel != null && Pattern.compile(model).matcher(requestedModel).matches());
        return messageOk && modelOk;
    }
}
