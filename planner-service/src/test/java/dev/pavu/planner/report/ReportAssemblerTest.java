package dev.pavu.planner.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.TaskKind;
import dev.pavu.contracts.Verdict;
import dev.pavu.planner.client.AuditEvent;
import dev.pavu.planner.repository.IterationEntity;
import dev.pavu.planner.repository.JobEntity;
import dev.pavu.planner.repository.JobState;
import dev.pavu.planner.repository.VerdictEntity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Merging the planner's rows with the audit log's details. */
class ReportAssemblerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    final JobEntity job = job();
    final IterationEntity baselinePlan = plan(0, PlanKind.BASELINE);
    final IterationEntity repairPlan = plan(1, PlanKind.REPAIR);
    final UUID baselineCandidate = UUID.randomUUID();
    final UUID first = UUID.randomUUID();
    final UUID second = UUID.randomUUID();
    final UUID late = UUID.randomUUID();
    final UUID unjudged = UUID.randomUUID();

    @Test
    void candidatesFollowThePlannersOrderAndTakeTheirDetailsFromTheAuditLog() {
        job.winningCandidateId = second;
        List<VerdictEntity> rows = List.of(
                verdict(second, repairPlan, Verdict.PASS, 5), // received last although listed first
                verdict(baselineCandidate, baselinePlan, Verdict.FAIL, 1),
                verdict(first, repairPlan, Verdict.FAIL, 3));
        JobReport r = ReportAssembler.assemble(job, List.of(repairPlan, baselinePlan), rows, audit(), null, T0);

        assertEquals(List.of(first, second, late), r.candidates().stream().map(JobReport.Candidate::candidateId).toList());
        JobReport.Candidate a = r.candidates().get(0);
        assertEquals("off-by-one", a.pattern());
        assertEquals("Stats.java:27 replace 3 with 4", a.description());
        assertEquals(Verdict.FAIL, a.verdict());
        assertEquals("1 of 2 tests failed", a.reason());
        assertEquals(1200L, a.durationMs());
        assertEquals(1, a.iteration());
        assertTrue(r.candidates().get(1).winner());
        JobReport.Candidate skipped = r.candidates().get(2);
        assertEquals(Verdict.SKIPPED, skipped.verdict(), "a verdict only the audit log has comes last");
        assertEquals("swapped-operands", skipped.pattern(), "pattern from the verdict when the diff event is missing");
        assertEquals(1, r.unjudged());

        assertEquals(List.of(0, 1), r.plans().stream().map(JobReport.Plan::iteration).toList());
        assertEquals("repair", r.plans().get(1).decision().strategy());
        assertEquals(0.875, r.plans().get(1).decision().numbers().get("topScore"));
        assertNull(r.plans().get(0).decision(), "a plan whose decision is null");

        assertEquals(Verdict.FAIL, r.baseline().verdict());
        assertEquals(2, r.baseline().testsRun());
        assertEquals(1, r.baseline().testsFailed());
        assertEquals("com.acme.StatsTest#median", r.baseline().failing().getFirst().testId());
        assertEquals("expected: <2.5> but was: <1.67>", r.baseline().failing().getFirst().message());
        assertEquals(2, r.ranking().size());
        assertEquals(27, r.ranking().getFirst().line());
        assertEquals(65_000, r.job().durationMs());
        assertEquals(Outcome.SUCCEEDED, r.job().outcome());
    }

    @Test
    void withoutTheAuditLogThePlannersRowsStillMakeAReport() {
        job.durationMs = null;
        List<VerdictEntity> rows = List.of(verdict(baselineCandidate, baselinePlan, Verdict.FAIL, 1),
                verdict(first, repairPlan, Verdict.FAIL, 3));
        JobReport r = ReportAssembler.assemble(job, List.of(baselinePlan, repairPlan), rows, null, "updater down",
                T0.plusSeconds(90));
        assertEquals("updater down", r.auditNote());
        assertEquals(1, r.candidates().size());
        assertNull(r.candidates().getFirst().pattern());
        assertNull(r.baseline().testsRun());
        assertEquals(1, r.baseline().failing().size(), "failing tests from the planner's own record");
        assertEquals(1, r.unjudged(), "2 proposed, 1 judged");
        assertEquals(90_000, r.job().durationMs(), "a running job's duration runs to now");
    }

    @Test
    void theWholeReportRendersFromTheAssembledContent() {
        job.winningCandidateId = second;
        job.patch = "--- a/S.java\n+++ b/S.java\n@@ -1 +1 @@\n-x / 3\n+x / 2\n";
        List<VerdictEntity> rows = List.of(verdict(baselineCandidate, baselinePlan, Verdict.FAIL, 1),
                verdict(first, repairPlan, Verdict.FAIL, 3), verdict(second, repairPlan, Verdict.PASS, 5));
        String md = ReportRenderer.render(ReportAssembler.assemble(job, List.of(baselinePlan, repairPlan), rows, audit(), null, T0));
        assertTrue(md.contains("- iteration 0 (BASELINE): **template search**"), md);
        assertTrue(md.contains("| 2 | 1 | `wrong-constant` | Stats.java:27 replace 3 with 2 | **PASS** (plausible patch) | all 2 tests passed | 850 ms |"), md);
        assertTrue(md.contains("| 3 | 1 | `swapped-operands` |  | SKIPPED | job concluded |  |"), md);
    }

    // ---------------------------------------------------------------------------------------------

    private static JobEntity job() {
        JobEntity j = new JobEntity();
        j.id = UUID.randomUUID();
        j.state = JobState.CONCLUDED;
        j.outcome = Outcome.SUCCEEDED;
        j.reason = "a plausible patch";
        j.sourceKind = "bundle";
        j.commitId = "c".repeat(40);
        j.taskKind = TaskKind.REPAIR;
        j.taskText = "make the failing tests pass";
        j.maxIterations = 3;
        j.maxCandidates = 200;
        j.candidateTimeoutMs = 20_000;
        j.jobTimeoutMs = 1_800_000;
        j.iteration = 1;
        j.candidatesProposed = 2;
        j.submittedAt = T0;
        j.durationMs = 65_000L;
        j.rankingJson = """
                [{"file":"src/main/java/com/acme/Stats.java","line":27,"className":"com.acme.Stats","methodName":"median","score":1.0,"evidence":"stack-trace"},
                 {"file":"src/main/java/com/acme/Stats.java","line":26,"className":"com.acme.Stats","methodName":"median","score":0.5,"evidence":"call-graph"}]""";
        j.baselineJson = """
                [{"testId":"com.acme.StatsTest#median","className":"com.acme.StatsTest","methodName":"median","kind":"failure",\
                "message":"expected: <2.5> but was: <1.67>","stackTrace":"at com.acme.StatsTest.median(StatsTest.java:16)"}]""";
        return j;
    }

    private IterationEntity plan(int iteration, PlanKind kind) {
        IterationEntity p = new IterationEntity();
        p.planId = UUID.randomUUID();
        p.jobId = job.id;
        p.iteration = iteration;
        p.kind = kind;
        p.maxCandidates = kind == PlanKind.BASELINE ? 1 : 60;
        p.locationCount = kind == PlanKind.BASELINE ? 0 : 2;
        return p;
    }

    private VerdictEntity verdict(UUID candidate, IterationEntity plan, Verdict v, int atSecond) {
        VerdictEntity e = new VerdictEntity();
        e.candidateId = candidate;
        e.jobId = job.id;
        e.planId = plan.planId;
        e.verdict = v;
        e.patchHash = plan.kind == PlanKind.BASELINE ? null : "h".repeat(64);
        e.receivedAt = T0.plusSeconds(atSecond);
        return e;
    }

    private List<AuditEvent> audit() {
        List<AuditEvent> log = new ArrayList<>();
        log.add(event(log, "pavu.plan.proposed.v1", 0, Map.of("planId", baselinePlan.planId.toString(), "decision", "null")));
        log.add(event(log, "pavu.verdict.issued.v1", 0, Map.of("candidateId", baselineCandidate.toString(),
                "planId", baselinePlan.planId.toString(), "verdict", "FAIL", "reason", "1 of 2 tests failed", "testsRun", 2,
                "testsFailed", 1, "durationMs", 2300, "diff", "")));
        log.add(event(log, "pavu.plan.proposed.v1", 1, Map.of("planId", repairPlan.planId.toString(),
                "decision", Map.of("strategy", "repair", "numbers", Map.of("topScore", 0.875), "rationale", "template repair"))));
        log.add(event(log, "pavu.diff.proposed.v1", 1, diff(first, "off-by-one", "Stats.java:27 replace 3 with 4")));
        log.add(event(log, "pavu.diff.proposed.v1", 1, diff(second, "wrong-constant", "Stats.java:27 replace 3 with 2")));
        log.add(event(log, "pavu.diff.proposed.v1", 1, diff(unjudged, "cast", "Stats.java:27 add a cast")));
        log.add(event(log, "pavu.verdict.issued.v1", 1, judged(second, "PASS", "all 2 tests passed", 850, "wrong-constant")));
        log.add(event(log, "pavu.verdict.issued.v1", 1, judged(first, "FAIL", "1 of 2 tests failed", 1200, "off-by-one")));
        log.add(event(log, "pavu.verdict.issued.v1", 1, judged(first, "FAIL", "judged twice", 1, "off-by-one")));
        log.add(event(log, "pavu.job.concluded.v1", 1, Map.of("outcome", "SUCCEEDED")));
        log.add(event(log, "pavu.verdict.issued.v1", 1, judged(late, "SKIPPED", "job concluded", null, "swapped-operands")));
        return log;
    }

    private Map<String, Object> diff(UUID candidate, String pattern, String description) {
        return Map.of("candidateId", candidate.toString(), "planId", repairPlan.planId.toString(), "diff", "--- a/x",
                "pattern", pattern, "description", description);
    }

    private Map<String, Object> judged(UUID candidate, String verdict, String reason, Integer ms, String pattern) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("candidateId", candidate.toString());
        m.put("planId", repairPlan.planId.toString());
        m.put("verdict", verdict);
        m.put("reason", reason);
        if (ms != null) {
            m.put("durationMs", ms);
        }
        m.put("diff", "--- a/x");
        m.put("pattern", pattern);
        return m;
    }

    private AuditEvent event(List<AuditEvent> log, String type, int iteration, Map<String, Object> payload) {
        JsonNode p = JSON.valueToTree(payload);
        if ("null".equals(payload.get("decision"))) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) p).putNull("decision");
        }
        return new AuditEvent(log.size() + 1, UUID.randomUUID(), type, job.id, iteration, null,
                T0.plusSeconds(log.size()).toString(), "test", "pavu.test", p);
    }
}
