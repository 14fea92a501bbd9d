package dev.pavu.actuator.proposer.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.actuator.client.PlannerEventsClient;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The job's earlier candidates that were verified and failed, newest first, the model's own ones before the
 * templates': read from the job's audit log ({@link PlannerEventsClient}) and kept to the plan's
 * {@code triedPatchHashes}. Empty when the log cannot be read (the prompt then only says how many were tried).
 */
@ApplicationScoped
public class TriedHistory {

    private final PlannerEventsClient planner;

    /** @param planner the planner's events endpoint */
    public TriedHistory(@RestClient PlannerEventsClient planner) {
        this.planner = planner;
    }

    /**
     * @param plan a plan with {@code triedPatchHashes}
     * @param max  at most this many
     * @return failed candidates, most useful first
     */
    public List<TriedCandidate> of(PlanProposed plan, int max) {
        if (plan.triedPatchHashes().isEmpty() || max <= 0) {
            return List.of();
        }
        try {
            return fromEvents(planner.events(plan.jobId()), Set.copyOf(plan.triedPatchHashes()), max);
        } catch (RuntimeException e) {
            Log.debugf("job %s: earlier candidates not available for the prompt: %s", plan.jobId(), e.toString());
            return List.of();
        }
    }

    /**
     * @param events the audit log (JSON array of {@code {type, payload}})
     * @param hashes hashes of the diffs tried
     * @param max    at most this many
     * @return failed candidates: the LLM's first, each group newest first
     */
    static List<TriedCandidate> fromEvents(JsonNode events, Set<String> hashes, int max) {
        Map<String, String> proposerOf = new HashMap<>();
        List<TriedCandidate> out = new ArrayList<>();
        if (events == null || !events.isArray()) {
            return out;
        }
        for (JsonNode e : events) {
            JsonNode p = e.path("payload");
            String type = e.path("type").asText();
            if (type.startsWith("pavu.diff.proposed")) {
                proposerOf.put(p.path("candidateId").asText(), p.path("proposer").asText("template"));
            } else if (type.startsWith("pavu.verdict.issued")) {
                String verdict = p.path("verdict").asText();
                String diff = p.path("diff").asText("");
                if (diff.isBlank() || verdict.equals("PASS") || verdict.equals("SKIPPED")
                        || !hashes.contains(UnifiedDiffs.hash(diff))) {
                    continue;
                }
                JsonNode first = p.path("failingTests").path(0);
                String failure = first.isMissingNode() ? null
                        : first.path("testId").asText() + (first.hasNonNull("message") ? ": " + first.get("message").asText() : "");
                String pattern = p.path("pattern").asText("");
                String proposer = proposerOf.getOrDefault(p.path("candidateId").asText(),
                        pattern.startsWith("llm") ? "llm" : "template");
                out.add(new TriedCandidate(proposer, pattern, diff, verdict, p.path("reason").asText(null), failure));
            }
        }
        List<TriedCandidate> newestFirst = new ArrayList<>(out.reversed());
        newestFirst.sort(Comparator.comparingInt(t -> t.proposer().equals("llm") ? 0 : 1));
        return newestFirst.subList(0, Math.min(max, newestFirst.size()));
    }
}
