package dev.pavu.planner.it;

import dev.pavu.contracts.CandidatesProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.testsupport.KafkaProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The planner flow tests' side of the event topics: awaiting the one event of a type the planner published for a job,
 * and answering a plan as the actuator would. Every wait is bounded by {@link #WAIT}.
 */
final class FlowEvents {
    /** How long a flow test waits for an event the planner should publish. */
    static final Duration WAIT = Duration.ofSeconds(60);

    private FlowEvents() {
    }

    /**
     * @return the single event of {@code type} keyed by {@code jobId} on {@code topic}, decoded as {@code cls}
     * @throws AssertionError when none arrives within {@link #WAIT}
     */
    static <T extends PavuEvent> T one(String topic, String jobId, String type, Class<T> cls) {
        List<ConsumerRecord<String, String>> found = KafkaProbe.await(topic,
                rec -> jobId.equals(rec.key()) && rec.value().contains(type), 1, WAIT);
        assertEquals(1, found.size(), "no " + type + " for job " + jobId + " on " + topic);
        return EventCodec.read(found.getFirst().value(), cls);
    }

    /**
     * @return the job's plan of that iteration (0 = the baseline)
     * @throws AssertionError when none arrives within {@link #WAIT}
     */
    static PlanProposed plan(String jobId, int iteration) {
        List<ConsumerRecord<String, String>> found = KafkaProbe.await(TestTopics.PLANS,
                rec -> jobId.equals(rec.key()) && rec.value().contains(EventTypes.PLAN_PROPOSED)
                        && EventCodec.read(rec.value()).envelope().iteration() == iteration, 1, WAIT);
        assertEquals(1, found.size(), "no plan of iteration " + iteration + " for job " + jobId);
        return EventCodec.read(found.getFirst().value(), PlanProposed.class);
    }

    /** Announces, as the actuator would, that {@code plan} has {@code count} candidates. */
    static void sendCandidates(String jobId, PlanProposed plan, int count) {
        CandidatesProposed cp = new CandidatesProposed(Envelope.of(EventTypes.CANDIDATES_PROPOSED, UUID.fromString(jobId),
                plan.envelope().iteration(), plan.eventId(), "actuator-service"), plan.planId(), count, 0, List.of(),
                count + " candidates");
        KafkaProbe.send(TestTopics.CANDIDATES, jobId, EventCodec.write(cp));
    }
}
