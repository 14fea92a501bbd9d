package dev.pavu.cli.git;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.output.Json;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The commit message of a job's fix, from the job's view and its events: a subject naming the task, the job, the
 * proposer with its pattern or model and the candidate's description, the tests that failed in the baseline and pass
 * now, and a {@code Pavu-Job:} trailer.
 */
public final class FixCommitMessage {

    /** Subject lines are cut to this many characters (git's customary limit). */
    static final int SUBJECT_MAX = 72;
    private static final int TESTS_SHOWN = 20;

    private FixCommitMessage() {
    }

    /**
     * @param jobId  the job id
     * @param view   {@code GET /jobs/{id}}
     * @param events {@code GET /jobs/{id}/events}: an array of {type, payload, …}
     * @return the message, subject line first, ending with a newline
     */
    public static String of(String jobId, JsonNode view, JsonNode events) {
        String task = firstLine(Json.text(view, "task.text", "task"));
        String subject = "Fix: " + (task == null ? "make the failing tests pass" : task);
        if (subject.length() > SUBJECT_MAX) {
            subject = subject.substring(0, SUBJECT_MAX - 1) + "…";
        }
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
        List<String> body = new ArrayList<>();
        body.add("Verified patch from Pavu job " + jobId + ".");
        if (candidate != null) {
            String proposer = Json.text(candidate, "proposer");
            String pattern = Json.text(candidate, "pattern");
            String description = Json.text(candidate, "description");
            body.add("Found by: " + (proposer == null ? "pavu" : proposer)
                    + (pattern == null ? "" : " (" + pattern + ")")
                    + (description == null ? "" : ": " + description));
        }
        if (!nowPassing.isEmpty()) {
            body.add("");
            body.add("Tests that failed before and pass now:");
            nowPassing.stream().limit(TESTS_SHOWN).forEach(t -> body.add("  - " + t));
            if (nowPassing.size() > TESTS_SHOWN) {
                body.add("  - … and " + (nowPassing.size() - TESTS_SHOWN) + " more");
            }
        }
        body.add("");
        body.add("Pavu-Job: " + jobId);
        return subject + "\n\n" + String.join("\n", body) + "\n";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return null;
        }
        String line = s.strip().split("\\R", 2)[0].strip();
        return line.isEmpty() ? null : line;
    }
}
