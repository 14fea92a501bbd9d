package dev.pavu.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Set;

/**
 * Reads the planner's job view ({@code GET /jobs/{id}}) leniently.
 */
public final class JobViews {

    /** The four outcomes of a concluded job. */
    public static final Set<String> OUTCOMES = Set.of("SUCCEEDED", "EXHAUSTED", "FAILED", "CANCELLED");

    private JobViews() {
    }

    /**
     * @param view a job view
     * @return its id ({@code id} or {@code jobId}), or {@code null}
     */
    public static String id(JsonNode view) {
        return Json.text(view, "id", "jobId");
    }

    /**
     * @param view a job view
     * @return its outcome (one of {@link #OUTCOMES}) once concluded, else {@code null}; read from
     *         {@code outcome}, or from {@code state} when the planner folds the outcome into it
     */
    public static String outcome(JsonNode view) {
        String o = Json.text(view, "outcome");
        if (o != null) {
            return o.toUpperCase(Locale.ROOT);
        }
        String s = state(view);
        return s != null && OUTCOMES.contains(s) ? s : null;
    }

    /**
     * @param view a job view
     * @return its state in upper case, or {@code null}
     */
    public static String state(JsonNode view) {
        String s = Json.text(view, "state", "status");
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    /**
     * @param view a job view
     * @return candidates verified (the baseline excluded), or {@code null} when the view does not say
     */
    public static Long candidatesTried(JsonNode view) {
        return Json.number(view, "candidatesTried", "candidatesVerified", "verifiedCandidates",
                "counts.candidatesVerified", "counts.verified", "candidates.verified");
    }

    /**
     * @param view a job view
     * @return candidates proposed, or {@code null}
     */
    public static Long candidatesProposed(JsonNode view) {
        return Json.number(view, "candidatesProposed", "proposedCandidates", "counts.candidatesProposed",
                "counts.proposed", "candidates.proposed");
    }

    /**
     * @param view a job view
     * @return submission to conclusion (or to now), milliseconds, or {@code null}
     */
    public static Long durationMs(JsonNode view) {
        return Json.number(view, "durationMs", "elapsedMs");
    }
}
