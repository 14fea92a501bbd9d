package dev.pavu.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One realistic job in events: a bundle source, the baseline, a repair plan at an off-by-one in
 * {@code Stats.mean}, a template candidate that passes, the conclusion, plus a cancellation. Every optional
 * part is filled (lists have an element, nullable values are set) so that the schema tests walk every field.
 */
final class SampleEvents {

    static final UUID JOB = UUID.fromString("5b0c2f0e-8a4e-4d4f-9a51-3f1c6f0b2a11");
    static final UUID PLAN = UUID.fromString("0e9d6c1a-2b7f-4c3e-8d5a-6f4b3a2c1d10");
    static final UUID CANDIDATE = UUID.fromString("a7f3e2d1-c4b5-4a69-8877-665544332211");
    static final String COMMIT = "3f786850e387550fdab836ed7e6dc881de23001b";
    static final String BUNDLE_SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final Instant T0 = Instant.parse("2026-11-22T09:15:02.123456789Z");

    static final String DIFF = """
            diff --git a/src/main/java/com/acme/Stats.java b/src/main/java/com/acme/Stats.java
            --- a/src/main/java/com/acme/Stats.java
            +++ b/src/main/java/com/acme/Stats.java
            @@ -14,7 +14,7 @@ public final class Stats {
                 public static double mean(int[] values) {
                     long sum = 0;
            -        for (int i = 0; i < values.length - 1; i++) {
            +        for (int i = 0; i < values.length; i++) {
                         sum += values[i];
                     }
                     return (double) sum / values.length;
            """;

    static final String TRACE = """
            org.opentest4j.AssertionFailedError: expected: <2.5> but was: <1.5>
            \tat org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)
            \tat org.junit.jupiter.api.AssertEquals.assertEquals(AssertEquals.java:86)
            \tat com.acme.StatsTest.mean(StatsTest.java:21)
            """;

    static final SourceRef SUBMITTED_SOURCE = new SourceRef("bundle", null, "main", null, null);
    static final SourceRef RESOLVED_SOURCE = new SourceRef("git", "https://git.example.org/acme/stats.git", "main",
            COMMIT, BUNDLE_SHA);
    static final TaskSpec TASK = new TaskSpec(TaskKind.REPAIR, "make the failing tests pass", "mvn -q test",
            "java.lang.AssertionError at StatsTest.java:21", Map.of("proposer", "coder", "planner", "reasoner"));
    static final GatePolicy GATES = new GatePolicy(List.of("checkstyle"), false,
            new ProbeSpec("java -cp target/classes com.acme.App", "http://127.0.0.1:8080/health", "curl -fs http://127.0.0.1:8080/mean?v=1", 20_000));
    static final VerifySpec VERIFY = new VerifySpec("mvn -q test", 60_000, List.of("com.acme.StatsTest#mean"), true, GATES,
            7, new ReproduceSpec("java -cp target/classes com.acme.App", new LoggedFailure("java.lang.ArithmeticException",
            List.of("com.acme.Stats.mean", "com.acme.App.main"))));
    static final TestFailure FAILURE = new TestFailure("com.acme.StatsTest#mean", "com.acme.StatsTest", "mean",
            "failure", "expected: <2.5> but was: <1.5>", TRACE);

    private SampleEvents() {
    }

    static Envelope envelope(String type, int iteration, String causation, String producer, long secondsAfterStart) {
        return new Envelope(UUID.nameUUIDFromBytes((type + iteration + secondsAfterStart).getBytes()), type, JOB, iteration,
                causation == null ? null : UUID.nameUUIDFromBytes(causation.getBytes()), T0.plusSeconds(secondsAfterStart),
                producer);
    }

    static JobSubmitted jobSubmitted() {
        return new JobSubmitted(envelope(EventTypes.JOB_SUBMITTED, 0, null, "planner-service", 0), SUBMITTED_SOURCE, TASK,
                new Budget(3, 200, 60_000, 1_800_000));
    }

