package dev.pavu.gateway.service;

import java.util.Locale;

/** Outcome of one gateway call, as recorded in {@code model_calls.outcome} and in the metrics. */
public enum Outcome {
    /** A backend answered. */
    OK,
    /** Answered from the response cache. */
    CACHED,
    /** Answered from a recorded call in replay mode. */
    REPLAYED,
    /** Every backend failed (HTTP 503). */
    UNAVAILABLE,
    /** A stream broke after its first chunk was sent. */
    STREAM_BROKEN,
    /** The tenant's token budget is spent (HTTP 429). */
    OVER_BUDGET,
    /** The prompt does not fit any backend's context window (HTTP 400). */
    CONTEXT_EXCEEDED,
    /** Unknown alias (HTTP 404). */
    UNKNOWN_ALIAS,
    /** No model configured at all (HTTP 503). */
    NO_MODEL,
    /** Malformed request (HTTP 400). */
    INVALID,
    /** Replay mode and no recorded call (HTTP 404). */
    NOT_RECORDED;

    /** @return the lower-case name used in the database and the metrics */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
