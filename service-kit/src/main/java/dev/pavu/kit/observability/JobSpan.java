package dev.pavu.kit.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

/**
 * A started span of a job's work ({@link JobTraces#start}), current on this thread until {@link #close()}, which ends
 * it. Not thread-safe: one thread starts, annotates and closes it.
 */
public final class JobSpan implements AutoCloseable {

    private final Span span;
    private final Scope scope;

    private JobSpan(Span span, Scope scope) {
        this.span = span;
        this.scope = scope;
    }

    static JobSpan start(Span span) {
        return new JobSpan(span, span.makeCurrent());
    }

    /**
     * @param key   an attribute name ({@code pavu.*} or an OpenTelemetry semantic-convention name)
     * @param value its value; {@code null} is ignored
     * @return this span
     */
    public JobSpan attribute(String key, String value) {
        if (value != null) {
            span.setAttribute(key, value);
        }
        return this;
    }

    /**
     * @param key   an attribute name
     * @param value its value
     * @return this span
     */
    public JobSpan attribute(String key, long value) {
        span.setAttribute(key, value);
        return this;
    }

    /**
     * Marks the span failed with the exception (recorded as a span event) before it ends.
     *
     * @param e what went wrong
     * @return this span
     */
    public JobSpan failed(Throwable e) {
        span.recordException(e);
        span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
        return this;
    }

    /** @return the span's id (16 hex digits; all zeros when the SDK is disabled) */
    public String spanId() {
        return span.getSpanContext().getSpanId();
    }

    /** Ends the span and restores the context that was current before it. */
    @Override
    public void close() {
        try {
            scope.close();
        } finally {
            span.end();
        }
    }
}