    static PlanProposed planProposed() {
        return new PlanProposed(envelope(EventTypes.PLAN_PROPOSED, 1, "verdict-0", "planner-service", 40), PLAN,
                PlanKind.REPAIR, RESOLVED_SOURCE, TASK,
                List.of(new SuspiciousLocation("src/main/java/com/acme/Stats.java", 16, "com.acme.Stats", "mean", 0.7071,
                                "ochiai"),
                        new SuspiciousLocation("src/main/java/com/acme/Stats.java", 19, "com.acme.Stats", "mean", 0.5,
                                "stack-trace")),
                List.of(FAILURE), 50, VERIFY,
                List.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                new Decision("repair", Map.of("pRepair", 0.62, "expectedCostTokens", 0.0, "expectedSeconds", 84.5),
                        "One failing test with a localised fault: template repair is cheap and likely."),
                List.of(new PartialFix("diff --git a/src/main/java/com/acme/Stats.java b/src/main/java/com/acme/Stats.java\n",
                        "relational-operator-replacement", 1)),
                List.of(new PatternWeight("relational-operator-replacement", 1.5), new PatternWeight("statement-deletion", 0.25)));
    }

    static CandidatesProposed candidatesProposed() {
        return new CandidatesProposed(envelope(EventTypes.CANDIDATES_PROPOSED, 1, "plan-1", "actuator-service", 42), PLAN,
                37, 4, List.of("duplicate of candidate 3 (same normalised diff)", "dry-run apply failed: hunk 1 at line 16"),
                "37 candidates from 9 patterns at 4 locations");
    }

    static DiffProposed diffProposed() {
        return new DiffProposed(envelope(EventTypes.DIFF_PROPOSED, 1, "plan-1", "actuator-service", 41), CANDIDATE, PLAN,
                RESOLVED_SOURCE, DIFF, "template", "loop-bound-adjustment", "Stats.java:16 replace values.length - 1 with values.length",
                0.93, 0, VERIFY);
    }

    static VerdictIssued verdictIssued() {
        return new VerdictIssued(envelope(EventTypes.VERDICT_ISSUED, 1, "diff-1", "verifier-service", 55), CANDIDATE, PLAN,
                Verdict.FAIL, "1 of 12 tests failed: StatsTest#mean",
                List.of(new GateResult("static", Verdict.PASS, 2_310, "compiled 14 sources"),
                        new GateResult("tests", Verdict.FAIL, 4_120, "1 of 12 tests failed")),
                List.of(FAILURE), 12, 1, 6_512, DIFF, "loop-bound-adjustment",
                "http://verifier-service:8083/runs/a7f3e2d1/log", "[ERROR] Tests run: 12, Failures: 1, Errors: 0, Skipped: 0",
                List.of(new TestCoverage("com.acme.StatsTest#mean", false,
                        Map.of("src/main/java/com/acme/Stats.java", List.of(14, 15, 16, 17, 19)))));
    }

    static JobConcluded jobConcluded() {
        return new JobConcluded(envelope(EventTypes.JOB_CONCLUDED, 1, "verdict-1", "planner-service", 60),
                Outcome.SUCCEEDED, "Candidate 1 of iteration 1 passes all 12 tests.", DIFF, CANDIDATE, 1, 60_000);
    }

    static JobCancelled jobCancelled() {
        return new JobCancelled(envelope(EventTypes.JOB_CANCELLED, 1, "job-0", "planner-service", 30),
                "cancelled by the user from the CLI");
    }

    static JobExpired jobExpired() {
        return new JobExpired(envelope(EventTypes.JOB_EXPIRED, 1, "verdict-1", "planner-service", 90), "acme",
                "keep the last 20 jobs of team acme", java.time.Instant.parse("2026-11-22T05:00:40Z"), BUNDLE_SHA, true,
                java.time.Instant.parse("2026-11-23T00:00:00Z"));
    }

    static ResultBranchDelivered resultBranchDelivered() {
        return new ResultBranchDelivered(envelope(EventTypes.RESULT_BRANCH_DELIVERED, 1, "concluded-1", "planner-service", 95),
                "acme", "pavu/fix-invoice", "PUSHED", "0123456789abcdef0123456789abcdef01234567", null);
    }

    /** @return one event of every type, in the order of a job */
    static List<PavuEvent> all() {
        return List.of(jobSubmitted(), planProposed(), diffProposed(), candidatesProposed(), verdictIssued(),
                jobConcluded(), resultBranchDelivered(), jobCancelled(), jobExpired());
    }
}
