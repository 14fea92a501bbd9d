package dev.pavu.planner.job;

import dev.pavu.contracts.Budget;
import dev.pavu.contracts.CandidatesProposed;
import dev.pavu.contracts.Decision;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.JobCancelled;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TaskKind;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.planner.repository.JobState;
import dev.pavu.planner.strategy.StrategyService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job aggregate's transitions in memory, without a database: events returned and state changed. */
class JobTest {

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    static final JobRules RULES = new JobRules(2, 5, 3, true, Duration.ofSeconds(60));
    static final TestFailure FAILURE = new TestFailure("com.acme.StatsTest#median", "com.acme.StatsTest", "median",
            "failure", "expected: <2.5> but was: <1.6>", "at com.acme.StatsTest.median(StatsTest.java:12)");
    static final TestFailure FAILURE_2 = new TestFailure("com.acme.StatsTest#mean", "com.acme.StatsTest", "mean",
            "failure", "expected: <2> but was: <3>", "at com.acme.StatsTest.mean(StatsTest.java:20)");
    static final List<SuspiciousLocation> RANKING = List.of(
            new SuspiciousLocation("src/main/java/com/acme/Stats.java", 10, "com.acme.Stats", "median", 0.9, "spectrum"),
            new SuspiciousLocation("src/main/java/com/acme/Stats.java", 11, "com.acme.Stats", "median", 0.7, "spectrum"),
            new SuspiciousLocation("src/main/java/com/acme/Stats.java", 20, "com.acme.Stats", "mean", 0.4, "spectrum"));

    static Job submitted(Instant at) {
        return new Job(UUID.randomUUID(), new TaskSpec(TaskKind.REPAIR, "fix it", "mvn test", null, Map.of()), null,
                new SourceRef("bundle", null, "main", null, null), new Budget(3, 20, 60_000, 600_000), UUID.randomUUID(), at, RULES);
    }

    /** A job whose baseline plan is out. */
    static Job atBaseline() {
        Job job = submitted(Instant.now());
        job.sourceResolved(COMMIT, "sha");
        return job;
    }

