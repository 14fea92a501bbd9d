package dev.pavu.updater;

import dev.pavu.contracts.Budget;
import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.JobSubmitted;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.kit.messaging.EventMessages;
import dev.pavu.testsupport.KafkaProbe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A job's events as the planner, actuator and verifier publish them (baseline, one repair plan, candidates with their
 * verdicts), for lesson-card tests. The conclusion is kept apart: a test publishes it once the rest is in the log.
 *
 * @param jobId     the job
 * @param history   every event but the conclusion, in publishing order
 * @param concluded the conclusion
 */
record LessonJobs(UUID jobId, List<PavuEvent> history, JobConcluded concluded) {

    /**
     * @param team       the job's team (task.team), or {@code null}
     * @param failure    the baseline's failing test
     * @param suspicious the repair plan's top location
     * @param patterns   one candidate per pattern; the last one passes when {@code outcome} is SUCCEEDED
     * @param outcome    how the job ends
     * @param reason     the conclusion's reason
     * @return the job
     */
    static LessonJobs job(String team, TestFailure failure, SuspiciousLocation suspicious, List<String> patterns,
                          Outcome outcome, String reason) {
        UUID job = UUID.randomUUID();
        SourceRef source = new SourceRef("bundle", null, null, "a".repeat(40), "b".repeat(64));
        VerifySpec verify = new VerifySpec(null, 60_000, List.of(), false);
        List<PavuEvent> all = new ArrayList<>();
        TaskSpec task = new TaskSpec(null, "make the failing tests pass", null, null, Map.of("proposer", "coder"),
                team, null);
        JobSubmitted submitted = new JobSubmitted(Envelope.of(EventTypes.JOB_SUBMITTED, job, 0, null, "planner-service"),
                new SourceRef("bundle", null, null, null, null), task, Budget.DEFAULT);
        all.add(submitted);
        PlanProposed baseline = new PlanProposed(Envelope.of(EventTypes.PLAN_PROPOSED, job, 0, submitted.eventId(),
                "planner-service"), UUID.randomUUID(), PlanKind.BASELINE, source, task, null, null, 1, verify, null, null);
        all.add(baseline);
        DiffProposed empty = new DiffProposed(Envelope.of(EventTypes.DIFF_PROPOSED, job, 0, baseline.eventId(),
                "actuator-service"), UUID.randomUUID(), baseline.planId(), source, "", "baseline", "empty-patch",
                "the empty patch", 0, 0, verify);
        all.add(empty);
        all.add(new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, job, 0, empty.eventId(), "verifier-service"),
                empty.candidateId(), baseline.planId(), Verdict.FAIL, "1 of 8 tests failed", List.of(),
                List.of(failure), 8, 1, 100, "", "empty-patch", null, null, null));
        PlanProposed plan = new PlanProposed(Envelope.of(EventTypes.PLAN_PROPOSED, job, 1, submitted.eventId(),
                "planner-service"), UUID.randomUUID(), PlanKind.REPAIR, source, task, List.of(suspicious),
                List.of(failure), patterns.size(), verify, null, null);
        all.add(plan);
        UUID winner = null;
        String patch = null;
        for (int i = 0; i < patterns.size(); i++) {
            boolean passes = outcome == Outcome.SUCCEEDED && i == patterns.size() - 1;
            String diff = "--- a/" + suspicious.file() + "\n+++ b/" + suspicious.file() + "\n@@ -" + suspicious.line()
                    + " +" + suspicious.line() + " @@\n-        old" + i + "\n+        new" + i + "\n";
            DiffProposed d = new DiffProposed(Envelope.of(EventTypes.DIFF_PROPOSED, job, 1, plan.eventId(),
                    "actuator-service"), UUID.randomUUID(), plan.planId(), source, diff, "template", patterns.get(i),
                    "candidate " + i + " at line " + suspicious.line(), 0.5, i, verify);
            all.add(d);
            all.add(new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, job, 1, d.eventId(), "verifier-service"),
                    d.candidateId(), plan.planId(), passes ? Verdict.PASS : Verdict.FAIL, passes ? "all passed" : "1 failed",
                    List.of(), passes ? List.of() : List.of(failure), 8, passes ? 0 : 1, 100, diff, d.pattern(), null,
                    null, null));
            if (passes) {
                winner = d.candidateId();
                patch = diff;
            }
        }
        JobConcluded concluded = new JobConcluded(Envelope.of(EventTypes.JOB_CONCLUDED, job, 1, plan.eventId(),
                "planner-service"), outcome, reason, patch, winner, patterns.size(), 12_000);
        return new LessonJobs(job, List.copyOf(all), concluded);
    }

    /** Publishes every event but the conclusion. */
    void publishHistory() {
        history.forEach(LessonJobs::publish);
    }

    /** @param e an event, published on its test topic with its usual key */
    static void publish(PavuEvent e) {
        String topic = switch (e) {
            case JobSubmitted ignored -> TestTopics.JOBS;
            case JobConcluded ignored -> TestTopics.JOBS;
            case PlanProposed ignored -> TestTopics.PLANS;
            case DiffProposed ignored -> TestTopics.DIFFS;
            default -> TestTopics.VERDICTS;
        };
        KafkaProbe.send(topic, EventMessages.keyOf(e), EventCodec.write(e));
    }
}
