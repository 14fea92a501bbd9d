package dev.pavu.planner.evidence;

import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.workspace.diff.FilePatch;
import dev.pavu.workspace.diff.Hunk;
import dev.pavu.workspace.diff.HunkLine;
import dev.pavu.workspace.diff.UnifiedDiffs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Partial-fix evidence: a job's candidates that made some of the baseline's failing tests pass steer its next plans.
 * Pure functions, no I/O.
 *
 * <h2>Formulas</h2>
 * <ul>
 *   <li><b>Gain</b> of a candidate, in [0, 1]: the share of the baseline's {@code B} failing tests it made pass,
 *   {@code g = min(passed, B − failed) / B} (0 when {@code B} is unknown or ≤ 0; negative counts read as 0). With
 *   the verifier's fail-fast runs (the baseline's failing tests first, stop at the first failure) {@code passed} is
 *   the tests that passed before the first failure; with whole-suite runs {@code B − failed} is the exact count and
 *   bounds {@code passed}, which then also holds tests that always passed.</li>
 *   <li><b>Location</b>: the statements a partial fix touched (old-side lines of its deleted lines, and the old line
 *   an inserted line goes before; lines added right after deleted ones replace them) are matched against the job's ranking; each matched location takes the best gain
 *   {@code g} of the partial fixes there and its score {@code s} becomes the noisy-OR
 *   {@code s' = 1 − (1 − s)(1 − β·g)} (stays in [0, 1], is ≥ {@code s}, and equals {@code s} for {@code g = 0}).
 *   The next plan's locations are the boosted ones first (highest {@code s'} first; those outside the plan's slice, at
 *   most {@code maxExtraLocations}, are added), then the rest of its slice in ranking order. A partial fix whose lines
 *   match no ranked location adds its first touched line as a location of score {@code β·g}
 *   (evidence {@code partial-fix}).</li>
 *   <li><b>Pattern</b>: a pattern's best gain {@code g_P} in the job weights it {@code 1 + γ·g_P} in the next plans
 *   (multiplied by the failure kind's prior multiplier, {@link PatternPrior}, then bounded).</li>
 * </ul>
 *
 * <h2>Sources</h2>
 * The gain is the negative-test term of GenProg's fitness (Weimer, Nguyen, Le Goues, Forrest, "Automatically
 * finding patches using genetic programming", ICSE 2009: a variant scores by the failing tests it makes pass) and of
 * ARJA's (Yuan and Banzhaf, "ARJA: Automated repair of Java programs via multi-objective genetic programming", TSE
 * 2020: the weighted failure rate on the originally failing tests), normalised by {@code B}. Where GenProg and ARJA
 * use it to select which variants breed, Pavu uses it to order the next plan: the edited location and the pattern are
 * the "genes" the next candidates re-use. The noisy-OR is the standard combination of two independent pieces of
 * evidence for the same event (Pearl, <i>Probabilistic Reasoning in Intelligent Systems</i>, 1988, §4.3.2). Not done:
 * "fails later" (the same test failing at a later assertion; de Souza, Le Goues, Camilo-Junior, "A novel fitness
 * function for automated program repair based on source code checkpoints", GECCO 2018) — verdicts carry stack traces
 * but the planner does not compare them yet.
 */
public final class PartialEvidence {

    /** Partial fixes considered per plan at most (the first, in the order given). */
    public static final int MAX_PARTIALS = 50;
    /** A partial fix's diff longer than this (characters) is not parsed. */
    public static final int MAX_DIFF_CHARS = 64 * 1024;
    /** Touched lines kept per partial fix at most. */
    static final int MAX_TOUCHED = 200;
    /** A pattern name longer than this is ignored (a verdict's field is hostile input). */
    public static final int MAX_NAME = 200;

    private PartialEvidence() {
    }

    /**
     * A verdict the planner kept as a partial fix.
     *
     * @param diff        its unified diff
     * @param pattern     its fix pattern, or {@code null}
     * @param testsPassed tests that passed in its run, or {@code null}
     * @param testsFailed tests that failed in its run, or {@code null}
     */
    public record Partial(String diff, String pattern, Integer testsPassed, Integer testsFailed) {
    }

    /**
     * The evidence applied to one plan.
     *
     * @param locations    the plan's locations: boosted ones first, then the rest of the slice
     * @param patternGains pattern → its best gain in [0, 1] in the job (patterns with gain 0 absent)
     * @param boosted      how many locations the evidence boosted (0: the slice unchanged)
     */
    public record Applied(List<SuspiciousLocation> locations, Map<String, Double> patternGains, int boosted) {
    }

    /**
     * @param passed         tests that passed in the candidate's run, or {@code null}
     * @param failed         tests that failed in it, or {@code null}
     * @param baselineFailed the baseline's failing tests {@code B}, or {@code null}
     * @return the gain in [0, 1] (see the class comment)
     */
    public static double gain(Integer passed, Integer failed, Integer baselineFailed) {
        if (baselineFailed == null || baselineFailed <= 0) {
            return 0;
        }
        long p = passed == null ? 0 : Math.max(0, passed);
        long f = failed == null ? baselineFailed : Math.max(0, failed);
        long fixed = Math.min(p, Math.max(0, baselineFailed - f));
        return Math.min(1.0, fixed / (double) baselineFailed);
    }

    /**
     * @param s a location's score (outside [0, 1] or NaN: clamped, NaN as 0)
     * @param g the gain at it
     * @param beta β in [0, 1]
     * @return {@code 1 − (1 − s)(1 − β·g)}
     */
    public static double boost(double s, double g, double beta) {
        double s0 = SearchWeights.clamp(s, 0, 1);
        double bg = SearchWeights.clamp(beta, 0, 1) * SearchWeights.clamp(g, 0, 1);
        return 1 - (1 - s0) * (1 - bg);
    }

    /**
     * @param diff a unified diff (hostile: any text)
     * @return file → the old-side lines it touches (deleted lines, and the line an added line goes before), in diff
     *         order; empty when the diff is blank, too long or malformed
     */
    public static Map<String, Set<Integer>> touched(String diff) {
        Map<String, Set<Integer>> out = new LinkedHashMap<>();
        if (diff == null || diff.isBlank() || diff.length() > MAX_DIFF_CHARS) {
            return out;
        }
        List<FilePatch> patches;
        try {
            patches = UnifiedDiffs.parse(diff);
        } catch (RuntimeException e) {
            return out;
        }
        for (FilePatch fp : patches) {
            Set<Integer> lines = new LinkedHashSet<>();
            for (Hunk h : fp.hunks()) {
                int old = Math.max(1, h.oldStart());
                boolean replacing = false; // added lines right after deleted ones replace them: they touch no other line
                for (HunkLine l : h.lines()) {
                    if (lines.size() >= MAX_TOUCHED) {
                        break;
                    }
                    switch (l.op()) {
                        case CONTEXT -> {
                            old++;
                            replacing = false;
                        }
                        case DELETE -> {
                            lines.add(old++);
                            replacing = true;
                        }
                        case ADD -> {
                            if (!replacing) {
                                lines.add(old);
                            }
                        }
                    }
                }
            }
            if (!lines.isEmpty() && fp.path() != null) {
                out.computeIfAbsent(normalise(fp.path()), k -> new LinkedHashSet<>()).addAll(lines);
            }
        }
        return out;
    }

    /**
     * Applies a job's partial fixes to the slice of its ranking that the next plan hands out.
     *
     * @param slice          the plan's locations as the ranking hands them out
     * @param ranking        the job's whole ranking (where partial fixes are matched)
     * @param partials       the job's partial fixes (the first {@link #MAX_PARTIALS} are used)
     * @param baselineFailed the baseline's failing tests, or {@code null}
     * @param w              the weights
     * @return the plan's locations and the pattern gains; the slice unchanged when there is no evidence
     */
    public static Applied apply(List<SuspiciousLocation> slice, List<SuspiciousLocation> ranking, List<Partial> partials,
                                Integer baselineFailed, SearchWeights w) {
        if (!w.enabled() || partials.isEmpty()) {
            return new Applied(slice, Map.of(), 0);
        }
        Map<String, Double> gainAt = new LinkedHashMap<>();
        Map<String, SuspiciousLocation> at = new LinkedHashMap<>();
        Map<String, Double> patternGains = new LinkedHashMap<>();
        for (Partial p : partials.subList(0, Math.min(MAX_PARTIALS, partials.size()))) {
            double g = gain(p.testsPassed(), p.testsFailed(), baselineFailed);
            if (g <= 0) {
                continue;
            }
            if (p.pattern() != null && !p.pattern().isBlank() && p.pattern().length() <= MAX_NAME) {
                patternGains.merge(p.pattern(), g, Math::max);
            }
            Map<String, Set<Integer>> touched = touched(p.diff());
            boolean matched = false;
            for (SuspiciousLocation loc : ranking) {
                Set<Integer> lines = loc.file() == null ? null : touched.get(normalise(loc.file()));
                if (lines != null && lines.contains(loc.line())) {
                    at.putIfAbsent(key(loc), loc);
                    gainAt.merge(key(loc), g, Math::max);
                    matched = true;
                }
            }
            if (!matched && !touched.isEmpty()) {
                Map.Entry<String, Set<Integer>> first = touched.entrySet().iterator().next();
                SuspiciousLocation loc = new SuspiciousLocation(first.getKey(), first.getValue().iterator().next(), null,
                        null, 0.0, "partial-fix");
                at.putIfAbsent(key(loc), loc);
                gainAt.merge(key(loc), g, Math::max);
            }
        }
        Set<String> inSlice = new LinkedHashSet<>();
        slice.forEach(l -> inSlice.add(key(l)));
        List<SuspiciousLocation> boosted = new ArrayList<>();
        List<SuspiciousLocation> extra = new ArrayList<>();
        for (Map.Entry<String, Double> e : gainAt.entrySet()) {
            SuspiciousLocation l = at.get(e.getKey());
            SuspiciousLocation b = new SuspiciousLocation(l.file(), l.line(), l.className(), l.methodName(),
                    boost(l.score(), e.getValue(), w.locationWeight()),
                    l.evidence() == null || l.evidence().equals("partial-fix") ? "partial-fix" : l.evidence() + "+partial-fix");
            (inSlice.contains(e.getKey()) ? boosted : extra).add(b);
        }
        Comparator<SuspiciousLocation> byScore = Comparator.comparingDouble(SuspiciousLocation::score).reversed();
        extra.sort(byScore);
        boosted.addAll(extra.subList(0, Math.min(extra.size(), w.maxExtraLocations())));
        boosted.sort(byScore);
        Set<String> lead = new LinkedHashSet<>();
        boosted.forEach(l -> lead.add(key(l)));
        List<SuspiciousLocation> out = new ArrayList<>(boosted);
        slice.stream().filter(l -> !lead.contains(key(l))).forEach(out::add);
        return new Applied(List.copyOf(out), Map.copyOf(patternGains), boosted.size());
    }

    private static String key(SuspiciousLocation l) {
        return normalise(l.file()) + ":" + l.line();
    }

    private static String normalise(String path) {
        String p = path == null ? "" : path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p;
    }
}
