package dev.pavu.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCodecRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<PavuEvent> events() {
        return SampleEvents.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void writeThenReadGivesAnEqualEvent(PavuEvent event) {
        String json = EventCodec.write(event);

        PavuEvent back = EventCodec.read(json);

        assertEquals(event, back);
        assertSame(event.getClass(), back.getClass());
        assertEquals(event, EventCodec.read(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(event, EventCodec.read(json, event.getClass()));
        assertEquals(json, EventCodec.write(back), "writing is stable");
    }

    @Test
    void everyEventClassHasASample() {
        assertEquals(List.of(PavuEvent.class.getPermittedSubclasses()).stream().map(Class::getName).sorted().toList(),
                events().stream().map(e -> e.getClass().getName()).sorted().toList());
    }

    @Test
    void baselineEventsWithDefaultsRoundTrip() {
        Envelope plan = new Envelope(UUID.randomUUID(), EventTypes.PLAN_PROPOSED, SampleEvents.JOB, 0, null,
                SampleEvents.T0, "planner-service");
        List<PavuEvent> baseline = List.of(
                new JobSubmitted(Envelope.of(EventTypes.JOB_SUBMITTED, SampleEvents.JOB, 0, null, "planner-service"),
                        SampleEvents.SUBMITTED_SOURCE, new TaskSpec(null, null, null, null, null), null),
                new PlanProposed(plan, SampleEvents.PLAN, PlanKind.BASELINE, SampleEvents.RESOLVED_SOURCE, null, null, null,
                        1, new VerifySpec(null, 60_000, null, false), null, null),
                new DiffProposed(Envelope.of(EventTypes.DIFF_PROPOSED, SampleEvents.JOB, 0, plan.eventId(), "actuator-service"),
                        UUID.randomUUID(), SampleEvents.PLAN, SampleEvents.RESOLVED_SOURCE, null, "baseline", "empty-patch",
                        "the empty patch", 1.0, 0, new VerifySpec(null, 60_000, null, false)),
                new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, SampleEvents.JOB, 0, UUID.randomUUID(), "verifier-service"),
                        UUID.randomUUID(), SampleEvents.PLAN, Verdict.PASS, "all 12 tests pass", null, null, 12, 0, 5_000, null,
                        "empty-patch", null, null, null),
                new JobConcluded(Envelope.of(EventTypes.JOB_CONCLUDED, SampleEvents.JOB, 0, UUID.randomUUID(), "planner-service"),
                        Outcome.SUCCEEDED, "nothing was failing: the empty patch passes every test", "", null, 0, 7_000),
                new JobCancelled(Envelope.of(EventTypes.JOB_CANCELLED, SampleEvents.JOB, 0, null, "planner-service"), null));
        for (PavuEvent event : baseline) {
            assertEquals(event, EventCodec.read(EventCodec.write(event)), event.envelope().type());
        }
        JobSubmitted submitted = (JobSubmitted) EventCodec.read(EventCodec.write(baseline.get(0)));
        assertEquals(Budget.DEFAULT, submitted.budget());
        assertEquals(TaskKind.REPAIR, submitted.task().kind());
        assertNull(submitted.envelope().causationId());
        assertTrue(((DiffProposed) EventCodec.read(EventCodec.write(baseline.get(2)))).isEmptyPatch());
        assertTrue(((VerdictIssued) EventCodec.read(EventCodec.write(baseline.get(3)))).isBaseline());
    }

    @Test
    void derivedAccessorsAreNotWritten() throws Exception {
        JsonNode diff = JSON.readTree(EventCodec.write(SampleEvents.diffProposed()));
        JsonNode verdict = JSON.readTree(EventCodec.write(SampleEvents.verdictIssued()));
        assertFalse(diff.has("emptyPatch"), diff::toString);
        assertFalse(verdict.has("baseline"), verdict::toString);
        assertFalse(diff.has("jobId") || diff.has("eventId"), "jobId and eventId live in the envelope only");
        assertFalse(diff.path("source").has("resolved"));
    }

    @Test
    void timesAreIsoTextAndIdsAreCanonicalText() throws Exception {
        JsonNode envelope = JSON.readTree(EventCodec.write(SampleEvents.jobSubmitted())).path("envelope");
        assertEquals("2026-11-22T09:15:02.123456789Z", envelope.path("occurredAt").asText());
        assertEquals(SampleEvents.JOB.toString(), envelope.path("jobId").asText());
        assertTrue(envelope.path("causationId").isNull(), "a null causation is written as null");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void unknownFieldsAreIgnoredAtEveryLevel(PavuEvent event) throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(EventCodec.write(event));
        tree.put("addedInV1_7", "ignored");
        tree.putObject("traceContext").put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        ((ObjectNode) tree.get("envelope")).put("tenant", "acme");
        ((ObjectNode) tree.get("envelope")).putArray("tags").add("nightly");
        tree.properties().forEach(field -> {
            if (field.getValue().isObject() && !field.getKey().equals("envelope")) {
                ((ObjectNode) field.getValue()).put("futureField", 42);
            }
            if (field.getValue().isArray() && !field.getValue().isEmpty() && field.getValue().get(0).isObject()) {
                ((ObjectNode) field.getValue().get(0)).put("futureField", true);
            }
        });

        assertEquals(event, EventCodec.read(tree.toString()));
    }

    @Test
    void theMapperCopyIsIndependentButConfiguredAlike() throws Exception {
        ObjectMapper copy = EventCodec.mapper();
        String json = copy.writeValueAsString(SampleEvents.verdictIssued());
        assertEquals(SampleEvents.verdictIssued(), copy.readValue(json, VerdictIssued.class));
        assertEquals(EventCodec.write(SampleEvents.verdictIssued()), json);
    }
}
