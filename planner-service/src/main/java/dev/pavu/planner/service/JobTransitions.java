package dev.pavu.planner.service;

import dev.pavu.contracts.CandidatesProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.JobSubmitted;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.planner.config.PlannerConfig;
import dev.pavu.planner.delivery.ResultBranchEntity;
import dev.pavu.planner.evidence.LessonPriors;
import dev.pavu.planner.evidence.PatternPriorStore;
import dev.pavu.planner.job.Job;
import dev.pavu.planner.job.JobStore;
import dev.pavu.planner.job.JsonColumns;
import dev.pavu.planner.job.Localised;
import dev.pavu.planner.job.Transition;
import dev.pavu.planner.messaging.EventPublisher;
import dev.pavu.planner.repository.JobEntity;
import dev.pavu.planner.repository.JobState;
import dev.pavu.planner.service.Lookahead.Prepared;
import dev.pavu.planner.source.BundleStore;
import dev.pavu.planner.source.StoredSource;
import dev.pavu.planner.strategy.StrategyService;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Every change of a job's state, each in one transaction that locks the job row ({@code select … for update}, so
 * that verdicts, candidate counts, cancellation and the timeout check of one job never interleave), loads the
 * {@link Job} aggregate once, calls one of its transitions, saves the change and records the events it returned
 * ({@link EventPublisher} writes them to the outbox, sent once the transaction committed). The slow work an event may
 * need — localisation, the strategy step with the model gateway's exploration call — was done before, without the
 * lock ({@link Lookahead}); if the locked job asks for something else than what was worked out (it moved on
 * meanwhile), the transaction fails with {@link StaleDecision} and the consumer works it out again.
 */
@ApplicationScoped
public class JobTransitions {

    /** Team of jobs submitted without one (module tests, the service credential without a team header). */
    public static final String DEFAULT_TEAM = "default";

    private final EventPublisher publisher;
    private final BundleStore bundles;
    private final JobStore store;
    private final Lookahead lookahead;
    private final StrategyService strategy;
    private final PatternPriorStore priors;

    public JobTransitions(EventPublisher publisher, BundleStore bundles, JobStore store, Lookahead lookahead,
                          StrategyService strategy, PatternPriorStore priors) {
        this.publisher = publisher;
        this.bundles = bundles;
        this.store = store;
        this.lookahead = lookahead;
        this.strategy = strategy;
        this.priors = priors;
    }

    /**
     * The job moved on between the work done before its lock and the transaction that applies the event: nothing was
     * changed (the transaction rolls back); work the event out again.
     */
    public static final class StaleDecision extends RuntimeException {
        StaleDecision(String message) {
            super(message, null, false, false);
        }

        /** @return whether {@code t} or one of its causes is a {@link StaleDecision} */
        public static boolean in(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof StaleDecision) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Stores a new job (QUEUED) and announces it with {@code JobSubmitted} (iteration 0).
     *
     * @param s the validated request
     * @return the stored job
     */
    @Transactional
    public JobEntity submit(JobSubmission s) {
        return submit(s, DEFAULT_TEAM);
    }

    /**
     * Stores a new job of a team and announces it (see {@link #submit(JobSubmission)}).
     *
     * @param s    the validated submission
     * @param team the submitting caller's team
     * @return the stored job
     */
    @Transactional
    public JobEntity submit(JobSubmission s, String team) {
        JobEntity job = new JobEntity();
        job.id = UUID.randomUUID();
        job.team = team;
        job.state = JobState.QUEUED;
        job.priority = s.task().priority();
        job.sourceKind = s.sourceKind();
        job.sourceUrl = s.gitUrl();
        job.sourceRef = s.ref();
        TaskSpec t = s.task().withJob(team, s.task().priority());
        job.taskKind = t.kind();
        job.taskText = t.text();
        job.testCommand = t.testCommand();
        job.errorLog = t.errorLog();
        job.reproduceCommand = t.reproduceCommand();
        job.modelsJson = JsonColumns.write(t.models());
        job.gatesJson = s.gates() == null ? null : JsonColumns.write(s.gates());
        job.maxIterations = s.budget().maxIterations();
        job.maxCandidates = s.budget().maxCandidates();
        job.candidateTimeoutMs = s.budget().candidateTimeoutMs();
        job.jobTimeoutMs = s.budget().jobTimeoutMs();
        Envelope env = Envelope.of(EventTypes.JOB_SUBMITTED, job.id, 0, null, PlannerConfig.PRODUCER);
        job.submittedEventId = env.eventId();
        job.submittedAt = env.occurredAt();
        job.persist();
        if (s.resultBranch() != null) {
            ResultBranchEntity.request(job.id, s.resultBranch(), env.occurredAt());
        }
        publisher.publish(new JobSubmitted(env, job.source(), t, s.budget()));
        Log.infof("job %s submitted (%s %s)", job.id, job.sourceKind, job.sourceUrl == null ? "upload" : job.sourceUrl);
        // a generation task without a usable model fails at once, naming the missing setting
        strategy.missingModel(t).ifPresent(reason -> store.read(job.id).ifPresent(j -> commit(j, j.fail(reason, env.eventId()))));
        return job;
    }

