package dev.pavu.cli.git;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.output.Json;
import dev.pavu.workspace.git.FixMessage;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The commit message of a job's fix, from the job's view and its events: what {@link FixMessage} (shared with the
 * planner's result branches) writes, filled from the winning candidate's {@code DiffProposed} and the baseline's
 * failing tests.
 */
public final class FixCommitMessage {

    private FixCommitMessage() {
    }

    /**
     * @param jobId  the job id
     * @param view   {@code GET /jobs/{id}}
     * @param events {@code GET /jobs/{id}/events}: an array of {type, payload, …}
     * @return the message, subject line first, ending with a newline
     */
    public static String of(String jobId, JsonNode view, JsonNode events) {
        String task = Json.text(view, "task.text", "task");
        String winner = null;
        for (JsonNode e : events) {
            if ("pavu.job.concluded.v1".equals(Json.text(e, "type"))) {
                winner = Json.text(e.get("payload"), "winningCandidateId");
            }
        }
        JsonNode candidate = null;
        Set<String> nowPassing = new LinkedHashSet<>();
        for (JsonNode e : events) {
            JsonNode p = e.get("payload");
            String type = Json.text(e, "type");
            if ("pavu.diff.proposed.v1".equals(type) && winner != null && winner.equals(Json.text(p, "candidateId"))) {
                candidate = p;
            }
            boolean baselineVerdict = "pavu.verdict.issued.v1".equals(type) && p != null
                    && (p.path("diff").asText("").isBlank());
            if (baselineVerdict) {
                for (JsonNode f : Json.array(p.get("failingTests"))) {
                    String id = Json.text(f, "testId");
                    if (id != null) {
                        nowPassing.add(id);
                    }
                }
            }
        }
        return new FixMessage(jobId, task, candidate == null ? null : Json.text(candidate, "proposer"),
                candidate == null ? null : Json.text(candidate, "pattern"),
                candidate == null ? null : Json.text(candidate, "description"), List.copyOf(nowPassing)).text();
    }
}
