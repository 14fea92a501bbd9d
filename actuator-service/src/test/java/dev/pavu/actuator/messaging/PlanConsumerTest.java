package dev.pavu.actuator.messaging;

import dev.pavu.actuator.FakePlannerResource;
import dev.pavu.actuator.TestTopicsResource;
import dev.pavu.contracts.CandidatesProposed;
import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.testsupport.KafkaProbe;
import dev.pavu.testsupport.PavuStackResource;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The actuator against the real broker and database: plans published to pavu.plans are answered on
 * pavu.diffs and pavu.candidates, a redelivered plan is answered once, garbage goes to the dead-letter topic.
 * The topics carry a per-run suffix ({@link TestTopicsResource} says why).
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
@QuarkusTestResource(FakePlannerResource.class)
@QuarkusTestResource(TestTopicsResource.class)
class PlanConsumerTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final VerifySpec VERIFY = new VerifySpec(null, 60_000, List.of("demo.StatsTest#sumTo"), false);

    @Test
    void baselinePlanIsAnsweredWithTheEmptyPatchOnceEvenWhenRedelivered() {
        UUID job = UUID.randomUUID();
        PlanProposed plan = plan(job, 0, PlanKind.BASELINE, new SourceRef("git", "https://example.invalid/x.git", null,
                "0".repeat(40), "a".repeat(64)), List.of(), 1);
        String json = EventCodec.write(plan);
        KafkaProbe.send(TestTopicsResource.plans(), job.toString(), json);

        List<DiffProposed> diffs = await(TestTopicsResource.diffs(), DiffProposed.class, answering(plan), 1);
        assertEquals(1, diffs.size(), "one DiffProposed for the baseline");
        DiffProposed d = diffs.getFirst();
        assertTrue(d.isEmptyPatch());
        assertEquals("", d.diff());
        assertEquals("baseline", d.proposer());
        assertEquals("empty-patch", d.pattern());
        assertEquals(0, d.candidateIndex());
        assertEquals(VERIFY, d.verify());
        assertEquals(plan.planId(), d.planId());
        assertEquals(plan.source(), d.source());
        assertEquals(EventTypes.DIFF_PROPOSED, d.envelope().type());
        assertEquals(0, d.envelope().iteration());
        assertEquals(plan.eventId(), d.envelope().causationId());
        assertEquals("actuator-service", d.envelope().producer());

        List<CandidatesProposed> counts = await(TestTopicsResource.candidates(), CandidatesProposed.class, answering(plan), 1);
        assertEquals(1, counts.size());
        assertEquals(1, counts.getFirst().candidateCount());
        assertEquals(plan.planId(), counts.getFirst().planId());
        assertEquals(plan.eventId(), counts.getFirst().envelope().causationId());

        // redeliver the same event, then a second plan of the same job (same key, same partition: handled after it)
        KafkaProbe.send(TestTopicsResource.plans(), job.toString(), json);
        PlanProposed marker = plan(job, 0, PlanKind.BASELINE, plan.source(), List.of(), 1);
        KafkaProbe.send(TestTopicsResource.plans(), job.toString(), EventCodec.write(marker));
        assertEquals(1, await(TestTopicsResource.candidates(), CandidatesProposed.class, answering(marker), 1).size(),
                "the plan sent after the redelivery is answered");
        assertEquals(1, await(TestTopicsResource.diffs(), DiffProposed.class, answering(plan), 2, Duration.ofSeconds(3)).size(),
                "the redelivered plan emits no second DiffProposed");
        assertEquals(1, await(TestTopicsResource.candidates(), CandidatesProposed.class, answering(plan), 2, Duration.ofSeconds(3)).size(),
                "the redelivered plan emits no second CandidatesProposed");
    }

    @Test
    void repairPlanIsAnsweredWithRankedCheckedCandidates() {
        var src = FakePlannerResource.source;
        UUID job = UUID.randomUUID();
        SourceRef source = new SourceRef("bundle", null, null, src.commit(), src.sha256());
        int buggyLine = FakePlannerResource.BUGGY.lines().toList().indexOf("        for (int i = 1; i < n; i++) {") + 1;
        List<SuspiciousLocation> locations = List.of(
                new SuspiciousLocation(FakePlannerResource.FILE, buggyLine + 1, "demo.Stats", "sumTo", 0.8, "stack-trace"),
                new SuspiciousLocation(FakePlannerResource.FILE, buggyLine, "demo.Stats", "sumTo", 0.8, "stack-trace"));
        PlanProposed plan = plan(job, 1, PlanKind.REPAIR, source, locations, 12);
        KafkaProbe.send(TestTopicsResource.plans(), job.toString(), EventCodec.write(plan));

        List<CandidatesProposed> counts = await(TestTopicsResource.candidates(), CandidatesProposed.class, answering(plan), 1);
        assertEquals(1, counts.size(), "the plan is answered");
        CandidatesProposed count = counts.getFirst();
        assertTrue(count.candidateCount() > 0 && count.candidateCount() <= 12, count.toString());
        List<DiffProposed> diffs = await(TestTopicsResource.diffs(), DiffProposed.class, answering(plan), count.candidateCount());
        assertEquals(count.candidateCount(), diffs.size());
        diffs = diffs.stream().sorted(Comparator.comparingInt(DiffProposed::candidateIndex)).toList();
        for (int i = 0; i < diffs.size(); i++) {
            DiffProposed d = diffs.get(i);
            assertEquals(i, d.candidateIndex());
            assertEquals("template", d.proposer());
            assertEquals(1, d.envelope().iteration());
            assertFalse(d.isEmptyPatch());
            assertTrue(d.diff().startsWith("diff --git a/" + FakePlannerResource.FILE), d.diff());
            if (i > 0) {
                assertTrue(diffs.get(i - 1).priority() >= d.priority(), "ordered by priority");
            }
        }
        assertEquals(diffs.size(), diffs.stream().map(d -> UnifiedDiffs.hash(d.diff())).distinct().count(), "no duplicates");
        String fix = UnifiedDiffs.create(FakePlannerResource.FILE, FakePlannerResource.BUGGY,
                FakePlannerResource.BUGGY.replace("i < n;", "i <= n;"));
        DiffProposed first = diffs.getFirst();
        assertEquals(UnifiedDiffs.hash(fix), UnifiedDiffs.hash(first.diff()), "the true fix comes first: " + first.description());
        assertEquals("relational-operator-replacement", first.pattern());
        assertEquals("Stats.java:" + buggyLine + " replace < with <=", first.description());
    }

    @Test
    void unreadableRecordGoesToTheDeadLetterTopic() {
        String key = "garbage-" + UUID.randomUUID();
        String garbage = "this is not a Pavu event {" + key;
        KafkaProbe.send(TestTopicsResource.plans(), key, garbage);
        List<ConsumerRecord<String, String>> dead = KafkaProbe.await(TestTopicsResource.deadLetters(),
                r -> garbage.equals(r.value()), 1, WAIT);
        assertEquals(1, dead.size(), "the garbage record is on " + TestTopicsResource.deadLetters());
        assertEquals(key, dead.getFirst().key());
        Header reason = dead.getFirst().headers().lastHeader("dead-letter-reason");
        assertNotNull(reason, "a dead-letter-reason header");
        assertTrue(new String(reason.value(), StandardCharsets.UTF_8).contains("not JSON"),
                new String(reason.value(), StandardCharsets.UTF_8));
    }

    static PlanProposed plan(UUID job, int iteration, PlanKind kind, SourceRef source, List<SuspiciousLocation> locations,
                             int maxCandidates) {
        return new PlanProposed(Envelope.of(EventTypes.PLAN_PROPOSED, job, iteration, null, "planner-service"),
                UUID.randomUUID(), kind, source, null, locations, List.of(), maxCandidates, VERIFY, List.of(), null);
    }

    static Predicate<PavuEvent> answering(PlanProposed plan) {
        return e -> e.jobId().equals(plan.jobId()) && plan.eventId().equals(e.envelope().causationId());
    }

    static <T extends PavuEvent> List<T> await(String topic, Class<T> type, Predicate<PavuEvent> match, int count) {
        return await(topic, type, match, count, WAIT);
    }

    static <T extends PavuEvent> List<T> await(String topic, Class<T> type, Predicate<PavuEvent> match, int count,
                                               Duration timeout) {
        return KafkaProbe.await(topic, r -> {
                    try {
                        PavuEvent e = EventCodec.read(r.value());
                        return type.isInstance(e) && match.test(e);
                    } catch (RuntimeException notAnEvent) {
                        return false;
                    }
                }, count, timeout).stream()
                .map(r -> type.cast(EventCodec.read(r.value())))
                .toList();
    }
}
