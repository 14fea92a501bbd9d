package dev.pavu.planner.job;

import dev.pavu.planner.config.PlannerConfig;
import dev.pavu.planner.ranking.PlausiblePatch;
import dev.pavu.planner.ranking.RankedPatch;
import dev.pavu.planner.repository.IterationEntity;
import dev.pavu.planner.repository.JobEntity;
import dev.pavu.planner.repository.PlausiblePatchEntity;
import dev.pavu.planner.repository.VerdictEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Loads a {@link Job} aggregate from {@code planner.jobs} (its JSON columns decoded once), its plans
 * ({@code planner.iterations}) and the verdict facts it needs ({@code planner.verdicts}: tried patch hashes, partial
 * fixes), and writes a transition's change back. All methods need the caller's transaction.
 */
@ApplicationScoped
public class JobStore {

    private final JobRules rules;

    /**
     * @param config   the planner's settings
     * @param evidence the search-order evidence settings
     */
    public JobStore(PlannerConfig config, dev.pavu.planner.evidence.EvidenceConfig evidence) {
        this.rules = JobRules.of(config, evidence);
    }

    /**
     * Locks the job's row ({@code select … for update}) until the transaction ends and loads the aggregate: verdicts,
     * candidate counts, cancellation and the timeout check of one job never interleave.
     *
     * @param jobId the job
     * @return the job, or empty when unknown
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Job> lock(UUID jobId) {
        return Optional.ofNullable(JobEntity.<JobEntity>findById(jobId, LockModeType.PESSIMISTIC_WRITE)).map(this::load);
    }

    /**
     * Loads the aggregate without a lock: to look ahead (a transition tried on this copy is never saved).
     *
     * @param jobId the job
     * @return the job, or empty when unknown
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Job> read(UUID jobId) {
        return Optional.ofNullable(JobEntity.<JobEntity>findById(jobId)).map(this::load);
    }

    /**
     * @param candidateId a candidate
     * @return whether its verdict was already counted
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean judged(UUID candidateId) {
        return VerdictEntity.findById(candidateId) != null;
    }

    /**
     * Writes the aggregate's change: the job row, changed and new plans, verdicts counted now.
     *
     * @param job a job loaded in this transaction (or just persisted)
     * @return its row, updated
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public JobEntity save(Job job) {
        JobEntity e = JobEntity.findById(job.id);
        e.state = job.state;
        e.outcome = job.outcome;
        e.reason = job.reason;
        e.patch = job.patch;
        e.winningCandidateId = job.winner;
        e.commitId = job.commitId;
        e.bundleSha = job.bundleSha;
        e.iteration = job.iteration;
        e.candidatesProposed = job.candidatesProposed;
        e.candidatesVerified = job.candidatesVerified;
        e.candidatesFailed = job.candidatesFailed;
        e.locationsTried = job.locationsTried;
        e.baselineFailed = job.baselineFailed;
        e.partialsOffered = job.partialsOffered;
        e.rankingVerdicts = job.plausibles.verdictsAfter;
        e.concludedAt = job.concludedAt;
        e.durationMs = job.durationMs;
        if (job.localisedNow) {
            e.baselineJson = JsonColumns.write(job.baselineFailures);
            e.rankingJson = JsonColumns.write(job.ranking);
            job.localisedNow = false;
        }
        for (UUID planId : job.history.changedPlans) {
            Plan p = job.history.plans.get(planId);
            IterationEntity row = IterationEntity.findById(planId);
            if (row == null) {
                row = new IterationEntity();
                row.planId = p.planId();
                row.jobId = job.id;
                row.iteration = p.iteration();
                row.kind = p.kind();
                row.planEventId = p.planEventId();
                row.locationFrom = p.locationFrom();
                row.locationCount = p.locationCount();
                row.maxCandidates = p.maxCandidates();
                row.createdAt = p.createdAt();
                row.persist();
            }
            row.candidateCount = p.candidateCount();
            row.rejectedCount = p.rejectedCount();
            row.verdicts = p.verdicts();
            row.passed = p.passed();
        }
        job.history.changedPlans.clear();
        for (Judged j : job.history.judgedNow) {
            VerdictEntity row = new VerdictEntity();
            row.candidateId = j.candidateId();
            row.jobId = job.id;
            row.planId = j.planId();
            row.verdict = j.verdict();
            row.patchHash = j.patchHash();
            row.receivedAt = j.receivedAt();
            row.testsFailed = j.testsFailed();
            row.testsPassed = j.testsPassed();
            row.pattern = j.pattern();
            row.partialDiff = j.partialDiff();
            row.persist();
        }
        job.history.judgedNow.clear();
        savePlausibles(job);
        return e;
    }

    private static void savePlausibles(Job job) {
        for (PlausiblePatch p : job.plausibles.foundNow) {
            PlausiblePatchEntity row = new PlausiblePatchEntity();
            row.candidateId = p.candidateId();
            row.jobId = job.id;
            row.pattern = p.pattern();
            row.diff = p.diff();
            row.testsRun = p.testsRun();
            row.foundAt = p.foundAt();
            row.persist();
        }
        job.plausibles.foundNow.clear();
        for (RankedPatch r : job.plausibles.ranked) {
            PlausiblePatchEntity row = PlausiblePatchEntity.findById(r.candidateId());
            row.rank = r.rank();
            row.score = r.score();
            row.reasons = String.join("\n", r.reasons());
        }
        job.plausibles.ranked = List.of();
    }

    private Job load(JobEntity e) {
        Job job = new Job(e.id, new dev.pavu.contracts.TaskSpec(e.taskKind, e.taskText, e.testCommand, e.errorLog,
                JsonColumns.models(e.modelsJson), e.team, e.priority, e.reproduceCommand), JsonColumns.gates(e.gatesJson), e.source(), e.budget(), e.submittedEventId,
                e.submittedAt, rules);
        job.state = e.state;
        job.outcome = e.outcome;
        job.reason = e.reason;
        job.patch = e.patch;
        job.winner = e.winningCandidateId;
        job.iteration = e.iteration;
        job.candidatesProposed = e.candidatesProposed;
        job.candidatesVerified = e.candidatesVerified;
        job.candidatesFailed = e.candidatesFailed;
        job.locationsTried = e.locationsTried;
        job.ranking = JsonColumns.locations(e.rankingJson);
        job.baselineFailures = JsonColumns.failures(e.baselineJson);
        job.baselineFailed = e.baselineFailed;
        job.partialsOffered = e.partialsOffered;
        job.plausibles.verdictsAfter = e.rankingVerdicts;
        job.concludedAt = e.concludedAt;
        job.durationMs = e.durationMs;
        if (e.concluded()) {
            return job; // nothing happens to a concluded job: its plans and verdicts are not needed
        }
        for (IterationEntity i : IterationEntity.ofJob(e.id)) {
            job.history.plans.put(i.planId, new Plan(i.planId, i.iteration, i.kind, i.planEventId, i.locationFrom, i.locationCount,
                    i.maxCandidates, i.candidateCount, i.rejectedCount, i.verdicts, i.passed, i.createdAt));
        }
        VerdictEntity.<VerdictEntity>list("jobId = ?1 and (patchHash is not null or partialDiff is not null)", e.id)
                .forEach(v -> job.history.judged(new Judged(v.candidateId, v.planId, v.verdict, v.patchHash, v.receivedAt, v.testsFailed,
                        v.testsPassed, v.pattern, v.partialDiff)));
        PlausiblePatchEntity.ofJob(e.id).forEach(p -> job.plausibles.all.add(
                new PlausiblePatch(p.candidateId, p.pattern, p.diff, p.foundAt, p.testsRun)));
        return job;
    }
}
