package dev.pavu.contracts;

import java.util.Map;

/**
 * Who may publish each event type, and on which topic (DESIGN.md "Internal trust"). Every topic has one producer,
 * and the Kafka ACLs let each service write only its own topics ({@code deploy/local/kafka/acls.tsv}); this is the
 * consumers' half: an event whose envelope names another producer than the one allowed for its type, or that arrived
 * on a topic of another kind, is refused before anything of it is applied.
 *
 * <ul>
 *   <li>{@code planner-service}: job events on {@link Topics#JOBS}, {@link PlanProposed} on {@link Topics#PLANS};</li>
 *   <li>{@code actuator-service}: {@link CandidatesProposed} on {@link Topics#CANDIDATES}, {@link DiffProposed} on
 *       {@link Topics#DIFFS};</li>
 *   <li>{@code verifier-service}: {@link VerdictIssued} on {@link Topics#VERDICTS}.</li>
 * </ul>
 */
public final class EventOrigins {

    /** The one service that publishes a type, and the topic that carries it. */
    public record Origin(String producer, String topic) {
    }

    private static final Origin PLANNER_JOBS = new Origin("planner-service", Topics.JOBS);

    private static final Map<Class<? extends PavuEvent>, Origin> BY_CLASS = Map.of(
            JobSubmitted.class, PLANNER_JOBS,
            JobConcluded.class, PLANNER_JOBS,
            JobCancelled.class, PLANNER_JOBS,
            JobExpired.class, PLANNER_JOBS,
            ResultBranchDelivered.class, PLANNER_JOBS,
            PlanProposed.class, new Origin("planner-service", Topics.PLANS),
            CandidatesProposed.class, new Origin("actuator-service", Topics.CANDIDATES),
            DiffProposed.class, new Origin("actuator-service", Topics.DIFFS),
            VerdictIssued.class, new Origin("verifier-service", Topics.VERDICTS));

    private EventOrigins() {
    }

    /**
     * @param event a read event
     * @return the service allowed to publish its type and the topic that carries it
     * @throws IllegalArgumentException for a type without an origin (every type of {@link EventTypes} has one)
     */
    public static Origin of(PavuEvent event) {
        Origin o = BY_CLASS.get(event.getClass());
        if (o == null) {
            throw new IllegalArgumentException("no origin known for " + event.getClass().getName());
        }
        return o;
    }

    /**
     * Refuses an event that its type's producer did not publish, or that came on a topic of another kind.
     *
     * @param event the event as read ({@link EventCodec#read})
     * @param topic the topic it arrived on, or {@code null} when the consumer reads one kind only. Topics are compared
     *              by kind, their last name segment after any retry infix ({@code pavu.verdicts},
     *              {@code pavu.verdicts.retry.planner-service} and a test's {@code pavu.test-updater.verdicts} are
     *              all {@code verdicts})
     * @return the event, for chaining
     * @throws ForgedEventException naming the event, the claimed producer and what is allowed
     */
    public static <T extends PavuEvent> T check(T event, String topic) {
        Origin o = of(event);
        Envelope env = event.envelope();
        if (!o.producer().equals(env.producer())) {
            throw new ForgedEventException("event " + env.eventId() + " of type " + env.type() + " names producer '"
                    + env.producer() + "', but only " + o.producer() + " publishes it: dropped, not applied");
        }
        if (topic != null && !kind(topic).equals(kind(o.topic()))) {
            throw new ForgedEventException("event " + env.eventId() + " of type " + env.type() + " arrived on " + topic
                    + ", but it is carried only by " + o.topic() + ": dropped, not applied");
        }
        return event;
    }

    private static String kind(String topic) {
        String t = Topics.originOf(topic);
        return t.substring(t.lastIndexOf('.') + 1);
    }
}
