package dev.pavu.actuator.messaging;

import dev.pavu.actuator.proposer.Candidate;
import dev.pavu.actuator.proposer.CandidateFactory;
import dev.pavu.actuator.proposer.RepairProposer;
import dev.pavu.actuator.proposer.llm.LlmCandidates;
import dev.pavu.contracts.CandidatesProposed;
import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.PlanProposed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds the events that answer a plan: the {@link DiffProposed} of each candidate and the closing
 * {@link CandidatesProposed}. Envelopes carry the plan's job and iteration, causation = the plan's
 * event id. Candidate and event ids are derived from the plan's event id (name-based UUIDs), so a plan
 * answered twice (a redelivery after a crash between sending and committing) produces the same ids and
 * downstream consumers de-duplicate it.
 */
public final class PlanAnswers {

    /** The producer name in every envelope. */
    public static final String PRODUCER = "actuator-service";

    private PlanAnswers() {
    }

    /**
     * @param plan       the plan answered
     * @param diffs      its candidates' events, in order
     * @param summary    the closing event
     */
    public record Answer(PlanProposed plan, List<DiffProposed> diffs, CandidatesProposed summary) {
    }

    /**
     * @param plan a BASELINE plan
     * @return the empty patch (proposer {@code baseline}, pattern {@code empty-patch}) and a count of 1
     */
    public static Answer baseline(PlanProposed plan) {
        DiffProposed empty = new DiffProposed(envelope(plan, EventTypes.DIFF_PROPOSED, "diff:0"), candidateId(plan, 0),
                plan.planId(), plan.source(), "", "baseline", "empty-patch",
                "empty patch: the baseline run of the unchanged source", 1.0, 0, plan.verify());
        return new Answer(plan, List.of(empty), summary(plan, 1, 0, List.of(), "baseline: the empty patch"));
    }

    /**
     * @param plan   a REPAIR plan
     * @param answer the template proposer's answer
     * @return one {@code DiffProposed} per candidate (proposer {@code template}) and the count
     */
    public static Answer repair(PlanProposed plan, RepairProposer.Answer answer) {
        List<DiffProposed> diffs = new ArrayList<>();
        for (int i = 0; i < answer.candidates().size(); i++) {
            Candidate c = answer.candidates().get(i);
            diffs.add(new DiffProposed(envelope(plan, EventTypes.DIFF_PROPOSED, "diff:" + i), candidateId(plan, i),
                    plan.planId(), plan.source(), c.diff(), "template", c.pattern(), c.description(), c.priority(), i,
                    plan.verify()));
        }
        return new Answer(plan, diffs, summary(plan, diffs.size(), answer.rejectedCount(), answer.rejections(), answer.note()));
    }

    /**
     * @param plan      a REPAIR plan of a job with a proposer model
     * @param templates the template proposer's answer
     * @param llm       the LLM proposer's answer
     * @return the template candidates (proposer {@code template}) and after them the LLM's (proposer {@code llm},
     *         priorities below the last template's), and the count with both proposers' rejections
     */
    public static Answer repair(PlanProposed plan, RepairProposer.Answer templates, LlmCandidates.Answer llm) {
        List<DiffProposed> diffs = new ArrayList<>();
        double floor = 1.0;
        for (Candidate c : templates.candidates()) {
            diffs.add(diff(plan, diffs.size(), c, "template", c.priority()));
            floor = Math.min(floor, c.priority());
        }
        for (Candidate c : llm.candidates()) {
            diffs.add(diff(plan, diffs.size(), c, "llm", floor * c.priority() * 0.99));
        }
        List<String> rejections = new ArrayList<>(llm.rejections());
        rejections.addAll(templates.rejections());
        return new Answer(plan, diffs, summary(plan, diffs.size(), templates.rejectedCount() + llm.rejectedCount(),
                rejections.subList(0, Math.min(rejections.size(), CandidateFactory.MAX_REJECTION_SAMPLE)),
                templates.note() + "; " + llm.note()));
    }

    /**
     * @param plan a GENERATE plan (or any plan answered by the model alone)
     * @param llm  the LLM proposer's answer
     * @return one {@code DiffProposed} per candidate (proposer {@code llm}) and the count
     */
    public static Answer llm(PlanProposed plan, LlmCandidates.Answer llm) {
        List<DiffProposed> diffs = new ArrayList<>();
        for (Candidate c : llm.candidates()) {
            diffs.add(diff(plan, diffs.size(), c, "llm", c.priority()));
        }
        return new Answer(plan, diffs, summary(plan, diffs.size(), llm.rejectedCount(),
                llm.rejections().subList(0, Math.min(llm.rejections().size(), CandidateFactory.MAX_REJECTION_SAMPLE)),
                llm.note()));
    }

    private static DiffProposed diff(PlanProposed plan, int i, Candidate c, String proposer, double priority) {
        return new DiffProposed(envelope(plan, EventTypes.DIFF_PROPOSED, "diff:" + i), candidateId(plan, i),
                plan.planId(), plan.source(), c.diff(), proposer, c.pattern(), c.description(), priority, i, plan.verify());
    }

    /**
     * @param plan   a plan the actuator cannot answer with candidates
     * @param reason why, one line
     * @return no candidates and a count of 0 with the reason
     */
    public static Answer none(PlanProposed plan, String reason) {
        return new Answer(plan, List.of(), summary(plan, 0, 0, List.of(reason), reason));
    }

    private static CandidatesProposed summary(PlanProposed plan, int count, int rejected, List<String> rejections, String note) {
        return new CandidatesProposed(envelope(plan, EventTypes.CANDIDATES_PROPOSED, "candidates"), plan.planId(), count,
                rejected, rejections, note);
    }

    /**
     * @param plan  the plan
     * @param index 0-based candidate index
     * @return the candidate's id, the same every time this plan is answered
     */
    public static UUID candidateId(PlanProposed plan, int index) {
        return derived(plan, "candidate:" + index);
    }

    private static Envelope envelope(PlanProposed plan, String type, String what) {
        return new Envelope(derived(plan, "event:" + what), type, plan.jobId(), plan.envelope().iteration(),
                plan.eventId(), Instant.now(), PRODUCER);
    }

    private static UUID derived(PlanProposed plan, String what) {
        return UUID.nameUUIDFromBytes((plan.eventId() + "/" + what).getBytes(StandardCharsets.UTF_8));
    }
}
