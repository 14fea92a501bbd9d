package dev.pavu.planner.service;

import dev.pavu.contracts.CandidatesProposed;
import dev.pavu.contracts.Decision;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.JobCancelled;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.JobSubmitted;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.PartialFix;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.planner.config.PlannerConfig;
import dev.pavu.planner.messaging.EventPublisher;
import dev.pavu.planner.repository.IterationEntity;
import dev.pavu.planner.repository.JobEntity;
import dev.pavu.planner.repository.JobState;
import dev.pavu.planner.repository.VerdictEntity;
import dev.pavu.planner.service.JobDecisions.Conclude;
import dev.pavu.planner.service.JobDecisions.Progress;
import dev.pavu.planner.service.JobDecisions.Repair;
import dev.pavu.planner.service.JobDecisions.Step;
import dev.pavu.planner.source.BundleStore;
import dev.pavu.planner.source.StoredSource;
import dev.pavu.planner.strategy.StrategyService;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every change of a job's state, each in one transaction that also records the events it sends
 * ({@link EventPublisher} writes them to the outbox, sent once the transaction committed). The job row is locked ({@code select … for update})
 * so that verdicts, candidate counts, cancellation and the timeout check of one job never interleave.
 * The decisions themselves are {@link JobDecisions}.
 */
@ApplicationScoped
public class JobTransitions {

    /** Team of jobs submitted without one (module tests, the service credential without a team header). */
    public static final String DEFAULT_TEAM = "default";

    private final PlannerConfig config;
    private final EventPublisher publisher;
    private final BundleStore bundles;
    private final LocalisationService localisation;
    private final StrategyService strategy;

    public JobTransitions(PlannerConfig config, EventPublisher publisher, BundleStore bundles,
                          LocalisationService localisation, StrategyService strategy) {
        this.config = config;
        this.publisher = publisher;
        this.bundles = bundles;
        this.localisation = localisation;
        this.strategy = strategy;
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
        publisher.publish(new JobSubmitted(env, job.source(), t, s.budget()));
        Log.infof("job %s submitted (%s %s)", job.id, job.sourceKind, job.sourceUrl == null ? "upload" : job.sourceUrl);
        // a generation task without a usable model fails at once, naming the missing setting
        strategy.missingModel(t).ifPresent(reason -> conclude(job, new Conclude(Outcome.FAILED, reason, null, null), env.eventId()));
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
        JobEntity job = lock(jobId).orElse(null);
        if (job == null || job.concluded()) {
            return;
        }
        job.commitId = source.commit();
        job.bundleSha = source.sha256();
        job.state = JobState.BASELINE;
        // the baseline run doubles as the diagnostic run: per-test coverage for spectrum-based localisation
        VerifySpec verify = new VerifySpec(job.testCommand, job.candidateTimeoutMs, List.of(),
                config.localisation().collectCoverage(), JsonColumns.gates(job.gatesJson), job.priority);
        sendPlan(job, PlanKind.BASELINE, task(job), 0, 0, List.of(), List.of(), 1, verify, job.submittedEventId,
                new Decision("baseline", Map.of(), "run the tests once on the unchanged source to learn which fail"));
    }

    /**
     * The source could not be resolved: the job concludes FAILED with that reason.
     *
     * @param jobId  the job
     * @param reason the reason from the source library
     */
    @Transactional
    public void sourceFailed(UUID jobId, String reason) {
        lock(jobId).filter(j -> !j.concluded()).ifPresent(job ->
                conclude(job, new Conclude(Outcome.FAILED, "could not resolve the source: " + reason, null, null),
                        job.submittedEventId));
    }

    /**
     * The actuator announced a plan's candidate count.
     *
     * @param cp the event (already checked as first seen)
     */
    @Transactional
    public void candidatesProposed(CandidatesProposed cp) {
        JobEntity job = lock(cp.jobId()).orElse(null);
        IterationEntity plan = IterationEntity.findById(cp.planId());
        if (job == null || plan == null || job.concluded() || plan.candidateCount != null) {
            return;
        }
        plan.candidateCount = cp.candidateCount();
        plan.rejectedCount = cp.rejectedCount();
        if (plan.kind == PlanKind.BASELINE) {
            return;
        }
        job.candidatesProposed += cp.candidateCount();
        Log.infof("job %s iteration %d: %d candidates proposed (%s)", job.id, plan.iteration, cp.candidateCount(), cp.note());
        apply(job, JobDecisions.onCandidatesProposed(plan.iteration == job.iteration, cp.candidateCount(),
                plan.verdicts, progress(job)), cp.eventId());
    }

