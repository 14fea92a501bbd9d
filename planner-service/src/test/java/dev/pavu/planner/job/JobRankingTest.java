package dev.pavu.planner.job;

import dev.pavu.contracts.Budget;
import dev.pavu.contracts.CandidatesProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.TaskKind;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.planner.ranking.RankedPatch;
import dev.pavu.workspace.diff.UnifiedDiffs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.pavu.planner.job.JobTest.COMMIT;
import static dev.pavu.planner.job.JobTest.FAILURE;
import static dev.pavu.planner.job.JobTest.RANKING;
import static dev.pavu.planner.job.JobTest.repair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plausible-patch ranking in the job aggregate: the extra search after the first plausible patch and its end. */
class JobRankingTest {

    /** Ranking on: 2 more verdicts or 30 s after the first plausible patch. */
    static final JobRules RANKS = new JobRules(2, 5, 3, true, Duration.ofSeconds(60), 2, Duration.ofSeconds(30));

    static final String PATH = "src/main/java/com/acme/Stats.java";
    static final String CODE = """
            package com.acme;

            class Stats {
                int over(int[] xs, int limit) {
                    int n = 0;
                    for (int x : xs) {
                        if (x > limit) {
                            n++;
                        }
                    }
                    return n;
                }
            }
            """;
    static final String DELETION = UnifiedDiffs.create(PATH, CODE, CODE.replace("                n++;\n", ""));
    static final String OPERATOR = UnifiedDiffs.create(PATH, CODE, CODE.replace("x > limit", "x >= limit"));

    /** A job in iteration 1 whose plan has {@code candidates} candidates. */
    static Job atIteration1(int candidates) {
        Job job = new Job(UUID.randomUUID(), new TaskSpec(TaskKind.REPAIR, "fix it", "mvn test", null, Map.of()), null,
                new SourceRef("bundle", null, "main", null, null), new Budget(3, 20, 60_000, 600_000), UUID.randomUUID(),
                Instant.now(), RANKS);
        job.sourceResolved(COMMIT, "sha");
        Transition t = job.onVerdict(JobTest.verdict(job, job.plans().getFirst(), Verdict.FAIL, List.of(FAILURE), 5, ""),
                new Localised(RANKING, null));
        job.proposeRepair(t.request(), repair(t.request()));
        Plan plan = job.plans().getLast();
        job.onCandidatesProposed(new CandidatesProposed(Envelope.of(EventTypes.CANDIDATES_PROPOSED, job.id(), 1, plan.planEventId(),
                "actuator-service"), plan.planId(), candidates, 0, List.of(), "templates"));
        return job;
    }

    static VerdictIssued verdict(Job job, Verdict v, String diff, String pattern) {
        Plan plan = job.plans().getLast();
        return new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, job.id(), plan.iteration(), plan.planEventId(),
                "verifier-service"), UUID.randomUUID(), plan.planId(), v, "reason of " + v, List.of(),
                v == Verdict.PASS ? List.of() : List.of(FAILURE), 5, v == Verdict.PASS ? 0 : 1, 1000, diff, pattern, null, null, List.of());
    }

    @Test
    void theJobGoesOnAfterItsFirstPlausiblePatchAndConcludesWithTheBetterOne() {
        Job job = atIteration1(6);
        VerdictIssued deletion = verdict(job, Verdict.PASS, DELETION, "statement-deletion");
        assertEquals(Transition.NONE, job.onVerdict(deletion, null), "the first plausible patch does not end the job");
        VerdictIssued operator = verdict(job, Verdict.PASS, OPERATOR, "relational-operator-replacement");
        assertEquals(Transition.NONE, job.onVerdict(operator, null), "1 of 2 extra verdicts");
        Transition t = job.onVerdict(verdict(job, Verdict.FAIL, UnifiedDiffs.create(PATH, CODE, CODE.replace("int n = 0", "int n = 1")),
                "constant-replacement"), null);
        JobConcluded c = assertInstanceOf(JobConcluded.class, t.events().getFirst());
        assertEquals(Outcome.SUCCEEDED, c.outcome());
        assertEquals(operator.candidateId(), c.winningCandidateId(), "the smaller, non-deleting patch wins though found second");
        assertEquals(OPERATOR, c.patch());
        assertEquals(3, c.candidatesTried());
        assertTrue(c.reason().startsWith("candidate " + operator.candidateId() + " (relational-operator-replacement) makes all 5 "
                + "tests pass; ranked first of 2 plausible patches (score "), c.reason());
        assertTrue(c.reason().endsWith("; searched 2 more candidates after the first)"), c.reason());
        List<RankedPatch> ranked = job.plausibles.ranked;
        assertEquals(List.of(operator.candidateId(), deletion.candidateId()), ranked.stream().map(RankedPatch::candidateId).toList());
        assertEquals(2, job.plausibles.foundNow.size(), "both plausible patches are written with the conclusion");
    }

    @Test
    void thePlanRunningOutOfCandidatesEndsTheExtraSearch() {
        Job job = atIteration1(2);
        VerdictIssued pass = verdict(job, Verdict.PASS, DELETION, "statement-deletion");
        assertEquals(Transition.NONE, job.onVerdict(pass, null));
        JobConcluded c = assertInstanceOf(JobConcluded.class,
                job.onVerdict(verdict(job, Verdict.FAIL, OPERATOR, "x"), null).events().getFirst());
        assertEquals(pass.candidateId(), c.winningCandidateId());
        assertTrue(c.reason().endsWith("; no candidate of the plan left to verify)"), c.reason());
        assertEquals(1, job.iteration(), "no new plan after a plausible patch");
    }

    @Test
    void theExtraTimeEndsTheSearchThroughTheTimeoutCheck() {
        Job job = atIteration1(6);
        VerdictIssued pass = verdict(job, Verdict.PASS, OPERATOR, "off-by-one");
        job.onVerdict(pass, null);
        assertEquals(Transition.NONE, job.timeout(Instant.now().plusSeconds(5)), "still within the extra time");
        JobConcluded c = assertInstanceOf(JobConcluded.class, job.timeout(Instant.now().plusSeconds(31)).events().getFirst());
        assertEquals(Outcome.SUCCEEDED, c.outcome());
        assertEquals(pass.candidateId(), c.winningCandidateId());
        assertTrue(c.reason().endsWith("; searched 30 s more after the first)"), c.reason());
    }

    @Test
    void aJobPastItsLimitWithAPlausiblePatchSucceeds() {
        Job job = atIteration1(6);
        VerdictIssued pass = verdict(job, Verdict.PASS, OPERATOR, "off-by-one");
        job.onVerdict(pass, null);
        JobConcluded c = assertInstanceOf(JobConcluded.class, job.timeout(Instant.now().plus(Duration.ofMinutes(11))).events().getFirst());
        assertEquals(Outcome.SUCCEEDED, c.outcome());
        assertTrue(c.reason().endsWith("; the job's time limit ended the search)"), c.reason());
    }

    @Test
    void skippedVerdictsDoNotCountAsExtraCandidates() {
        Job job = atIteration1(6);
        job.onVerdict(verdict(job, Verdict.PASS, OPERATOR, "off-by-one"), null);
        assertEquals(Transition.NONE, job.onVerdict(verdict(job, Verdict.SKIPPED, DELETION, "statement-deletion"), null));
        assertEquals(Transition.NONE, job.onVerdict(verdict(job, Verdict.SKIPPED, DELETION, "statement-deletion"), null));
        assertEquals(0, job.plausibles.verdictsAfter);
    }
}
