package dev.pavu.actuator.messaging;

import dev.pavu.actuator.proposer.Candidate;
import dev.pavu.actuator.proposer.RepairProposer;
import dev.pavu.actuator.proposer.llm.LlmCandidates;
import dev.pavu.actuator.proposer.llm.LlmProposer;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventOrigins;
import dev.pavu.contracts.Topics;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.kit.idempotency.ProcessedEvents;
import dev.pavu.kit.observability.JobSpan;
import dev.pavu.kit.observability.JobTraces;
import io.quarkus.logging.Log;
import dev.pavu.kit.retry.TransientRetry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Answers the plans on {@code pavu.plans} (channel {@code plans-in}), which only the planner writes. A record that is
 * not a readable {@link PlanProposed} of the planner ({@link EventOrigins#check}) throws, so the pavu-dead-letter
 * strategy sends it to {@code pavu.plans.dlq.actuator-service}.
 *
 * <p>Idempotent: the answer is computed outside any transaction (it can take minutes; its ids derive from the plan's
 * event id, so computing it twice gives the same events), then one short transaction records the plan's event id in
 * {@code actuator.processed_events} and writes the answer to the outbox; a redelivered plan finds its id there and
 * writes nothing. That transaction is retried on transient failures ({@link TransientRetry}) before the record is
 * dead-lettered.
 */
@ApplicationScoped
public class PlanConsumer {

    /** The consumer name in {@code processed_events}. */
    static final String CONSUMER = "actuator.plans-in";

    private final ProcessedEvents processed;
    private final RepairProposer repair;
    private final AnswerPublisher publisher;
    private final LlmProposer llm;
    private final TransientRetry retry;
    private final JobTraces traces;

    /**
     * @param processed the idempotent-consumer record
     * @param repair    the template proposer service
     * @param publisher sends the answer
     * @param llm       the LLM proposer (used when the job names a proposer model)
     * @param retry     retries the recording transaction on transient failures
     * @param traces    puts the answer's span into the job's trace
     */
    public PlanConsumer(ProcessedEvents processed, RepairProposer repair, AnswerPublisher publisher, LlmProposer llm,
                        TransientRetry retry, JobTraces traces) {
        this.retry = retry;
        this.traces = traces;
        this.processed = processed;
        this.repair = repair;
        this.publisher = publisher;
        this.llm = llm;
    }

    /**
     * @param json one record value of {@code pavu.plans}
     * @throws dev.pavu.contracts.EventFormatException when it is not a readable {@code PlanProposed} of the planner
     */
    @Incoming("plans-in")
    @Blocking
    public void onPlan(String json) {
        PlanProposed plan = EventOrigins.check(EventCodec.read(json, PlanProposed.class), Topics.PLANS);
        try (JobSpan span = traces.handling("actuator", plan)) {
            try {
                answer(plan);
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
    }

    private void answer(PlanProposed plan) {
        if (retry.call(() -> QuarkusTransaction.requiringNew().call(() -> processed.seen(plan.eventId(), CONSUMER)))) {
            Log.infof("plan %s of job %s (event %s) was answered before: skipped", plan.planId(), plan.jobId(), plan.eventId());
            return;
        }
        PlanAnswers.Answer answer = switch (plan.kind()) {
            case BASELINE -> PlanAnswers.baseline(plan);
            case REPAIR -> llm.wanted(plan) ? repairWithModel(plan) : PlanAnswers.repair(plan, repair.propose(plan));
            case GENERATE -> llm.wanted(plan) ? PlanAnswers.llm(plan, llm.propose(plan, plan.maxCandidates(), java.util.List.of()))
                    : PlanAnswers.none(plan, "a GENERATE plan needs a language model: give models.proposer (e.g. \"coder\") "
                    + "in the job and configure the alias in the gateway's models file (pavu.gateway.models-file)");
        };
        boolean first = retry.call(() -> QuarkusTransaction.requiringNew().call(() -> {
            if (!processed.firstTime(plan.eventId(), CONSUMER)) {
                return false;
            }
            publisher.publish(answer);
            return true;
        }));
        if (!first) {
            Log.infof("plan %s of job %s was answered meanwhile (another instance): this answer is dropped", plan.planId(), plan.jobId());
            return;
        }
        Log.infof("job %s iteration %d: %s plan %s answered with %d candidate(s): %s", plan.jobId(),
                plan.envelope().iteration(), plan.kind(), plan.planId(), answer.diffs().size(), answer.summary().note());
    }

    /**
     * Template candidates first, leaving room for the LLM's N; then the LLM's, without the templates' diffs.
     */
    private PlanAnswers.Answer repairWithModel(PlanProposed plan) {
        int max = Math.max(0, plan.maxCandidates());
        int reserve = Math.min(llm.samples(), max);
        RepairProposer.Answer templates = max - reserve > 0
                ? repair.propose(new PlanProposed(plan.envelope(), plan.planId(), plan.kind(), plan.source(), plan.task(),
                plan.locations(), plan.failingTests(), max - reserve, plan.verify(), plan.triedPatchHashes(), plan.decision(),
                plan.partialFixes(), plan.patternWeights()))
                : new RepairProposer.Answer(java.util.List.of(), 0, java.util.List.of(), "no room for template candidates");
        LlmCandidates.Answer fromModel = llm.propose(plan, max - templates.candidates().size(),
                templates.candidates().stream().map(Candidate::hash).toList());
        return PlanAnswers.repair(plan, templates, fromModel);
    }
}