    /**
     * The slow part of a verdict's handling, done before its transaction so that the job row is not locked meanwhile:
     * a failing baseline's fault localisation (it reads the whole source). Reads the job in a short transaction of its
     * own, then localises with no transaction held; the result is handed to {@link #verdict(VerdictIssued, Optional)}.
     *
     * @param v a verdict not yet handled
     * @return the localisation when {@code v} is a baseline verdict that asks for one, else empty
     */
    public Optional<LocalisationService.Result> localiseFirst(VerdictIssued v) {
        record Inputs(UUID job, String bundleSha, String commit, String errorLog) {
        }
        Optional<Inputs> in = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            JobEntity job = JobEntity.findById(v.jobId());
            IterationEntity plan = IterationEntity.findById(v.planId());
            if (job == null || plan == null || job.concluded() || plan.kind != PlanKind.BASELINE
                    || !(JobDecisions.onBaseline(v, job.commitId, job.candidateTimeoutMs) instanceof JobDecisions.Localise)) {
                return Optional.<Inputs>empty();
            }
            return Optional.of(new Inputs(job.id, job.bundleSha, job.commitId, job.errorLog));
        });
        return in.map(i -> localisation.localise(i.job(), i.bundleSha(), i.commit(), v.failingTests(), i.errorLog(), v.coverage()));
    }

    /**
     * A candidate's verdict.
     *
     * @param v the event (already checked as first seen)
     */
    @Transactional
    public void verdict(VerdictIssued v) {
        verdict(v, Optional.empty());
    }

    /**
     * A candidate's verdict, with the localisation {@link #localiseFirst} computed outside the transaction.
     *
     * @param v         the event (already checked as first seen)
     * @param localised the baseline's localisation when computed beforehand (empty: computed here if needed)
     */
    @Transactional
    public void verdict(VerdictIssued v, Optional<LocalisationService.Result> localised) {
        JobEntity job = lock(v.jobId()).orElse(null);
        IterationEntity plan = IterationEntity.findById(v.planId());
        if (job == null || plan == null || job.concluded() || !plan.jobId.equals(job.id)) {
            return;
        }
        if (VerdictEntity.findById(v.candidateId()) != null) {
            Log.debugf("job %s: candidate %s already judged; verdict %s ignored", job.id, v.candidateId(), v.eventId());
            return;
        }
        VerdictEntity row = new VerdictEntity();
        row.candidateId = v.candidateId();
        row.jobId = job.id;
        row.planId = plan.planId;
        row.verdict = v.verdict();
        row.patchHash = v.diff().isBlank() ? null : UnifiedDiffs.hash(v.diff());
        row.receivedAt = Instant.now();
        row.testsFailed = v.testsFailed();
        row.testsPassed = Math.max(0, v.testsRun() - v.testsFailed());
        row.pattern = v.pattern();
        if (plan.kind != PlanKind.BASELINE && PartialFixes.isPartial(v, job.baselineFailed)) {
            row.partialDiff = v.diff();
        }
        row.persist();
        plan.verdicts++;
        if (plan.kind == PlanKind.BASELINE) {
            baselineVerdict(job, v, localised);
            return;
        }
        if (v.verdict() != Verdict.SKIPPED) {
            job.candidatesVerified++;
            if (v.verdict() != Verdict.PASS) {
                job.candidatesFailed++;
            }
        }
        if (v.verdict() == Verdict.PASS) {
            plan.passed = true;
        }
        apply(job, JobDecisions.onRepairVerdict(v, plan.iteration == job.iteration, plan.candidateCount, plan.verdicts,
                progress(job)), v.eventId());
    }

    private void baselineVerdict(JobEntity job, VerdictIssued v, Optional<LocalisationService.Result> localised) {
        job.baselineFailed = v.testsFailed();
        Step step = JobDecisions.onBaseline(v, job.commitId, job.candidateTimeoutMs);
        if (step instanceof JobDecisions.Localise) {
            List<TestFailure> failing = v.failingTests();
            job.baselineJson = JsonColumns.write(failing);
            LocalisationService.Result r = localised.orElseGet(() -> localisation.localise(job.id, job.bundleSha, job.commitId,
                    failing, job.errorLog, v.coverage()));
            job.rankingJson = JsonColumns.write(r.ranking());
            step = JobDecisions.next(progress(job));
            if (r.problem() != null && step instanceof Conclude c && c.outcome() == Outcome.FAILED) {
                step = new Conclude(Outcome.FAILED, r.problem(), null, null);
            }
        }
        apply(job, step, v.eventId());
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
        Optional<JobEntity> found = lock(jobId);
        found.ifPresent(job -> {
            if (job.concluded()) {
                throw new IllegalStateException("job " + jobId + " has already concluded " + job.outcome + ": " + job.reason);
            }
            String why = reason == null || reason.isBlank() ? "cancelled by the user" : reason;
            Envelope env = Envelope.of(EventTypes.JOB_CANCELLED, job.id, job.iteration, null, PlannerConfig.PRODUCER);
            publisher.publish(new JobCancelled(env, why));
            conclude(job, new Conclude(Outcome.CANCELLED, why, null, null), env.eventId());
        });
        return found;
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
        lock(jobId).filter(j -> !j.concluded()).ifPresent(job -> {
            if (job.state == JobState.QUEUED
                    && Duration.between(job.submittedAt, now).compareTo(config.sourceTimeout().multipliedBy(2)) > 0) {
                conclude(job, new Conclude(Outcome.FAILED, "the source was not resolved within "
                        + config.sourceTimeout().multipliedBy(2).toSeconds() + " s (the planner may have restarted); submit the job again",
                        null, null), job.submittedEventId);
            } else if (JobDecisions.timedOut(job.submittedAt, job.jobTimeoutMs, now)) {
                Conclude c = JobDecisions.onTimeout(progress(job), job.jobTimeoutMs);
                String stage = ProgressWatchdog.stage(job, IterationEntity.of(job.id, job.iteration), now);
                conclude(job, new Conclude(c.outcome(), c.reason() + "; " + stage, c.patch(), c.winner()), job.submittedEventId);
            }
        });
    }

    private void apply(JobEntity job, Step step, UUID causation) {
        switch (step) {
            case Conclude c -> conclude(job, c, causation);
            case Repair r -> sendRepairPlan(job, r, causation);
            case JobDecisions.Wait w -> {
            }
            case JobDecisions.Localise l -> throw new IllegalStateException("localisation is decided on the baseline only");
        }
    }

    private void sendRepairPlan(JobEntity job, Repair r, UUID causation) {
        List<SuspiciousLocation> ranking = JsonColumns.locations(job.rankingJson);
        List<SuspiciousLocation> slice = ranking.subList(r.locationFrom(), r.locationFrom() + r.locationCount());
        List<TestFailure> failing = JsonColumns.failures(job.baselineJson);
        List<String> first = failing.stream().map(TestFailure::testId).filter(id -> id != null && !id.isBlank()).distinct().toList();
        VerifySpec verify = new VerifySpec(job.testCommand, job.candidateTimeoutMs, first, false, JsonColumns.gates(job.gatesJson),
                job.priority);
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("iteration", (double) r.iteration());
        numbers.put("locations", (double) r.locationCount());
        numbers.put("maxCandidates", (double) r.maxCandidates());
        numbers.put("remainingCandidates", (double) progress(job).remainingCandidates());
        numbers.put("topScore", slice.isEmpty() ? 0.0 : slice.getFirst().score());
        String rationale = "template repair at suspicious statements "
                + (r.locationFrom() + 1) + "–" + (r.locationFrom() + r.locationCount()) + " of " + ranking.size()
                + " ranked from the failing tests"
                + (job.locationsTried >= ranking.size() ? " (another pass: the candidates not reached before, tried ones skipped)" : "");
        // the strategy step: repair vs regenerate with its cost model, and the planner model's exploration
        List<IterationEntity> earlier = IterationEntity.ofJob(job.id);
        StrategyService.Choice choice = strategy.decide(new StrategyService.Input(job.id, r.iteration(), task(job),
                job.bundleSha, job.commitId, slice, failing,
                (int) earlier.stream().filter(i -> i.kind == PlanKind.REPAIR).count(),
                (int) earlier.stream().filter(i -> i.kind == PlanKind.GENERATE).count()), numbers, rationale);
        if (choice.failure() != null) {
            conclude(job, new Conclude(Outcome.FAILED, choice.failure(), null, null), causation);
            return;
        }
        job.state = JobState.REPAIRING;
        job.locationsTried += r.locationCount();
        sendPlan(job, choice.kind(), choice.task(), r.iteration(), r.locationFrom(), slice, failing, r.maxCandidates(), verify,
                causation, choice.decision());
    }

    private void sendPlan(JobEntity job, PlanKind kind, TaskSpec task, int iteration, int from, List<SuspiciousLocation> locations,
                          List<TestFailure> failing, int maxCandidates, VerifySpec verify, UUID causation, Decision d) {
        Envelope env = Envelope.of(EventTypes.PLAN_PROPOSED, job.id, iteration, causation, PlannerConfig.PRODUCER);
        IterationEntity plan = new IterationEntity();
        plan.planId = UUID.randomUUID();
        plan.jobId = job.id;
        plan.iteration = iteration;
        plan.kind = kind;
        plan.planEventId = env.eventId();
        plan.locationFrom = from;
        plan.locationCount = locations.size();
        plan.maxCandidates = maxCandidates;
        plan.createdAt = env.occurredAt();
        plan.persist();
        job.iteration = iteration;
        List<String> tried = kind == PlanKind.BASELINE ? List.of() : VerdictEntity.triedHashes(job.id);
        List<PartialFix> partials = kind == PlanKind.REPAIR ? PartialFixes.of(job.id, config.maxPartialFixes()) : List.of();
        job.partialsOffered = kind == PlanKind.REPAIR ? (int) VerdictEntity.partialCount(job.id) : job.partialsOffered;
        publisher.publish(new PlanProposed(env, plan.planId, kind, job.source(), task, locations, failing,
                maxCandidates, verify, tried, d, partials));
        Log.infof("job %s: %s plan %s (iteration %d, %d locations, up to %d candidates)", job.id, kind, plan.planId,
                iteration, locations.size(), maxCandidates);
    }

    private void conclude(JobEntity job, Conclude c, UUID causation) {
        Instant now = Instant.now();
        job.state = JobState.CONCLUDED;
        job.outcome = c.outcome();
        job.reason = c.reason();
        job.patch = c.outcome() == Outcome.SUCCEEDED ? (c.patch() == null ? "" : c.patch()) : null;
        job.winningCandidateId = c.winner();
        job.concludedAt = now;
        job.durationMs = Duration.between(job.submittedAt, now).toMillis();
        Envelope env = Envelope.of(EventTypes.JOB_CONCLUDED, job.id, job.iteration, causation, PlannerConfig.PRODUCER);
        publisher.publish(new JobConcluded(env, c.outcome(), c.reason(), job.patch, c.winner(), job.candidatesVerified,
                job.durationMs));
        Log.infof("job %s concluded %s: %s", job.id, c.outcome(), c.reason());
    }

    private Progress progress(JobEntity job) {
        IterationEntity current = job.iteration > 0 ? IterationEntity.of(job.id, job.iteration) : null;
        boolean full = current != null && current.candidateCount != null && current.candidateCount >= current.maxCandidates;
        return new Progress(job.maxIterations, job.maxCandidates, job.iteration, job.candidatesProposed,
                job.candidatesVerified, job.locationsTried, JsonColumns.locations(job.rankingJson).size(),
                config.locationsPerIteration(), config.maxCandidatesPerIteration(), full,
                config.maxPartialFixes() > 0 && VerdictEntity.partialCount(job.id) > job.partialsOffered);
    }

    private static TaskSpec task(JobEntity job) {
        return new TaskSpec(job.taskKind, job.taskText, job.testCommand, job.errorLog, JsonColumns.models(job.modelsJson),
                job.team, job.priority);
    }

    private static Optional<JobEntity> lock(UUID jobId) {
        return Optional.ofNullable(JobEntity.findById(jobId, LockModeType.PESSIMISTIC_WRITE));
    }
}
