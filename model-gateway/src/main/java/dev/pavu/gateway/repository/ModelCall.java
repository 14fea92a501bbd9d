package dev.pavu.gateway.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One recorded call of {@code POST /v1/chat/completions} (table {@code gateway.model_calls}). */
@Entity
@Table(name = "model_calls")
public class ModelCall {

    /** Row id. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** When the call arrived. */
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** Tenant charged ({@code X-Pavu-Tenant} or the default tenant). */
    @Column(nullable = false)
    public String tenant;

    /** SHA-256 hex of the canonical request (cache and replay key). */
    @Column(name = "request_hash", nullable = false, columnDefinition = "char(64)")
    public String requestHash;

    /** Alias asked for. */
    @Column(nullable = false)
    public String alias;

    /** Backend that answered (or that was tried last), {@code type:url#model}; null when none was tried. */
    public String backend;

    /** Model id on that backend. */
    public String model;

    /** Whether the client asked for a stream. */
    @Column(nullable = false)
    public boolean stream;

    /** Whether the answer came from the cache (or, in replay mode, from an earlier record). */
    @Column(nullable = false)
    public boolean cached;

    /** Outcome, see {@link dev.pavu.gateway.service.Outcome}. */
    @Column(nullable = false)
    public String outcome;

    /** Prompt tokens (backend's count, or the gateway's estimate). */
    @Column(name = "tokens_in", nullable = false)
    public int tokensIn;

    /** Completion tokens. */
    @Column(name = "tokens_out", nullable = false)
    public int tokensOut;

    /** Cost from the backend's cost per 1k tokens; 0 for cached answers. */
    @Column(nullable = false)
    public double cost;

    /** Time spent in the gateway, milliseconds. */
    @Column(name = "latency_ms", nullable = false)
    public long latencyMs;

    /** Backends tried before the answering one and why they were left, one per line. */
    public String attempts;

    /** Error message for a failed call. */
    public String error;

    /** OpenAI finish reason of the answer. */
    @Column(name = "finish_reason")
    public String finishReason;

    /** Canonical request JSON (alias, messages, sampling parameters); null once retention dropped it. */
    @Column(name = "request_json")
    public String requestJson;

    /** The answer's text (null when there was none). */
    @Column(name = "response_text")
    public String responseText;
}
