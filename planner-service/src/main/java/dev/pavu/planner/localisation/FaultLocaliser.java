package dev.pavu.planner.localisation;

import dev.pavu.contracts.SuspiciousLocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks suspicious statements by merging {@link Evidence} sources.
 *
 * <p>Each source's scores are multiplied by its {@link Evidence#weight weight}; a statement keeps its best
 * weighted score plus 0.05 for every other source that also names it (capped at 1), and the evidence
 * name of the best. Ties go to stack-trace evidence, then file and line, so the ranking is deterministic.
 * A spectrum-based source (Ochiai over per-test coverage) is one more {@link Evidence} in the list.
 */
public final class FaultLocaliser {

    static final double AGREEMENT_BONUS = 0.05;

    private final List<Evidence> sources;

    /** @param sources evidence sources, in order of trust */
    public FaultLocaliser(List<Evidence> sources) {
        this.sources = List.copyOf(sources);
    }

    /** @return a localiser over stack traces and the call graph of the failing tests */
    public static FaultLocaliser standard() {
        return new FaultLocaliser(List.of(new StackTraceEvidence(), new CallGraphEvidence()));
    }

    /**
     * @param index the parsed project
     * @param input failing tests, error log, coverage
     * @param limit at most this many locations
     * @return ranked locations, most suspicious first, scores in [0, 1]
     */
    public List<SuspiciousLocation> localise(ProjectIndex index, LocalisationInput input, int limit) {
        Map<String, List<ScoredLine>> found = new LinkedHashMap<>();
        for (Evidence e : sources) {
            List<ScoredLine> lines = e.collect(input, index);
            if (!lines.isEmpty()) {
                found.put(e.name(), lines);
            }
        }
        Set<String> withResults = found.keySet();
        Map<String, ScoredLine> best = new LinkedHashMap<>();
        Map<String, Set<String>> namedBy = new HashMap<>();
        for (Evidence e : sources) {
            List<ScoredLine> lines = found.get(e.name());
            if (lines == null) {
                continue;
            }
            double w = e.weight(withResults);
            for (ScoredLine l : lines) {
                ScoredLine weighted = new ScoredLine(l.file(), l.line(), l.className(), l.methodName(),
                        l.score() * w, l.evidence());
                best.merge(l.key(), weighted, (a, b) -> a.score() >= b.score() ? a : b);
                namedBy.computeIfAbsent(l.key(), k -> new HashSet<>()).add(e.name());
            }
        }
        List<SuspiciousLocation> out = new ArrayList<>();
        for (ScoredLine l : best.values()) {
            double score = Math.min(1.0, l.score() + AGREEMENT_BONUS * (namedBy.get(l.key()).size() - 1));
            out.add(new SuspiciousLocation(l.file(), l.line(), l.className(), l.methodName(), round(score), l.evidence()));
        }
        out.sort(Comparator.comparingDouble(SuspiciousLocation::score).reversed()
                .thenComparing(s -> StackTraceEvidence.NAME.equals(s.evidence()) ? 0 : 1)
                .thenComparing(SuspiciousLocation::file)
                .thenComparingInt(SuspiciousLocation::line));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
