package dev.pavu.planner.ranking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ranks a job's plausible patches (all tests pass) by their likelihood of being correct rather than merely passing the
 * tests, from three static signals of the patch ({@link PatchFeatures}) combined as a weighted sum on a 0–1 scale:
 * <ul>
 *   <li><b>size</b> ({@value #SIZE_WEIGHT}): {@code 3 / (3 + max(0, n − 1))} for {@code n} changed AST nodes — one
 *       changed node scores 1, four score 0.5. Correct patches are usually the smallest edit that passes: Prophet
 *       (Long &amp; Rinard, POPL 2016) and CapGen (Wen et al., ICSE 2018) rank by it, and Xiong et al. ("Identifying patch
 *       correctness in test-based program repair", ICSE 2018) find overfitting patches change more;</li>
 *   <li><b>kept behaviour</b> ({@value #KEEP_WEIGHT}): {@code 1 / (1 + s + e + c/2)} for {@code s} deleted statements,
 *       {@code e} of them {@code return}/{@code throw} (counted twice) and {@code c} dropped {@code &&}/{@code ||}
 *       operands, halved when the patch only deletes. Deleting functionality is how most plausible-but-wrong patches
 *       pass (Qi et al., "An analysis of patch plausibility and correctness…", ISSTA 2015: Kali; Tan et al.,
 *       "Anti-patterns in search-based program repair", FSE 2016); ODS (Ye et al., TSE 2021) uses the same features;</li>
 *   <li><b>pattern prior</b> ({@value #PRIOR_WEIGHT}): how often a plausible patch of the fix pattern is correct
 *       ({@link #PRIORS}, {@value #DEFAULT_PRIOR} for an unknown pattern). This is not the actuator's search prior
 *       (how likely a pattern's candidate is to pass at all): a deletion passes often and is rarely correct. The
 *       ordering follows the correct/plausible ratios reported per repair template by TBar (Liu et al., ISSTA 2019)
 *       and Prophet's learned feature weights: operator and off-by-one mutations highest, inserted code lower,
 *       deletion lowest.</li>
 * </ul>
 * Ties go to the patch found first (the search order put it first), then to the candidate id. Pure and
 * deterministic: the same patches give the same ranking.
 */
public final class PatchRanker {

    /** Weight of the size signal. */
    public static final double SIZE_WEIGHT = 0.35;
    /** Weight of the kept-behaviour signal. */
    public static final double KEEP_WEIGHT = 0.40;
    /** Weight of the pattern's correctness prior. */
    public static final double PRIOR_WEIGHT = 0.25;
    /** Correctness prior of a pattern missing from {@link #PRIORS} (an LLM candidate, a new pattern). */
    public static final double DEFAULT_PRIOR = 0.5;

    /** Fix pattern → correctness prior of its plausible patches (0–1). */
    public static final Map<String, Double> PRIORS = Map.ofEntries(
            Map.entry("relational-operator-replacement", 0.9),
            Map.entry("off-by-one", 0.85),
            Map.entry("arithmetic-operator-replacement", 0.8),
            Map.entry("logical-operator-replacement", 0.8),
            Map.entry("variable-replacement", 0.7),
            Map.entry("swapped-arguments", 0.7),
            Map.entry("compound-assignment-replacement", 0.7),
            Map.entry("swapped-operands", 0.65),
            Map.entry("method-call-replacement", 0.6),
            Map.entry("overload-change", 0.55),
            Map.entry("cast-change", 0.6),
            Map.entry("condition-negation", 0.6),
            Map.entry("condition-narrowing", 0.6),
            Map.entry("null-check-insertion", 0.6),
            Map.entry("division-by-zero-guard", 0.6),
            Map.entry("division-reordering", 0.55),
            Map.entry("loop-bound-change", 0.6),
            Map.entry("return-value-change", 0.55),
            Map.entry("constant-replacement", 0.55),
            Map.entry("condition-synthesis", 0.55),
            Map.entry("expression-variable-replacement", 0.55),
            Map.entry("increment-insertion", 0.5),
            Map.entry("break-insertion", 0.5),
            Map.entry("condition-widening", 0.45),
            Map.entry("math-wrapper", 0.45),
            Map.entry("return-insertion", 0.4),
            Map.entry("else-insertion", 0.45),
            Map.entry("else-removal", 0.45),
            Map.entry("normalising-assignment", 0.4),
            Map.entry("statement-swap", 0.4),
            Map.entry("ingredient-insertion", 0.35),
            Map.entry("renamed-ingredient-insertion", 0.35),
            Map.entry("two-location", 0.35),
            Map.entry("coordinated-edit", 0.5),
            Map.entry("condition-removal", 0.3),
            Map.entry("statement-deletion", 0.15));

    private PatchRanker() {
    }

    /**
     * @param patches the job's plausible patches, any order
     * @return them ranked, best first, each with its score and reasons (rank 1 = the patch the job concludes with)
     */
    public static List<RankedPatch> rank(List<PlausiblePatch> patches) {
        record Scored(PlausiblePatch patch, double score, List<String> reasons) {
        }
        List<Scored> scored = new ArrayList<>();
        for (PlausiblePatch p : patches) {
            PatchFeatures f = PatchFeatures.of(p.diff());
            double size = 3.0 / (3.0 + Math.max(0, f.changedNodes() - 1));
            double keep = 1.0 / (1.0 + f.deletedStatements() + f.deletedExits() + f.droppedConditions() / 2.0);
            if (f.deletesOnly()) {
                keep /= 2;
            }
            double prior = prior(p.pattern());
            double score = SIZE_WEIGHT * size + KEEP_WEIGHT * keep + PRIOR_WEIGHT * prior;
            scored.add(new Scored(p, score, reasons(f, size, keep, p.pattern(), prior)));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed()
                .thenComparing(s -> s.patch().foundAt())
                .thenComparing(s -> s.patch().candidateId()));
        List<RankedPatch> out = new ArrayList<>();
        for (Scored s : scored) {
            out.add(new RankedPatch(out.size() + 1, s.patch().candidateId(), s.patch().pattern(), round(s.score()), s.reasons(),
                    s.patch().diff()));
        }
        return List.copyOf(out);
    }

    /**
     * @param pattern a fix pattern, or {@code null}
     * @return its correctness prior ({@link #DEFAULT_PRIOR} when unknown)
     */
    public static double prior(String pattern) {
        return pattern == null ? DEFAULT_PRIOR : PRIORS.getOrDefault(pattern, DEFAULT_PRIOR);
    }

    private static List<String> reasons(PatchFeatures f, double size, double keep, String pattern, double prior) {
        List<String> r = new ArrayList<>();
        r.add("changes " + f.changedNodes() + " AST node" + (f.changedNodes() == 1 ? "" : "s") + " (size " + fmt(size)
                + "; smaller edits are likelier correct)");
        if (f.deletedStatements() == 0 && f.droppedConditions() == 0) {
            r.add("deletes no statement, return, throw or condition (kept behaviour " + fmt(keep) + ")");
        } else {
            List<String> what = new ArrayList<>();
            if (f.deletedStatements() > 0) {
                what.add(f.deletedStatements() + " statement" + (f.deletedStatements() == 1 ? "" : "s")
                        + (f.deletedExits() > 0 ? " (" + f.deletedExits() + " return/throw)" : ""));
            }
            if (f.droppedConditions() > 0) {
                what.add(f.droppedConditions() + " condition" + (f.droppedConditions() == 1 ? "" : "s"));
            }
            r.add("deletes " + String.join(" and ", what) + (f.deletesOnly() ? ", adding nothing" : "")
                    + ": penalised, removing behaviour is how tests pass without a fix (kept behaviour " + fmt(keep) + ")");
        }
        r.add("pattern " + (pattern == null ? "unknown" : pattern) + ": correctness prior " + fmt(prior));
        return r;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
