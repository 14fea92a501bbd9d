package dev.pavu.planner.service;

import dev.pavu.kit.observability.JobSpan;
import dev.pavu.kit.observability.JobTraces;
import dev.pavu.kit.retry.TransientRetry;
import io.opentelemetry.api.trace.SpanKind;
import dev.pavu.planner.repository.JobEntity;
import dev.pavu.planner.source.SourceProblem;
import dev.pavu.planner.source.SourceResolver;
import dev.pavu.planner.source.StoredSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Accepts jobs: stores and announces them ({@link JobTransitions#submit}), then resolves the source on a
 * worker thread — bounded by {@code pavu.planner.source-timeout} — and sends the baseline plan, or
 * concludes the job FAILED with the reason the source could not be had.
 */
@ApplicationScoped
public class JobService {

    private final JobTransitions transitions;
    private final SourceResolver resolver;
    private final ManagedExecutor executor;
    private final TransientRetry retry;
    private final JobTraces traces;

    public JobService(JobTransitions transitions, SourceResolver resolver, ManagedExecutor executor, TransientRetry retry,
                      JobTraces traces) {
        this.transitions = transitions;
        this.resolver = resolver;
        this.executor = executor;
        this.retry = retry;
        this.traces = traces;
    }

    /**
     * @param submission the validated request
     * @param upload     the uploaded bundle (a file this service now owns and deletes), or {@code null}
     * @return the stored job (QUEUED); resolution goes on in the background
     */
    public JobEntity submit(JobSubmission submission, Path upload) {
        return submit(submission, upload, JobTransitions.DEFAULT_TEAM);
    }

    /**
     * Stores a team's job, then resolves its source in the background (see {@link #submit(JobSubmission, Path)}).
     *
     * @param submission the validated request
     * @param upload     an uploaded bundle, or {@code null} for a git URL
     * @param team       the submitting caller's team
     * @return the stored job
     */
    public JobEntity submit(JobSubmission submission, Path upload, String team) {
        JobEntity job = transitions.submit(submission, team);
        UUID id = job.id;
        // the job's trace starts here (trace id = job id), linked to the POST /jobs request's own span
        try (JobSpan span = traces.start("planner submit job", SpanKind.INTERNAL, id)) {
            span.attribute("pavu.team", team).attribute("pavu.task.kind", String.valueOf(job.taskKind));
        }
        if (job.concluded()) {
            // failed at submission (e.g. a generation task without a model): nothing to resolve
            deleteQuietly(upload);
            return job;
        }
        executor.runAsync(() -> resolve(id, submission, upload));
        return job;
    }

    private void resolve(UUID id, JobSubmission s, Path upload) {
        try (JobSpan span = traces.start("planner resolve source", SpanKind.INTERNAL, id)) {
            StoredSource source = resolver.resolve(id.toString(), s.gitUrl(), s.ref(), upload);
            Log.infof("job %s: source resolved to %s (bundle %s, %d bytes)", id, source.commit(), source.sha256(), source.sizeBytes());
            // a database blip here would leave the job QUEUED until its timeout: retried like a consumer's work
            retry.run(() -> transitions.sourceResolved(id, source));
        } catch (SourceProblem e) {
            retry.run(() -> transitions.sourceFailed(id, e.getMessage()));
        } catch (RuntimeException e) {
            Log.errorf(e, "job %s: source resolution failed", id);
            retry.run(() -> transitions.sourceFailed(id, "internal error while resolving the source: " + e.getMessage()));
        } finally {
            deleteQuietly(upload);
        }
    }

    private static void deleteQuietly(Path upload) {
        if (upload != null) {
            try {
                Files.deleteIfExists(upload);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
