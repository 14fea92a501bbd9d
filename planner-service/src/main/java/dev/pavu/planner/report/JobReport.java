package dev.pavu.planner.report;

import dev.pavu.contracts.Budget;
import dev.pavu.contracts.Decision;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TaskKind;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.planner.ranking.RankedPatch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Everything {@code GET /jobs/{id}/report} shows of one job, assembled by {@link ReportAssembler} from the
 * planner's tables and the updater's audit log, rendered by {@link ReportRenderer}.
 *
 * @param job        what was asked and how it ended
 * @param baseline   the baseline run (the empty patch), or {@code null} while it has no verdict
 * @param ranking    the whole fault-localisation ranking, most suspicious first (empty before the baseline)
 * @param plans      the plans in iteration order (iteration 0 is the baseline)
 * @param candidates the repair candidates in the order they were verified
 * @param unjudged   repair candidates the actuator proposed that have no verdict (yet)
 * @param patch      the plausible patch (unified diff, {@code ""} when nothing needed repair), or {@code null}
 * @param auditNote  why per-candidate details are missing (the audit log could not be read), or {@code null}
 * @param plausibleCount the job's plausible patches (all tests pass), 0 when none
 * @param plausible  the best {@value #TOP_PLAUSIBLE} of them as the job ranked them at its conclusion (while it runs:
 *                   as they would rank now), each with its score and reasons; rank 1 is the job's patch
 */
public record JobReport(Job job, Baseline baseline, List<SuspiciousLocation> ranking, List<Plan> plans,
                        List<Candidate> candidates, int unjudged, String patch, String auditNote, int plausibleCount,
                        List<RankedPatch> plausible) {

    /** Plausible patches a report shows at most. */
    public static final int TOP_PLAUSIBLE = 3;

    public JobReport {
        ranking = ranking == null ? List.of() : List.copyOf(ranking);
        plans = plans == null ? List.of() : List.copyOf(plans);
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        plausible = plausible == null ? List.of() : List.copyOf(plausible.subList(0, Math.min(TOP_PLAUSIBLE, plausible.size())));
    }

    /** A report without plausible patches. */
    public JobReport(Job job, Baseline baseline, List<SuspiciousLocation> ranking, List<Plan> plans,
                     List<Candidate> candidates, int unjudged, String patch, String auditNote) {
        this(job, baseline, ranking, plans, candidates, unjudged, patch, auditNote, 0, List.of());
    }

    /**
     * @param ranked all the job's plausible patches, best first
     * @return this report with them (the best {@value #TOP_PLAUSIBLE} kept)
     */
    public JobReport withPlausible(List<RankedPatch> ranked) {
        return new JobReport(job, baseline, ranking, plans, candidates, unjudged, patch, auditNote, ranked.size(), ranked);
    }

    /**
     * @param id                 job id
     * @param state              QUEUED, BASELINE, REPAIRING or CONCLUDED
     * @param outcome            the outcome once concluded, else {@code null}
     * @param reason             why it concluded, or {@code null}
     * @param source             the source with its resolved commit and bundle (when known)
     * @param taskKind           REPAIR, FIX_LOG or IMPLEMENT
     * @param task               the user's words
     * @param budget             the limits
     * @param submittedAt        when it was accepted
     * @param durationMs         submission to conclusion (or to now while running), milliseconds
     * @param iterations         repair iterations started
     * @param candidatesProposed repair candidates the actuator announced
     * @param candidatesVerified repair candidates with a verdict other than SKIPPED
     * @param candidatesFailed   repair candidates judged FAIL, TIMEOUT or ERROR
     */
    public record Job(UUID id, String state, Outcome outcome, String reason, SourceRef source, TaskKind taskKind,
                      String task, Budget budget, Instant submittedAt, long durationMs, int iterations,
                      int candidatesProposed, int candidatesVerified, int candidatesFailed) {
    }

    /**
     * @param verdict    the baseline's verdict (FAIL when tests fail), or {@code null} when only the planner's
     *                   record of the failing tests is known
     * @param reason     the verifier's one-line reason, or {@code null}
     * @param testsRun   tests executed, or {@code null} when unknown (the audit log could not be read)
     * @param testsFailed tests that failed, or {@code null} when unknown
     * @param durationMs the baseline run's time, milliseconds, or {@code null}
     * @param failing    the failing tests with their messages
     */
    public record Baseline(Verdict verdict, String reason, Integer testsRun, Integer testsFailed, Long durationMs,
                           List<TestFailure> failing) {
        public Baseline {
            failing = failing == null ? List.of() : List.copyOf(failing);
        }
    }

    /**
     * @param iteration      0 for the baseline, then 1, 2, …
     * @param kind           BASELINE, REPAIR or GENERATE
     * @param locationFrom   0-based index of the plan's first location in the ranking
     * @param locationCount  locations handed out in the plan
     * @param maxCandidates  candidates asked for at most
     * @param candidateCount candidates the actuator emitted, or {@code null} until it said
     * @param rejectedCount  candidates the actuator dropped (did not apply, duplicates), or {@code null}
     * @param decision       the decision recorded in the plan ({@code PlanProposed.decision}), or {@code null}
     */
    public record Plan(int iteration, PlanKind kind, int locationFrom, int locationCount, int maxCandidates,
                       Integer candidateCount, Integer rejectedCount, Decision decision) {
    }

    /**
     * @param candidateId the candidate
     * @param iteration   its plan's iteration
     * @param pattern     the fix pattern, or {@code null} when unknown
     * @param description one line such as {@code Stats.java:17 replace < with <=}, or {@code null}
     * @param verdict     PASS, FAIL, TIMEOUT, ERROR or SKIPPED
     * @param reason      the verifier's one-line reason, or {@code null}
     * @param durationMs  the verification's time, milliseconds, or {@code null}
     * @param winner      true for the candidate whose patch the job concluded with
     */
    public record Candidate(UUID candidateId, int iteration, String pattern, String description, Verdict verdict,
                            String reason, Long durationMs, boolean winner) {
    }
}
