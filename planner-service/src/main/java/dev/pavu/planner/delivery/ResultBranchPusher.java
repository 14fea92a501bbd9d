package dev.pavu.planner.delivery;

import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.ResultBranchDelivered;
import dev.pavu.contracts.TestFailure;
import dev.pavu.planner.config.PlannerConfig;
import dev.pavu.planner.job.JsonColumns;
import dev.pavu.planner.messaging.EventPublisher;
import dev.pavu.planner.repository.JobEntity;
import dev.pavu.planner.repository.PlausiblePatchEntity;
import dev.pavu.planner.source.BundleStore;
import dev.pavu.planner.source.SubmittedUrls;
import dev.pavu.workspace.git.FixMessage;
import dev.pavu.workspace.source.ResultBranches;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Pushes the result branches of concluded jobs, after the conclusion committed and never under the job row's lock:
 * every {@code pavu.git.push.poll-interval} it looks for REQUESTED rows whose job has CONCLUDED, claims each with a
 * lease in a short transaction of its own (so one planner instance pushes it), builds and pushes the fix commit with
 * no transaction open ({@link ResultBranches}), and records the outcome in another short transaction — the final one
 * (PUSHED, FAILED, SKIPPED) with a {@code ResultBranchDelivered} event through the outbox, so the audit trail holds it.
 *
 * <p>Only a SUCCEEDED job with a non-empty patch is pushed; the others are SKIPPED with the reason. A transient failure
 * (the network, a server's 5xx, an unreadable password file) is tried again after {@code backoff}, doubled each time, up
 * to {@code max-attempts}; a permanent one (the credential refused, the branch taken, the patch not applying) fails at
 * once. Either way the job's own outcome stays as it is. Pushing twice is harmless: the fix commit's id depends only on
 * the job (its conclusion time is the commit time), so a repeated push — a crash after pushing and before recording,
 * an expired lease — finds the branch already at that commit and records PUSHED.
 */
@ApplicationScoped
public class ResultBranchPusher {

    private static final int BATCH = 20;

    private final GitPushConfig config;
    private final GitCredentials credentials;
    private final BundleStore bundles;
    private final SubmittedUrls urls;
    private final PlannerConfig planner;
    private final EntityManager em;
    private final EventPublisher events;

    public ResultBranchPusher(GitPushConfig config, GitCredentials credentials, BundleStore bundles, SubmittedUrls urls,
                              PlannerConfig planner, EntityManager em, EventPublisher events) {
        this.events = events;
        this.config = config;
        this.credentials = credentials;
        this.bundles = bundles;
        this.urls = urls;
        this.planner = planner;
        this.em = em;
    }

    @Scheduled(every = "${pavu.git.push.poll-interval:5s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        for (UUID jobId : due()) {
            try {
                deliver(jobId);
            } catch (RuntimeException e) {
                Log.warnf("job %s: result branch step failed (%s); tried again at the next poll", jobId, e.getMessage());
            }
        }
    }

    /** @return jobs whose result branch may be pushed now (concluded, REQUESTED, due, not leased) */
    @SuppressWarnings("unchecked")
    List<UUID> due() {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select r.job_id from result_branches r join jobs j on j.id = r.job_id
                where r.state = 'REQUESTED' and j.state = 'CONCLUDED' and r.next_attempt_at <= now()
                  and (r.lease_until is null or r.lease_until < now())
                order by r.next_attempt_at limit :n""", UUID.class).setParameter("n", BATCH).getResultList());
    }

    /**
     * Pushes one job's result branch when it is due, and records the outcome.
     *
     * @param jobId the job
     * @return the recorded state, or empty when the row was not due or another instance holds it
     */
    public Optional<ResultBranchEntity.State> deliver(UUID jobId) {
        Work work = QuarkusTransaction.requiringNew().call(() -> claim(jobId));
        if (work == null) {
            return Optional.empty();
        }
        if (work.outcome() != Outcome.SUCCEEDED) {
            return Optional.of(record(jobId, ResultBranchEntity.State.SKIPPED, null, "the job concluded " + work.outcome()
                    + ": there is no fix to push", false));
        }
        if (work.patch() == null || work.patch().isBlank()) {
            return Optional.of(record(jobId, ResultBranchEntity.State.SKIPPED, null,
                    "nothing needed repair: there is no fix to push", false));
        }
        Optional<Path> bundle = work.bundleSha() == null ? Optional.empty() : bundles.find(work.bundleSha());
        if (bundle.isEmpty()) {
            return Optional.of(record(jobId, ResultBranchEntity.State.FAILED, null, "the job's stored source bundle is "
                    + "gone (retention removed it), so the fix commit cannot be built; apply it with 'pavu apply'", false));
        }
        Optional<ResultBranches.Credential> credential;
        try {
            credential = credentials.open(work.credential(), work.team());
        } catch (IllegalStateException e) {
            return Optional.of(retryOrFail(jobId, work, e.getMessage()));
        }
        if (credential.isEmpty()) {
            return Optional.of(record(jobId, ResultBranchEntity.State.FAILED, null, "credential '" + work.credential()
                    + "' is no longer configured for team " + work.team(), false));
        }
        try {
            ResultBranches.Pushed pushed = ResultBranches.push(new ResultBranches.Request(work.url(), bundle.get(),
                    work.commit(), work.patch(), work.branch(), work.message(), credentials.author(), work.concludedAt()),
                    credential.get(), urls.policy(), config.push().timeout(), planner.workDir().resolve("push"));
            Log.infof("job %s: result branch %s %s %s at %s", jobId, work.branch(),
                    pushed.alreadyThere() ? "already held its fix on" : "pushed to", work.url(), pushed.commit());
            return Optional.of(record(jobId, ResultBranchEntity.State.PUSHED, pushed.commit(), null, false));
        } catch (ResultBranches.PushException e) {
            if (e.retryable()) {
                return Optional.of(retryOrFail(jobId, work, e.getMessage()));
            }
            Log.warnf("job %s: result branch %s not pushed: %s", jobId, work.branch(), e.getMessage());
            return Optional.of(record(jobId, ResultBranchEntity.State.FAILED, null, e.getMessage(), false));
        } catch (RuntimeException e) {
            // not expected from the library: counted like a transient failure, so that it ends after max-attempts
            Log.errorf("job %s: result branch %s: unexpected %s", jobId, work.branch(), e.getClass().getName());
            return Optional.of(retryOrFail(jobId, work, "internal error (" + e.getClass().getSimpleName() + ")"));
        } finally {
            credential.get().clear();
        }
    }

    private ResultBranchEntity.State retryOrFail(UUID jobId, Work work, String why) {
        if (work.attempt() >= config.push().maxAttempts()) {
            Log.warnf("job %s: result branch %s given up after %d attempts: %s", jobId, work.branch(), work.attempt(), why);
            return record(jobId, ResultBranchEntity.State.FAILED, null, "gave up after " + work.attempt()
                    + " attempts: " + why, false);
        }
        Log.infof("job %s: result branch %s attempt %d failed, trying again: %s", jobId, work.branch(), work.attempt(), why);
        return record(jobId, ResultBranchEntity.State.REQUESTED, null, "attempt " + work.attempt() + " failed: " + why, true);
    }

    /** Everything a push needs, read in the claiming transaction. */
    private record Work(String url, String commit, String bundleSha, String patch, Outcome outcome, Instant concludedAt,
                        String team, String branch, String credential, String message, int attempt) {
    }

    /** Takes the lease and counts the attempt when the row is due; reads what the push needs. */
    private Work claim(UUID jobId) {
        int taken = em.createNativeQuery("""
                update result_branches set lease_until = now() + make_interval(secs => :lease), attempts = attempts + 1
                where job_id = :id and state = 'REQUESTED' and next_attempt_at <= now()
                  and (lease_until is null or lease_until < now())""")
                .setParameter("lease", (double) config.push().lease().toSeconds()).setParameter("id", jobId)
                .executeUpdate();
        if (taken != 1) {
            return null;
        }
        JobEntity job = JobEntity.findById(jobId);
        ResultBranchEntity rb = ResultBranchEntity.findById(jobId);
        em.refresh(rb);
        if (job == null || !job.concluded()) {
            return null;
        }
        return new Work(job.sourceUrl, job.commitId, job.bundleSha, job.patch, job.outcome,
                job.concludedAt == null ? job.submittedAt : job.concludedAt, job.team, rb.name, rb.credential,
                message(job), rb.attempts);
    }

    /** The fix commit's message: the task, the job, the winning pattern (or the proposer model), the tests now passing. */
    static String message(JobEntity job) {
        String pattern = null;
        if (job.winningCandidateId != null) {
            PlausiblePatchEntity winner = PlausiblePatchEntity.findById(job.winningCandidateId);
            pattern = winner == null ? null : winner.pattern;
        }
        String model = JsonColumns.models(job.modelsJson).get("proposer");
        String proposer = pattern == null && model != null ? "model " + model : null;
        List<String> nowPassing = JsonColumns.failures(job.baselineJson).stream().map(TestFailure::testId).toList();
        return new FixMessage(job.id.toString(), job.taskText, proposer, pattern, null, nowPassing).text();
    }

    private ResultBranchEntity.State record(UUID jobId, ResultBranchEntity.State state, String commit, String reason,
                                            boolean retry) {
        QuarkusTransaction.requiringNew().run(() -> {
            ResultBranchEntity rb = em.find(ResultBranchEntity.class, jobId, LockModeType.PESSIMISTIC_WRITE);
            Instant now = Instant.now();
            if (state != ResultBranchEntity.State.REQUESTED && rb.state == ResultBranchEntity.State.REQUESTED) {
                // the final result, once: announced in the transaction that records it (the outbox)
                JobEntity job = JobEntity.findById(jobId);
                events.publish(new ResultBranchDelivered(Envelope.of(EventTypes.RESULT_BRANCH_DELIVERED, jobId,
                        job == null ? 0 : job.iteration, null, PlannerConfig.PRODUCER), job == null ? null : job.team,
                        rb.name, state.name(), commit, reason));
            }
            rb.state = state;
            rb.commitId = commit;
            rb.reason = reason;
            rb.leaseUntil = null;
            rb.updatedAt = now;
            if (retry) {
                Duration wait = config.push().backoff().multipliedBy(1L << Math.min(20, Math.max(0, rb.attempts - 1)));
                rb.nextAttemptAt = now.plus(wait);
            }
        });
        return state;
    }
}
