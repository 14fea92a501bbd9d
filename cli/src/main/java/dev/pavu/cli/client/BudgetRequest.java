package dev.pavu.cli.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The limits the user set; a {@code null} field is left out of the request, so the planner's default applies
 * (3 iterations, 200 candidates, 60 s per candidate, 30 min per job unless configured otherwise).
 *
 * @param maxIterations      repair iterations after the baseline, or {@code null}
 * @param maxCandidates      candidates verified in all, or {@code null}
 * @param candidateTimeoutMs wall-clock limit of one candidate's verification, milliseconds, or {@code null}
 * @param jobTimeoutMs       wall-clock limit of the whole job, milliseconds, or {@code null}
 */
public record BudgetRequest(Integer maxIterations, Integer maxCandidates, Long candidateTimeoutMs, Long jobTimeoutMs) {

    /** No limit set: the planner's defaults. */
    public static final BudgetRequest DEFAULTS = new BudgetRequest(null, null, null, null);

    /** @return the JSON object of the request: only the fields set */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (maxIterations != null) {
            m.put("maxIterations", maxIterations);
        }
        if (maxCandidates != null) {
            m.put("maxCandidates", maxCandidates);
        }
        if (candidateTimeoutMs != null) {
            m.put("candidateTimeoutMs", candidateTimeoutMs);
        }
        if (jobTimeoutMs != null) {
            m.put("jobTimeoutMs", jobTimeoutMs);
        }
        return m;
    }
}
