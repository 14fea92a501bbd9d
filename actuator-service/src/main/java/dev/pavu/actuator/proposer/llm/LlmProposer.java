package dev.pavu.actuator.proposer.llm;

import dev.pavu.actuator.client.GatewayClient;
import dev.pavu.actuator.config.ActuatorConfig;
import dev.pavu.actuator.source.SourceCheckouts;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.nio.file.Path;
import java.util.Collection;

/**
 * The LLM proposer (proposer {@code llm}): candidate patches from the model that the job names as its
 * {@code proposer} ({@code task.models}, e.g. {@code {"proposer": "coder"}}), asked through the model gateway.
 * A REPAIR plan gets them after the template candidates; a GENERATE plan gets only these. See
 * {@link LlmCandidates} for what happens to an answer.
 */
@ApplicationScoped
public class LlmProposer {

    /** The role of the proposing model in {@code task.models}. */
    public static final String ROLE = "proposer";
    /** The role of the reviewing model in {@code task.models}. */
    public static final String REVIEWER = "reviewer";

    private final GatewayClient gateway;
    private final SourceCheckouts checkouts;
    private final TriedHistory history;
    private final ActuatorConfig config;

    /**
     * @param gateway   the model gateway
     * @param checkouts read-only checkouts
     * @param history   the job's earlier failed candidates
     * @param config    settings ({@code pavu.actuator.llm.*})
     */
    public LlmProposer(@RestClient GatewayClient gateway, SourceCheckouts checkouts, TriedHistory history,
                       ActuatorConfig config) {
        this.gateway = gateway;
        this.checkouts = checkouts;
        this.history = history;
        this.config = config;
    }

    /**
     * @param plan a plan
     * @return whether its job names a proposer model
     */
    public boolean wanted(PlanProposed plan) {
        String alias = plan.task().models().get(ROLE);
        return alias != null && !alias.isBlank();
    }

    /** @return how many candidates the LLM proposer may add to a plan (its N) */
    public int samples() {
        return Math.max(0, config.llm().samples());
    }

    /**
     * @param plan    a REPAIR or GENERATE plan of a job with a proposer model
     * @param max     at most this many candidates
     * @param exclude hashes of diffs already proposed for this plan (template candidates)
     * @return the candidates and why the other answers gave none
     */
    public LlmCandidates.Answer propose(PlanProposed plan, int max, Collection<String> exclude) {
        if (!wanted(plan)) {
            return LlmCandidates.Answer.nothing("no proposer model: the job's models name no \"proposer\" alias");
        }
        Path root;
        try {
            root = checkouts.checkout(plan.source());
        } catch (RuntimeException e) {
            Log.warnf("plan %s of job %s: source unavailable: %s", plan.planId(), plan.jobId(), e.getMessage());
            return LlmCandidates.Answer.nothing("source unavailable: " + e.getMessage());
        }
        ActuatorConfig.Llm c = config.llm();
        LlmCandidates.Settings s = new LlmCandidates.Settings(c.samples(), c.useN(), c.seed(), c.temperature(),
                c.maxTokens(), c.parallelism(),
                new PromptBuilder.Settings(c.contextLines(), c.maxLocations(), c.wholeFileLines(), 6, c.triedInPrompt(),
                        c.maxPromptChars()),
                new Anchor.Settings(c.anchorThreshold(), c.anchorMargin(), c.removedLineThreshold()));
        String reviewer = plan.task().models().get(REVIEWER);
        if ((reviewer == null || reviewer.isBlank()) && c.selfReview()) {
            reviewer = plan.task().models().get(ROLE);
        }
        try {
            return new LlmCandidates(gateway, s, line -> Log.infof("job %s iteration %d: %s", plan.jobId(),
                    plan.envelope().iteration(), line))
                    .propose(plan, SourceTree.of(root), max, exclude, history.of(plan, c.triedInPrompt()),
                            reviewer == null || reviewer.isBlank() ? null : reviewer, diff -> UnifiedDiffs.check(root, diff));
        } catch (RuntimeException e) {
            // a proposer bug must not leave the planner waiting for an answer that never comes
            Log.errorf(e, "plan %s of job %s: the LLM proposer failed", plan.planId(), plan.jobId());
            return LlmCandidates.Answer.nothing("the LLM proposer failed: " + e);
        }
    }
}
