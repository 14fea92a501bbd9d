package dev.pavu.actuator.messaging;

import dev.pavu.actuator.FakeGatewayResource;
import dev.pavu.actuator.FakePlannerResource;
import dev.pavu.actuator.TestTopicsResource;
import dev.pavu.contracts.CandidatesProposed;
import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TaskKind;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.contracts.TestFailure;
import dev.pavu.testsupport.KafkaProbe;
import dev.pavu.testsupport.PavuStackResource;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.pavu.actuator.messaging.PlanConsumerTest.VERIFY;
import static dev.pavu.actuator.messaging.PlanConsumerTest.answering;
import static dev.pavu.actuator.messaging.PlanConsumerTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LLM proposer in the running actuator, against a stand-in gateway ({@link FakeGatewayResource}): a REPAIR plan
 * of a job that names a proposer model gets the template candidates and then the model's; a GENERATE plan gets only
 * the model's; a GENERATE plan without a model, or with an alias the gateway does not know, gets none and says why.
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
@QuarkusTestResource(FakePlannerResource.class)
@QuarkusTestResource(TestTopicsResource.class)
@QuarkusTestResource(FakeGatewayResource.class)
class LlmPlanTest {

    static final String FORMULA = UnifiedDiffs.create(FakePlannerResource.FILE, FakePlannerResource.BUGGY,
            FakePlannerResource.BUGGY.replace("        int total = 0;\n        for (int i = 1; i < n; i++) {\n            total += i;\n"
                    + "        }\n        return total;\n", "        return n * (n + 1) / 2;\n"));

    static PlanProposed plan(PlanKind kind, Map<String, String> models, int max) {
        var src = FakePlannerResource.source;
        int line = FakePlannerResource.BUGGY.lines().toList().indexOf("        for (int i = 1; i < n; i++) {") + 1;
        return new PlanProposed(Envelope.of(EventTypes.PLAN_PROPOSED, UUID.randomUUID(), 1, null, "planner-service"),
                UUID.randomUUID(), kind, new SourceRef("bundle", null, null, src.commit(), src.sha256()),
                new TaskSpec(kind == PlanKind.GENERATE ? TaskKind.IMPLEMENT : TaskKind.REPAIR, "make the failing tests pass",
                        null, null, models),
                List.of(new SuspiciousLocation(FakePlannerResource.FILE, line, "demo.Stats", "sumTo", 0.8, "call-graph")),
                List.of(new TestFailure("demo.StatsTest#sumTo", "demo.StatsTest", "sumTo", "failure",
                        "expected: <15> but was: <10>", "\tat demo.StatsTest.sumTo(StatsTest.java:9)")),
                max, VERIFY, List.of(), null);
    }

    @Test
    void aRepairPlanOfAJobWithAProposerGetsTemplateCandidatesThenTheModels() {
        PlanProposed plan = plan(PlanKind.REPAIR, Map.of("proposer", "coder"), 8);
        KafkaProbe.send(TestTopicsResource.plans(), plan.jobId().toString(), EventCodec.write(plan));

        CandidatesProposed count = await(TestTopicsResource.candidates(), CandidatesProposed.class, answering(plan), 1).getFirst();
        List<DiffProposed> diffs = await(TestTopicsResource.diffs(), DiffProposed.class, answering(plan), count.candidateCount())
                .stream().sorted(Comparator.comparingInt(DiffProposed::candidateIndex)).toList();
        assertEquals(count.candidateCount(), diffs.size());
        assertTrue(count.candidateCount() <= 8, count.toString());
        DiffProposed last = diffs.getLast();
        assertEquals("llm", last.proposer(), "the model's candidate comes after the templates: " + diffs);
        assertEquals("llm-repair", last.pattern());
        assertEquals(UnifiedDiffs.hash(FORMULA), UnifiedDiffs.hash(last.diff()), last.diff());
        assertTrue(last.description().startsWith("llm sample 1/3 (coder, search/replace)"), last.description());
        assertTrue(diffs.subList(0, diffs.size() - 1).stream().allMatch(d -> d.proposer().equals("template")
                && d.priority() > last.priority()), "templates first, with higher priorities");
        assertTrue(diffs.size() - 1 <= 8 - 3, "the templates leave room for the model's N = 3 samples");
        // three samples with the same answer: one candidate, two duplicates
        assertTrue(count.rejections().contains("llm sample 2/3: same patch as an earlier candidate"), count.rejections().toString());
        assertTrue(count.note().contains("1 LLM candidate from 3 samples of coder"), count.note());
        assertTrue(FakeGatewayResource.requestsText().contains("expected: <15> but was: <10>"), "the prompt carries the failure");
    }

    @Test
    void aGeneratePlanGetsOnlyTheModelsRewrittenMethod() {
        PlanProposed plan = plan(PlanKind.GENERATE, Map.of("proposer", "coder-method"), 5);
        KafkaProbe.send(TestTopicsResource.plans(), plan.jobId().toString(), EventCodec.write(plan));
        CandidatesProposed count = await(TestTopicsResource.candidates(), CandidatesProposed.class, answering(plan), 1).getFirst();
        assertEquals(1, count.candidateCount(), count.toString());
        DiffProposed d = await(TestTopicsResource.diffs(), DiffProposed.class, answering(plan), 1).getFirst();
        assertEquals("llm", d.proposer());
        assertEquals("llm-regenerate", d.pattern());
        assertTrue(d.diff().contains("+        return n <= 0 ? 0 : n + sumTo(n - 1);"), d.diff());
    }

    @Test
    void aGeneratePlanWithoutAModelOrWithAnUnknownAliasGetsNoCandidateAndTheReason() {
        PlanProposed none = plan(PlanKind.GENERATE, Map.of(), 5);
        KafkaProbe.send(TestTopicsResource.plans(), none.jobId().toString(), EventCodec.write(none));
        CandidatesProposed c = await(TestTopicsResource.candidates(), CandidatesProposed.class, answering(none), 1).getFirst();
        assertEquals(0, c.candidateCount());
        assertTrue(c.note().contains("models.proposer") && c.note().contains("pavu.gateway.models-file"), c.note());

        PlanProposed unknown = plan(PlanKind.GENERATE, Map.of("proposer", "nobody"), 5);
        KafkaProbe.send(TestTopicsResource.plans(), unknown.jobId().toString(), EventCodec.write(unknown));
        c = await(TestTopicsResource.candidates(), CandidatesProposed.class, answering(unknown), 1).getFirst();
        assertEquals(0, c.candidateCount());
        assertEquals(1, c.rejections().size(), c.rejections().toString());
        assertTrue(c.rejections().getFirst().contains("does not know the alias \"nobody\"")
                && c.rejections().getFirst().contains("known aliases: coder"), c.rejections().getFirst());
    }
}
