package dev.pavu.planner.job;

import dev.pavu.contracts.Budget;
import dev.pavu.contracts.CandidatesProposed;
import dev.pavu.contracts.Decision;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.GatePolicy;
import dev.pavu.contracts.JobCancelled;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.ReproduceSpec;
import dev.pavu.contracts.PartialFix;
import dev.pavu.contracts.PatternWeight;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.planner.config.PlannerConfig;
import dev.pavu.planner.evidence.PartialEvidence;
import dev.pavu.planner.evidence.PatternPrior;
import dev.pavu.planner.ranking.PlausiblePatch;
import dev.pavu.planner.repository.JobState;
import dev.pavu.planner.service.JobDecisions;
import dev.pavu.planner.service.JobDecisions.Conclude;
import dev.pavu.planner.service.JobDecisions.Progress;
import dev.pavu.planner.service.JobDecisions.Repair;
import dev.pavu.planner.service.JobDecisions.Step;
import dev.pavu.planner.service.PartialFixes;
import dev.pavu.planner.strategy.StrategyService;
import dev.pavu.workspace.diff.UnifiedDiffs;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A planner job as one typed aggregate: the submission's facts, its counters, its ranking and baseline failures (the
 * JSON columns, decoded once by {@link JobStore}), its plans and the verdict facts later plans need (tried patch
 * hashes, partial fixes). Loaded once per handled event; each transition is a plain method that changes the aggregate
 * in memory and returns the events to publish ({@link Transition}); {@link JobStore#save} writes the change back. No
 * I/O (not even logging: a transition may be tried on a copy) here: the decisions are {@link JobDecisions}, the strategy step is asked by the caller ({@link PlanRequest}).
 */
public final class Job {

    final UUID id;
    final TaskSpec task;
    final GatePolicy gates;
    final String sourceKind;
    final String sourceUrl;
    final String sourceRef;
    final Budget budget;
    final UUID submittedEventId;
    final Instant submittedAt;
    private final JobRules rules;

    JobState state;
    Outcome outcome;
    String reason;
    String patch;
    UUID winner;
    String commitId;
    String bundleSha;
    int iteration;
    int candidatesProposed;
    int candidatesVerified;
    int candidatesFailed;
    int locationsTried;
    List<SuspiciousLocation> ranking = List.of();
    List<TestFailure> baselineFailures = List.of();
    Integer baselineFailed;
    int partialsOffered;
    Instant concludedAt;
    Long durationMs;
    /** Set when a transition localised the baseline: the ranking and failures must be written. */
    boolean localisedNow;

    /** Its plans and the verdict facts later plans need. */
    final JobHistory history = new JobHistory();

    /** Its plausible patches and the extra search after the first (plausible-patch ranking). */
    final Plausibles plausibles = new Plausibles();

    /**
     * A job with its fixed facts; {@link JobStore} (or a test) fills in the rest.
     *
     * @param id               the job
     * @param task             its task, models decoded, with the job's team and priority
     * @param gates            its gate policy, or {@code null} for the verifier's defaults
     * @param source           its source as submitted (kind, url, ref; commit and bundle as resolved so far)
     * @param budget           its budget
     * @param submittedEventId the {@code JobSubmitted} event's id
     * @param submittedAt      when it was submitted
     * @param rules            the planner's settings
     */
    public Job(UUID id, TaskSpec task, GatePolicy gates, SourceRef source, Budget budget, UUID submittedEventId,
               Instant submittedAt, JobRules rules) {
        this.id = id;
        this.task = task;
        this.gates = gates;
        this.sourceKind = source.kind();
        this.sourceUrl = source.url();
        this.sourceRef = source.ref();
        this.commitId = source.commit();
        this.bundleSha = source.bundleSha();
        this.budget = budget;
        this.submittedEventId = submittedEventId;
        this.submittedAt = submittedAt;
        this.rules = rules;
        this.state = JobState.QUEUED;
    }

    /** @return the job's id */
    public UUID id() {
        return id;
    }

    /** @return where the job stands */
    public JobState state() {
        return state;
    }

    /** @return its current iteration (0 = baseline) */
    public int iteration() {
        return iteration;
    }

    /** @return true once it has an outcome */
    public boolean concluded() {
        return state == JobState.CONCLUDED;
    }

    /** @return the source as known now */
    public SourceRef source() {
        return new SourceRef(sourceKind, sourceUrl, sourceRef, commitId, bundleSha);
    }

    /** @return its task (models as submitted) */
    public TaskSpec task() {
        return task;
    }

    /** @return its plans, by iteration */
    public List<Plan> plans() {
        return history.plans();
    }

    /** The source is stored: record it and send the BASELINE plan (iteration 0, the empty patch). */
    public Transition sourceResolved(String commit, String bundle) {
        if (concluded()) {
            return Transition.NONE;
        }
        commitId = commit;
        bundleSha = bundle;
        state = JobState.BASELINE;
        // the baseline run doubles as the diagnostic run: per-test coverage for spectrum-based localisation
        VerifySpec verify = new VerifySpec(task.testCommand(), budget.candidateTimeoutMs(), List.of(), rules.collectCoverage(), gates,
                task.priority(), JobDecisions.reproduce(task));
        return Transition.of(sendPlan(PlanKind.BASELINE, task, 0, 0, List.of(), List.of(), 1, verify, submittedEventId,
                new Decision("baseline", Map.of(), "run the tests once on the unchanged source to learn which fail"), List.of()));
    }

    /** The source could not be resolved: the job concludes FAILED with {@code why}. */
    public Transition sourceFailed(String why) {
        return concluded() ? Transition.NONE
                : Transition.of(conclude(new Conclude(Outcome.FAILED, "could not resolve the source: " + why, null, null), submittedEventId));
    }

    /** The job cannot go on ({@code why}, e.g. a generation task without a model): it concludes FAILED. */
    public Transition fail(String why, UUID causation) {
        return concluded() ? Transition.NONE : Transition.of(conclude(new Conclude(Outcome.FAILED, why, null, null), causation));
    }

    /** The actuator announced a plan's candidate count (a plan not of this job, or already counted, is ignored). */
    public Transition onCandidatesProposed(CandidatesProposed cp) {
        Plan plan = history.plans.get(cp.planId());
        if (plan == null || concluded() || plan.candidateCount() != null) {
            return Transition.NONE;
        }
        plan = history.update(plan.withCandidates(cp.candidateCount(), cp.rejectedCount()));
        if (plan.kind() == PlanKind.BASELINE) {
            return Transition.NONE;
        }
        candidatesProposed += cp.candidateCount();
        if (plausibles.any()) {
            return ranking(Instant.now(), cp.eventId());
        }
        return apply(JobDecisions.onCandidatesProposed(plan.iteration() == iteration, cp.candidateCount(), plan.verdicts(),
                progress()), cp.eventId());
    }

    /**
     * @param v a verdict
     * @return true when it is the baseline's verdict of this open job and asks for fault localisation
     */
    public boolean needsLocalisation(VerdictIssued v) {
        Plan plan = history.plans.get(v.planId());
        return plan != null && !concluded() && plan.kind() == PlanKind.BASELINE
                && JobDecisions.onBaseline(v, commitId, budget.candidateTimeoutMs(), task) instanceof JobDecisions.Localise;
    }

    /**
     * A candidate's verdict not yet counted (the caller checks that the candidate was not judged before).
     *
     * @param v         the verdict
     * @param localised the baseline's localisation when {@link #needsLocalisation} holds, else ignored
     * @return the events, or the repair plan wanted
     * @throws IllegalArgumentException when localisation is needed and not given
     */
    public Transition onVerdict(VerdictIssued v, Localised localised) {
        Plan plan = history.plans.get(v.planId());
        if (plan == null || concluded()) {
            return Transition.NONE;
        }
        if (needsLocalisation(v) && localised == null) {
            throw new IllegalArgumentException("the baseline verdict of job " + id + " needs its localisation first");
        }
        boolean baseline = plan.kind() == PlanKind.BASELINE;
        history.count(new Judged(v.candidateId(), plan.planId(), v.verdict(), v.diff().isBlank() ? null : UnifiedDiffs.hash(v.diff()),
                Instant.now(), v.testsFailed(), Math.max(0, v.testsRun() - v.testsFailed()), v.pattern(),
                !baseline && PartialFixes.isPartial(v, baselineFailed) ? v.diff() : null));
        plan = history.update(plan.withVerdict(!baseline && v.verdict() == Verdict.PASS));
        if (baseline) {
            return baselineVerdict(v, localised);
        }
        if (v.verdict() != Verdict.SKIPPED) {
            candidatesVerified++;
            if (v.verdict() != Verdict.PASS) {
                candidatesFailed++;
            }
        }
        Instant now = Instant.now();
        if (plausibles.any() && v.verdict() != Verdict.SKIPPED) {
            plausibles.verdictsAfter++;
        }
        if (v.verdict() == Verdict.PASS) {
            plausibles.found(new PlausiblePatch(v.candidateId(), v.pattern(), v.diff(), now, v.testsRun()));
        }
        if (plausibles.any()) {
            return ranking(now, v.eventId());
        }
        return apply(JobDecisions.onRepairVerdict(v, plan.iteration() == iteration, plan.candidateCount(), plan.verdicts(),
                progress()), v.eventId());
    }

    private Transition baselineVerdict(VerdictIssued v, Localised localised) {
        baselineFailed = v.testsFailed();
        Step step = JobDecisions.onBaseline(v, commitId, budget.candidateTimeoutMs(), task);
        if (step instanceof JobDecisions.Localise) {
            baselineFailures = List.copyOf(v.failingTests());
            ranking = List.copyOf(localised.ranking());
            localisedNow = true;
            step = JobDecisions.next(progress());
            if (localised.problem() != null && step instanceof Conclude c && c.outcome() == Outcome.FAILED) {
                step = new Conclude(Outcome.FAILED, localised.problem(), null, null);
            }
        }
        return apply(step, v.eventId());
    }

    /**
     * Answers a {@link PlanRequest} with the strategy step's choice: the repair (or regeneration) plan, or — when the
     * choice says the job cannot go on — its FAILED conclusion.
     *
     * @param request the request this aggregate returned, computed again on its current state
     * @param choice  the strategy's choice for an equal request
     * @return the plan's (or conclusion's) event
     * @throws IllegalStateException when the job moved on since the request (concluded, other state or iteration)
     */
    public Transition proposeRepair(PlanRequest request, StrategyService.Choice choice) {
        return proposeRepair(request, choice, Map.of());
    }

    /**
     * Answers a {@link PlanRequest} as {@link #proposeRepair(PlanRequest, StrategyService.Choice)}, the plan carrying
     * pattern weights from the failure kind's learned prior and the job's partial fixes ({@link PatternPrior#weights}).
     *
     * @param request     the request this aggregate returned, computed again on its current state
     * @param choice      the strategy's choice for an equal request
     * @param multipliers pattern → multiplier: the failure kind's learned prior ({@link #failureKind()}) times the
     *                    lessons of similar failures ({@code LessonPriors}), may be empty
     * @return the plan's (or conclusion's) event
     * @throws IllegalStateException when the job moved on since the request
     */
    public Transition proposeRepair(PlanRequest request, StrategyService.Choice choice, Map<String, Double> multipliers) {
        if (concluded() || state != request.stateBefore() || iteration != request.iterationBefore()) {
            throw new IllegalStateException("job " + id + " moved on (" + state + ", iteration " + iteration
                    + ") since its plan was asked for (" + request.stateBefore() + ", iteration " + request.iterationBefore() + ")");
        }
        if (choice.failure() != null) {
            return Transition.of(conclude(new Conclude(Outcome.FAILED, choice.failure(), null, null), request.causation()));
        }
        Repair r = request.repair();
        List<TestFailure> failing = request.input().failing();
        List<String> first = failing.stream().map(TestFailure::testId).filter(t -> t != null && !t.isBlank()).distinct().toList();
        VerifySpec verify = new VerifySpec(task.testCommand(), budget.candidateTimeoutMs(), first, false, gates, task.priority(),
                JobDecisions.reproduce(task));
        state = JobState.REPAIRING;
        locationsTried += r.locationCount();
        return Transition.of(sendPlan(choice.kind(), choice.task(), r.iteration(), r.locationFrom(), request.input().locations(),
                failing, r.maxCandidates(), verify, request.causation(), choice.decision(),
                PlanProposed.weights(PatternPrior.weights(multipliers, request.patternGains(), rules.evidence()))));
    }

    /** @return the failure kind this job's verdicts teach and its plans read the learned prior of ({@link PatternPrior#kindOf}) */
    public String failureKind() {
        return PatternPrior.kindOf(baselineFailures);
    }

    /**
     * @param v a verdict not yet counted
     * @return what it teaches the pattern prior: a repair candidate's verdict of this open job with a pattern, not SKIPPED
     */
    public Optional<PatternPrior.Observation> observation(VerdictIssued v) {
        Plan plan = history.plans.get(v.planId());
        if (plan == null || concluded() || plan.kind() == PlanKind.BASELINE || !rules.evidence().enabled()
                || v.pattern() == null || v.pattern().isBlank() || v.pattern().length() > PartialEvidence.MAX_NAME) {
            return Optional.empty();
        }
        var reward = PatternPrior.reward(v, baselineFailed);
        return reward.isPresent() ? Optional.of(new PatternPrior.Observation(id, failureKind(), v.pattern(), reward.getAsDouble()))
                : Optional.empty();
    }

    /**
     * The user cancels the job: {@code JobCancelled}, then {@code JobConcluded(CANCELLED)}.
     *
     * @param why the user's words, or {@code null}
     * @return both events
     * @throws IllegalStateException when the job has already concluded (the message says how)
     */
    public Transition cancel(String why) {
        if (concluded()) {
            throw new IllegalStateException("job " + id + " has already concluded " + outcome + ": " + reason);
        }
        String said = why == null || why.isBlank() ? "cancelled by the user" : why;
        Envelope env = Envelope.of(EventTypes.JOB_CANCELLED, id, iteration, null, PlannerConfig.PRODUCER);
        JobCancelled cancelled = new JobCancelled(env, said);
        return Transition.of(cancelled, conclude(new Conclude(Outcome.CANCELLED, said, null, null), env.eventId()));
    }

    /**
     * Concludes the job when past its time limit: EXHAUSTED naming the stage it stalled at (FAILED when still resolving
     * its source past twice the source timeout: the planner restarted or the resolution hung).
     *
     * @param now the time now
     * @return the conclusion, or nothing when in time
     */
    public Transition timeout(Instant now) {
        if (concluded()) {
            return Transition.NONE;
        }
        Duration twice = rules.sourceTimeout().multipliedBy(2);
        if (state == JobState.QUEUED && Duration.between(submittedAt, now).compareTo(twice) > 0) {
            return Transition.of(conclude(new Conclude(Outcome.FAILED, "the source was not resolved within " + twice.toSeconds()
                    + " s (the planner may have restarted); submit the job again", null, null), submittedEventId));
        }
        if (plausibles.any()) {
            Conclude ranked = JobDecisions.timedOut(submittedAt, budget.jobTimeoutMs(), now)
                    ? plausibles.conclude("the job's time limit ended the search", alsoPasses())
                    : plausibles.decide(rules, false, now, alsoPasses());
            return ranked == null ? Transition.NONE : Transition.of(conclude(ranked, submittedEventId));
        }
        if (!JobDecisions.timedOut(submittedAt, budget.jobTimeoutMs(), now)) {
            return Transition.NONE;
        }
        Conclude c = JobDecisions.onTimeout(progress(), budget.jobTimeoutMs());
        return Transition.of(conclude(new Conclude(c.outcome(), c.reason() + "; " + JobStages.stage(state, history.plan(iteration), now),
                c.patch(), c.winner()), submittedEventId));
    }

    /** @return the job's progress as {@link JobDecisions} sees it */
    Progress progress() {
        Plan current = iteration > 0 ? history.plan(iteration) : null;
        boolean full = current != null && current.candidateCount() != null && current.candidateCount() >= current.maxCandidates();
        return new Progress(budget.maxIterations(), budget.maxCandidates(), iteration, candidatesProposed, candidatesVerified,
                locationsTried, ranking.size(), rules.locationsPerIteration(), rules.maxPerIteration(), full,
                rules.maxPartialFixes() > 0 && history.partials.size() > partialsOffered);
    }

    /**
     * After the first plausible patch no new plan is started: the job waits for its current plan's verdicts until the
     * extra search is over ({@link Plausibles#decide}), then concludes with the best-ranked plausible patch.
     */
    private Transition ranking(Instant now, UUID causation) {
        Plan current = iteration > 0 ? history.plan(iteration) : null;
        boolean planOver = current == null || current.candidateCount() != null && current.verdicts() >= current.candidateCount();
        Conclude c = plausibles.decide(rules, planOver, now, alsoPasses());
        return c == null ? Transition.NONE : Transition.of(conclude(c, causation));
    }

    private Transition apply(Step step, UUID causation) {
        return switch (step) {
            case Conclude c -> Transition.of(conclude(c, causation));
            case Repair r -> Transition.wants(request(r, causation));
            case JobDecisions.Wait w -> Transition.NONE;
            case JobDecisions.Localise l -> throw new IllegalStateException("localisation is decided on the baseline only");
        };
    }

    private PlanRequest request(Repair r, UUID causation) {
        PartialEvidence.Applied ev = PartialEvidence.apply(ranking.subList(r.locationFrom(), r.locationFrom() + r.locationCount()),
                ranking, history.partials.stream().map(j -> new PartialEvidence.Partial(j.partialDiff(), j.pattern(),
                        j.testsPassed(), j.testsFailed())).toList(), baselineFailed, rules.evidence());
        List<SuspiciousLocation> slice = ev.locations();
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("iteration", (double) r.iteration());
        numbers.put("locations", (double) r.locationCount());
        numbers.put("maxCandidates", (double) r.maxCandidates());
        numbers.put("remainingCandidates", (double) progress().remainingCandidates());
        numbers.put("topScore", slice.isEmpty() ? 0.0 : slice.getFirst().score());
        String rationale = "template repair at suspicious statements "
                + (r.locationFrom() + 1) + "–" + (r.locationFrom() + r.locationCount()) + " of " + ranking.size()
                + " ranked from the failing tests"
                + (locationsTried >= ranking.size() ? " (another pass: the candidates not reached before, tried ones skipped)" : "")
                + (ev.boosted() > 0 ? "; partial fixes moved " + ev.boosted() + " location(s) first" : "");
        numbers.put("evidenceLocations", (double) ev.boosted());
        int repairs = history.count(PlanKind.REPAIR);
        int regenerations = history.count(PlanKind.GENERATE);
        StrategyService.Input in = new StrategyService.Input(id, r.iteration(), task, bundleSha, commitId, List.copyOf(slice),
                baselineFailures, repairs, regenerations);
        return new PlanRequest(r, in, numbers, rationale, causation, state, iteration, ev.patternGains());
    }

    private PlanProposed sendPlan(PlanKind kind, TaskSpec planTask, int planIteration, int from, List<SuspiciousLocation> locations,
                                  List<TestFailure> failing, int maxCandidates, VerifySpec verify, UUID causation, Decision d,
                                  List<PatternWeight> patternWeights) {
        Envelope env = Envelope.of(EventTypes.PLAN_PROPOSED, id, planIteration, causation, PlannerConfig.PRODUCER);
        Plan plan = history.update(new Plan(UUID.randomUUID(), planIteration, kind, env.eventId(), from, locations.size(), maxCandidates,
                null, null, 0, false, env.occurredAt()));
        iteration = planIteration;
        List<String> tried = kind == PlanKind.BASELINE ? List.of() : List.copyOf(history.triedHashes);
        List<PartialFix> offered = kind == PlanKind.REPAIR ? history.partialFixes(rules.maxPartialFixes()) : List.of();
        partialsOffered = kind == PlanKind.REPAIR ? history.partials.size() : partialsOffered;
        return new PlanProposed(env, plan.planId(), kind, source(), planTask, locations, failing, maxCandidates, verify, tried, d,
                offered, patternWeights);
    }

    /** A FIX_LOG job's plausible patches also passed its reproduce gate: its conclusion says so. */
    private String alsoPasses() {
        ReproduceSpec r = JobDecisions.reproduce(task);
        return r == null ? "" : " and the logged failure " + r.failure().describe() + " no longer reproduces under '"
                + r.command() + "'";
    }

    private JobConcluded conclude(Conclude c, UUID causation) {
        Instant now = Instant.now();
        state = JobState.CONCLUDED;
        outcome = c.outcome();
        reason = c.reason();
        patch = c.outcome() == Outcome.SUCCEEDED ? (c.patch() == null ? "" : c.patch()) : null;
        winner = c.winner();
        concludedAt = now;
        durationMs = Duration.between(submittedAt, now).toMillis();
        Envelope env = Envelope.of(EventTypes.JOB_CONCLUDED, id, iteration, causation, PlannerConfig.PRODUCER);
        return new JobConcluded(env, c.outcome(), c.reason(), patch, c.winner(), candidatesVerified, durationMs);
    }
}