    static VerdictIssued verdict(Job job, Plan plan, Verdict v, List<TestFailure> failing, int run, String diff) {
        return new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, job.id(), plan.iteration(), plan.planEventId(),
                "verifier-service"), UUID.randomUUID(), plan.planId(), v, "reason of " + v, List.of(), failing, run,
                failing.size(), 1000, diff, "p", null, null, List.of());
    }

    static StrategyService.Choice repair(PlanRequest r) {
        return new StrategyService.Choice(PlanKind.REPAIR, r.input().task(), new Decision("repair", r.numbers(), r.rationale()), null);
    }

    /** A job in iteration 1, its repair plan out. */
    static Job atIteration1() {
        Job job = atBaseline();
        Transition t = job.onVerdict(verdict(job, job.plans().getFirst(), Verdict.FAIL, List.of(FAILURE, FAILURE_2), 5, ""),
                new Localised(RANKING, null));
        job.proposeRepair(t.request(), repair(t.request()));
        return job;
    }

    @Test
    void theResolvedSourceSendsTheBaselinePlanCollectingCoverage() {
        Job job = submitted(Instant.now());
        Transition t = job.sourceResolved(COMMIT, "sha");
        PlanProposed plan = assertInstanceOf(PlanProposed.class, t.events().getFirst());
        assertEquals(PlanKind.BASELINE, plan.kind());
        assertEquals(0, plan.envelope().iteration());
        assertEquals(COMMIT, plan.source().commit());
        assertTrue(plan.verify().collectCoverage());
        assertEquals(JobState.BASELINE, job.state());
        assertEquals(List.of(plan.planId()), job.plans().stream().map(Plan::planId).toList());
        assertTrue(job.history.changedPlans.contains(plan.planId()), "the new plan is saved");
    }

    @Test
    void aPassingBaselineConcludesSucceededWithTheEmptyPatch() {
        Job job = atBaseline();
        Transition t = job.onVerdict(verdict(job, job.plans().getFirst(), Verdict.PASS, List.of(), 3, ""), null);
        JobConcluded c = assertInstanceOf(JobConcluded.class, t.events().getFirst());
        assertEquals(Outcome.SUCCEEDED, c.outcome());
        assertEquals("nothing to repair: all 3 tests already pass at " + COMMIT, c.reason());
        assertEquals("", c.patch());
        assertTrue(job.concluded());
        assertEquals(1, job.plans().getFirst().verdicts());
        assertEquals(1, job.history.judgedNow.size());
    }

    @Test
    void aFailingBaselineNeedsItsLocalisationThenAsksForTheFirstRepairPlan() {
        Job job = atBaseline();
        VerdictIssued v = verdict(job, job.plans().getFirst(), Verdict.FAIL, List.of(FAILURE), 3, "");
        assertTrue(job.needsLocalisation(v));
        Job other = atBaseline();
        assertThrows(IllegalArgumentException.class, () -> other.onVerdict(
                verdict(other, other.plans().getFirst(), Verdict.FAIL, List.of(FAILURE), 3, ""), null));

        Transition t = job.onVerdict(v, new Localised(RANKING, null));
        assertEquals(List.of(), t.events(), "nothing is announced before the strategy answered");
        PlanRequest r = t.request();
        assertEquals(1, r.repair().iteration());
        assertEquals(RANKING.subList(0, 2), r.input().locations());
        assertEquals(List.of(FAILURE), r.input().failing());
        assertEquals(JobState.BASELINE, r.stateBefore());
        assertEquals(0.9, r.numbers().get("topScore"));
        assertTrue(r.rationale().startsWith("template repair at suspicious statements 1–2 of 3"), r.rationale());
        assertTrue(job.localisedNow, "the ranking and baseline failures are to be written");

        PlanProposed plan = assertInstanceOf(PlanProposed.class, job.proposeRepair(r, repair(r)).events().getFirst());
        assertEquals(PlanKind.REPAIR, plan.kind());
        assertEquals(1, plan.envelope().iteration());
        assertEquals(v.eventId(), plan.envelope().causationId());
        assertEquals(List.of(FAILURE.testId()), plan.verify().testsFirst());
        assertEquals(JobState.REPAIRING, job.state());
        assertEquals(2, job.locationsTried);
        assertEquals(1, job.iteration());
    }

    @Test
    void aLocalisationThatFoundNothingFailsTheJobWithItsProblem() {
        Job job = atBaseline();
        Transition t = job.onVerdict(verdict(job, job.plans().getFirst(), Verdict.FAIL, List.of(FAILURE), 3, ""),
                new Localised(List.of(), "the source has no src/main/java"));
        JobConcluded c = assertInstanceOf(JobConcluded.class, t.events().getFirst());
        assertEquals(Outcome.FAILED, c.outcome());
        assertEquals("the source has no src/main/java", c.reason());
    }

    @Test
    void aPassingCandidateConcludesSucceededWithItsPatch() {
        Job job = atIteration1();
        Plan plan = job.plans().getLast();
        VerdictIssued pass = verdict(job, plan, Verdict.PASS, List.of(), 5, "--- a/X\n+++ b/X\n");
        JobConcluded c = assertInstanceOf(JobConcluded.class, job.onVerdict(pass, null).events().getFirst());
        assertEquals(Outcome.SUCCEEDED, c.outcome());
        assertEquals(pass.candidateId(), c.winningCandidateId());
        assertEquals(pass.diff(), c.patch());
        assertEquals(1, c.candidatesTried());
        assertTrue(job.plans().getLast().passed());
    }

    @Test
    void aCompletedIterationAsksForTheNextPlanCarryingTriedHashesAndPartialFixes() {
        Job job = atIteration1();
        Plan plan = job.plans().getLast();
        job.onCandidatesProposed(new CandidatesProposed(Envelope.of(EventTypes.CANDIDATES_PROPOSED, job.id(), 1, plan.planEventId(),
                "actuator-service"), plan.planId(), 1, 0, List.of(), "templates"));
        assertEquals(1, job.plans().getLast().candidateCount());
        // one of the two failing tests now passes: a partial fix
        VerdictIssued partial = new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, job.id(), 1, null, "verifier-service"),
                UUID.randomUUID(), plan.planId(), Verdict.FAIL, "1 failed", List.of(), List.of(FAILURE_2), 4, 1, 900,
                "--- a/Stats.java\n+++ b/Stats.java\n", "swap", null, null, List.of());
        Transition t = job.onVerdict(partial, null);
        PlanRequest r = t.request();
        assertEquals(2, r.repair().iteration());
        assertEquals(RANKING.subList(2, 3), r.input().locations());
        assertEquals(1, r.input().earlierRepairs());
        PlanProposed next = assertInstanceOf(PlanProposed.class, job.proposeRepair(r, repair(r)).events().getFirst());
        assertEquals(1, next.triedPatchHashes().size());
        assertEquals(1, next.partialFixes().size());
        assertEquals("swap", next.partialFixes().getFirst().pattern());
        assertEquals(1, job.partialsOffered);
        assertEquals(1, job.candidatesVerified);
        assertEquals(1, job.candidatesFailed);
    }

    @Test
    void theSameEventOnTheSameStateAsksTheSameButNotOnceTheJobMovedOn() {
        Job a = atIteration1();
        Plan plan = a.plans().getLast();
        CandidatesProposed none = new CandidatesProposed(Envelope.of(EventTypes.CANDIDATES_PROPOSED, a.id(), 1, null,
                "actuator-service"), plan.planId(), 0, 0, List.of(), "nothing");
        PlanRequest first = a.onCandidatesProposed(none).request();
        Job b = atIteration1();
        PlanRequest elsewhere = b.onCandidatesProposed(new CandidatesProposed(none.envelope(), b.plans().getLast().planId(), 0, 0,
                List.of(), "nothing")).request();
        assertNotEquals(first, elsewhere, "another job asks another question");
        a.proposeRepair(first, repair(first));
        assertEquals(2, a.iteration());
        assertThrows(IllegalStateException.class, () -> a.proposeRepair(first, repair(first)),
                "a choice for iteration 1's position does not apply at iteration 2");
    }

    @Test
    void aCancelledJobIsNotResurrectedByAChoiceMadeBefore() {
        Job job = atBaseline();
        Transition t = job.onVerdict(verdict(job, job.plans().getFirst(), Verdict.FAIL, List.of(FAILURE), 3, ""),
                new Localised(RANKING, null));
        Transition cancelled = job.cancel(null);
        JobCancelled jc = assertInstanceOf(JobCancelled.class, cancelled.events().get(0));
        JobConcluded c = assertInstanceOf(JobConcluded.class, cancelled.events().get(1));
        assertEquals(Outcome.CANCELLED, c.outcome());
        assertEquals("cancelled by the user", c.reason());
        assertEquals(jc.eventId(), c.envelope().causationId());
        assertThrows(IllegalStateException.class, () -> job.proposeRepair(t.request(), repair(t.request())));
        assertEquals(JobState.CONCLUDED, job.state());
        assertThrows(IllegalStateException.class, () -> job.cancel("again"));
        assertEquals(Transition.NONE, job.onVerdict(verdict(job, job.plans().getFirst(), Verdict.PASS, List.of(), 1, ""), null));
    }

    @Test
    void aStrategyFailureConcludesTheJobFailed() {
        Job job = atBaseline();
        PlanRequest r = job.onVerdict(verdict(job, job.plans().getFirst(), Verdict.FAIL, List.of(FAILURE), 3, ""),
                new Localised(RANKING, null)).request();
        Transition t = job.proposeRepair(r, new StrategyService.Choice(PlanKind.GENERATE, r.input().task(), null, "no model"));
        JobConcluded c = assertInstanceOf(JobConcluded.class, t.events().getFirst());
        assertEquals(Outcome.FAILED, c.outcome());
        assertEquals("no model", c.reason());
        assertNull(t.request());
    }

    @Test
    void aJobPastItsLimitConcludesExhaustedNamingTheStage() {
        Job job = atIteration1();
        Instant late = Instant.now().plus(Duration.ofMinutes(11));
        JobConcluded c = assertInstanceOf(JobConcluded.class, job.timeout(late).events().getFirst());
        assertEquals(Outcome.EXHAUSTED, c.outcome());
        assertTrue(c.reason().startsWith("the job ran out of time (jobTimeoutMs=600000): tried 0 candidates at 2 locations in 1 iteration"),
                c.reason());
        assertTrue(c.reason().contains("it stalled at the actuator: no answer to the REPAIR plan of iteration 1"), c.reason());
        assertEquals(Transition.NONE, job.timeout(late), "concluded once");
        assertEquals(Transition.NONE, atIteration1().timeout(Instant.now()), "in time");

        Job queued = submitted(Instant.now().minus(Duration.ofMinutes(3)));
        JobConcluded f = assertInstanceOf(JobConcluded.class, queued.timeout(Instant.now()).events().getFirst());
        assertEquals(Outcome.FAILED, f.outcome());
        assertTrue(f.reason().startsWith("the source was not resolved within 120 s"), f.reason());
    }
}
