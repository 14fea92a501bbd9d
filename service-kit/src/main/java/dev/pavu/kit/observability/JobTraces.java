package dev.pavu.kit.observability;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.contracts.VerdictIssued;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * One OpenTelemetry trace per job, across every service, HTTP call and Kafka hop: the trace id <em>is</em> the job id
 * (its 128 bits as 32 hex digits), so each service puts its spans of a job into that trace without any context having
 * to survive the outbox, the verifier's run queue or a redelivery. Every span of a job has the same parent, the job's
 * root span context ({@link #jobContext}): span id = the first 8 bytes of SHA-256("pavu-job:" + job id), sampled.
 * That root is never exported itself (a trace viewer shows the job's spans as siblings under a missing root); the
 * span of the HTTP request or Kafka record that carried the work is attached as a span link, so the transport-level
 * traces stay reachable. Span names and attributes: {@code pavu.job.id}, {@code pavu.event.type},
 * {@code pavu.event.id}, {@code pavu.event.producer}, {@code pavu.iteration}, {@code pavu.candidate.id}.
 * With the SDK disabled ({@code quarkus.otel.sdk.disabled}, the default unless an OTLP endpoint is configured, see
 * {@link OtelDefaultsConfigSource}) every span is a no-op.
 *
 * @see <a href="https://www.w3.org/TR/trace-context/">W3C Trace Context</a> for the id formats
 */
@ApplicationScoped
public class JobTraces {

    /** Attribute: the job's id. */
    public static final String JOB_ID = "pavu.job.id";

    private final Tracer tracer;

    public JobTraces(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * @param jobId a job's id
     * @return the job's trace id: the UUID's 128 bits as 32 lower-case hex digits (dashes removed)
     */
    public static String traceIdOf(UUID jobId) {
        return jobId.toString().replace("-", "").toLowerCase(Locale.ROOT);
    }

    /**
     * @param jobId a job's id
     * @return a context whose (remote, sampled) span is the job's root: trace id {@link #traceIdOf}, span id the first
     *         8 bytes of SHA-256("pavu-job:" + job id) in hex
     */
    public static Context jobContext(UUID jobId) {
        SpanContext root = SpanContext.createFromRemoteParent(traceIdOf(jobId), rootSpanIdOf(jobId),
                TraceFlags.getSampled(), TraceState.getDefault());
        return Context.root().with(Span.wrap(root));
    }

    /**
     * Starts the span of one piece of a job's work, in the job's trace, linked to the span current on this thread
     * (the HTTP request's or the Kafka record's), and makes it current until {@link JobSpan#close()}.
     *
     * @param name  the span's name, e.g. {@code POST /jobs} or {@code planner handle VerdictIssued}
     * @param kind  its kind (SERVER for an HTTP request, CONSUMER for a record, INTERNAL otherwise)
     * @param jobId the job it works for
     * @return the started span; close it (try-with-resources)
     */
    public JobSpan start(String name, SpanKind kind, UUID jobId) {
        var builder = tracer.spanBuilder(name)
                .setSpanKind(kind)
                .setParent(jobContext(jobId))
                .setAttribute(JOB_ID, jobId.toString());
        SpanContext carrier = Span.current().getSpanContext();
        if (carrier.isValid() && !carrier.getTraceId().equals(traceIdOf(jobId))) {
            builder.addLink(carrier);
        }
        return JobSpan.start(builder.startSpan());
    }

    /**
     * Starts the span of handling one event: named {@code <service> handle <type>}, kind CONSUMER, with the event's
     * ids, producer and iteration (and the candidate id of a diff or verdict) as attributes.
     *
     * @param service the handling service, e.g. {@code verifier}
     * @param event   the event being handled
     * @return the started span; close it (try-with-resources)
     */
    public JobSpan handling(String service, PavuEvent event) {
        var env = event.envelope();
        JobSpan span = start(service + " handle " + env.type().replaceFirst("\\.v\\d+$", ""), SpanKind.CONSUMER, env.jobId());
        span.attribute("pavu.event.type", env.type())
                .attribute("pavu.event.id", env.eventId().toString())
                .attribute("pavu.event.producer", env.producer())
                .attribute("pavu.iteration", env.iteration());
        if (event instanceof DiffProposed d) {
            span.attribute("pavu.candidate.id", d.candidateId().toString());
        } else if (event instanceof VerdictIssued v) {
            span.attribute("pavu.candidate.id", v.candidateId().toString())
                    .attribute("pavu.verdict", v.verdict().name());
        }
        return span;
    }

    private static String rootSpanIdOf(UUID jobId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("pavu-job:" + jobId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JRE", e);
        }
    }
}
