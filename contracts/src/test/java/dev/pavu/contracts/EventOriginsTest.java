package dev.pavu.contracts;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventOriginsTest {

    @Test
    void everyTypeHasItsOneProducerAndTopic() {
        List<PavuEvent> events = List.of(SampleEvents.jobSubmitted(), SampleEvents.planProposed(),
                SampleEvents.candidatesProposed(), SampleEvents.diffProposed(), SampleEvents.verdictIssued(),
                SampleEvents.jobConcluded(), SampleEvents.jobCancelled(), SampleEvents.jobExpired());
        for (PavuEvent e : events) {
            assertSame(e, EventOrigins.check(e, EventOrigins.of(e).topic()), e.envelope().type());
        }
        assertEquals(new EventOrigins.Origin("verifier-service", Topics.VERDICTS), EventOrigins.of(SampleEvents.verdictIssued()));
        assertEquals(new EventOrigins.Origin("actuator-service", Topics.CANDIDATES), EventOrigins.of(SampleEvents.candidatesProposed()));
    }

    @Test
    void aVerdictNamingAnotherProducerIsRefused() {
        VerdictIssued real = SampleEvents.verdictIssued();
        Envelope e = real.envelope();
        VerdictIssued forged = EventCodec.read(EventCodec.write(real).replace("\"verifier-service\"", "\"actuator-service\""),
                VerdictIssued.class);
        ForgedEventException x = assertThrows(ForgedEventException.class, () -> EventOrigins.check(forged, null));
        assertTrue(x.getMessage().contains("names producer 'actuator-service', but only verifier-service publishes it"),
                x.getMessage());
        assertTrue(x.getMessage().contains(e.eventId().toString()), x.getMessage());
    }

    @Test
    void anEventOnATopicOfAnotherKindIsRefusedAndRetryAndTestTopicsCountAsTheirKind() {
        VerdictIssued v = SampleEvents.verdictIssued();
        ForgedEventException x = assertThrows(ForgedEventException.class, () -> EventOrigins.check(v, Topics.PLANS));
        assertTrue(x.getMessage().contains("arrived on pavu.plans, but it is carried only by pavu.verdicts"), x.getMessage());
        assertSame(v, EventOrigins.check(v, "pavu.verdicts.retry.planner-service"));
        assertSame(v, EventOrigins.check(v, "pavu.test-updater.verdicts"));
        assertThrows(ForgedEventException.class, () -> EventOrigins.check(v, "pavu.verdicts.dlq.planner-service"));
    }

    @Test
    void aDeadLetterIsReplayedToTheRetryTopicOfTheGroupThatGaveUp() {
        assertEquals("pavu.verdicts.retry.planner-service", Topics.retryOf("pavu.verdicts.dlq.planner-service"));
        assertEquals("pavu.test-updater.jobs.retry.updater-service-test",
                Topics.retryOf("pavu.test-updater.jobs.dlq.updater-service-test"));
        assertEquals("pavu.verdicts", Topics.originOf("pavu.verdicts.retry.planner-service"));
        assertEquals("pavu.verdicts", Topics.originOf("pavu.verdicts"));
        assertThrows(IllegalArgumentException.class, () -> Topics.retryOf("pavu.verdicts"));
    }
}
