package dev.pavu.planner.ranking;

import java.util.List;
import java.util.UUID;

/**
 * A plausible patch with its place in the job's ranking ({@link PatchRanker}).
 *
 * @param rank        1 for the patch the job concludes with, then 2, 3, …
 * @param candidateId the candidate
 * @param pattern     its fix pattern, or {@code null}
 * @param score       likelihood of being correct on a 0–1 scale (higher is better; comparable within one job only)
 * @param reasons     one short sentence per signal, in the order size, deletion, prior
 * @param diff        its unified diff
 */
public record RankedPatch(int rank, UUID candidateId, String pattern, double score, List<String> reasons, String diff) {
    public RankedPatch {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
