package dev.pavu.planner.job;

import dev.pavu.contracts.PavuEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link Job} transition produced besides the aggregate's own state change: the events to publish (in order,
 * through the outbox, in the transaction that stores the change), and — when the job wants its next repair plan — the
 * strategy request the caller must answer with {@link Job#proposeRepair} (the strategy step calls the model gateway,
 * so it is not the aggregate's to make).
 *
 * @param events  events to publish, in order (may be empty)
 * @param request the repair plan wanted, or {@code null}
 */
public record Transition(List<PavuEvent> events, PlanRequest request) {

    /** Nothing changed or nothing to announce. */
    public static final Transition NONE = new Transition(List.of(), null);

    /** @return a transition that announces {@code events} */
    static Transition of(PavuEvent... events) {
        return new Transition(List.of(events), null);
    }

    /** @return a transition that wants a repair plan */
    static Transition wants(PlanRequest request) {
        return new Transition(List.of(), request);
    }

    /**
     * @param next what answering {@link #request()} produced
     * @return this transition's events followed by {@code next}'s, with {@code next}'s request
     */
    public Transition then(Transition next) {
        List<PavuEvent> all = new ArrayList<>(events);
        all.addAll(next.events());
        return new Transition(List.copyOf(all), next.request());
    }
}