    /**
     * The source is in the store: record it and send the BASELINE plan (iteration 0, the empty patch).
     *
     * @param jobId  the job
     * @param source the stored source
     */
    @Transactional
    public void sourceResolved(UUID jobId, StoredSource source) {
        bundles.record(source.sha256(), source.sizeBytes(), source.commit());
        store.lock(jobId).ifPresent(job -> commit(job, job.sourceResolved(source.commit(), source.sha256())));
    }

    /**
     * The source could not be resolved: the job concludes FAILED with that reason.
     *
     * @param jobId  the job
     * @param reason the reason from the source library
     */
    @Transactional
    public void sourceFailed(UUID jobId, String reason) {
        store.lock(jobId).ifPresent(job -> commit(job, job.sourceFailed(reason)));
    }

    /**
     * The actuator announced a plan's candidate count.
     *
     * @param cp       the event (already checked as first seen)
     * @param prepared the strategy choice worked out before the lock ({@link Lookahead#candidates})
     * @throws StaleDecision when the job now asks for a plan other than the one prepared (and not {@code inline})
     */
    @Transactional
    public void candidatesProposed(CandidatesProposed cp, Prepared prepared) {
        store.lock(cp.jobId()).ifPresent(job -> {
            if (!job.concluded()) {
                Log.infof("job %s: %d candidates proposed for plan %s (%s)", job.id(), cp.candidateCount(), cp.planId(), cp.note());
            }
            commit(job, answer(job, job.onCandidatesProposed(cp), prepared));
        });
    }

    /**
     * A candidate's verdict, with the localisation and strategy choice worked out before the lock.
     *
     * @param v        the event (already checked as first seen)
     * @param prepared what {@link Lookahead#verdict} worked out
     * @throws StaleDecision when the job now needs what was not prepared (and not {@code inline})
     */
    @Transactional
    public void verdict(VerdictIssued v, Prepared prepared) {
        Job job = store.lock(v.jobId()).orElse(null);
        if (job == null || job.concluded()) {
            return;
        }
        if (store.judged(v.candidateId())) {
            Log.debugf("job %s: candidate %s already judged; verdict %s ignored", job.id(), v.candidateId(), v.eventId());
            return;
        }
        Localised localised = null;
        if (job.needsLocalisation(v)) {
            localised = prepared.localised();
            if (localised == null) {
                stale(job, prepared, "its baseline verdict needs a localisation");
                localised = lookahead.localise(job, v);
            }
        }
        // counted in the verdict's transaction (a redelivered verdict, judged above, teaches nothing twice) and before
        // the answer, so that a plan this verdict completes already reads what it taught
        job.observation(v).ifPresent(priors::record);
        commit(job, answer(job, job.onVerdict(v, localised), prepared));
    }

    /**
     * The user cancels a job: {@code JobCancelled}, then {@code JobConcluded(CANCELLED)}.
     *
     * @param jobId  the job
     * @param reason the user's words, or {@code null}
     * @return the job, or empty when unknown
     * @throws IllegalStateException when the job has already concluded (the message says how)
     */
    @Transactional
    public Optional<JobEntity> cancel(UUID jobId, String reason) {
        return store.lock(jobId).map(job -> commit(job, job.cancel(reason)));
    }

    /**
     * Concludes a job past its time limit as EXHAUSTED (a job still resolving its source past twice the
     * source timeout as FAILED: the planner restarted or the resolution hung).
     *
     * @param jobId the job
     * @param now   the time now
     */
    @Transactional
    public void concludeIfTimedOut(UUID jobId, Instant now) {
        store.lock(jobId).filter(j -> !j.concluded()).ifPresent(job -> commit(job, job.timeout(now)));
    }

    /** Answers the aggregate's request for a repair plan with the choice prepared for it. */
    private Transition answer(Job job, Transition t, Prepared prepared) {
        if (t.request() == null) {
            return t;
        }
        StrategyService.Choice choice = prepared.choiceFor(t.request());
        if (choice == null) {
            stale(job, prepared, "it asks for the plan of iteration " + t.request().repair().iteration()
                    + " with other inputs than prepared");
            choice = lookahead.decide(t.request());
        }
        return t.then(job.proposeRepair(t.request(), choice,
                LessonPriors.combine(priors.multipliers(job.failureKind()), choice.lessons())));
    }

    /** Fails the transaction as stale unless this is the last attempt (then the caller works it out under the lock). */
    private static void stale(Job job, Prepared prepared, String what) {
        if (!prepared.inline()) {
            throw new StaleDecision("job " + job.id() + " moved on while its event was worked out: " + what);
        }
        Log.warnf("job %s moved on again while its event was worked out (%s): working it out under the lock", job.id(), what);
    }

    private JobEntity commit(Job job, Transition t) {
        if (t.request() != null) {
            throw new IllegalStateException("a repair plan of job " + job.id() + " was asked for and not answered");
        }
        JobEntity row = store.save(job);
        for (PavuEvent e : t.events()) {
            publisher.publish(e);
            switch (e) {
                case PlanProposed p -> Log.infof("job %s: %s plan %s (iteration %d, %d locations, up to %d candidates)", job.id(),
                        p.kind(), p.planId(), p.envelope().iteration(), p.locations().size(), p.maxCandidates());
                case JobConcluded c -> Log.infof("job %s concluded %s: %s", job.id(), c.outcome(), c.reason());
                default -> {
                }
            }
        }
        return row;
    }
}
