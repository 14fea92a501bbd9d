package dev.pavu.planner.localisation;

import dev.pavu.contracts.SuspiciousLocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks suspicious statements by merging {@link Evidence} sources.
 *
 * <p>Each source's scores are multiplied by its {@link Evidence#weight weight}; a statement keeps its best
 * weighted score plus {@value #AGREEMENT_BONUS} for every other source that also names it (capped at 1). Its
 * evidence lists the sources that named it, the best first, joined by {@code +} (e.g. {@code ochiai+stack-trace}).
 * Ties go to statements a stack trace names, then file and line, so the ranking is deterministic.
 *
 * <p>With per-test coverage the spectrum source ({@link SpectrumEvidence}, weight 1) measures what the
 * call graph guesses, so the call graph then counts {@link CallGraphEvidence#BEHIND_SPECTRUM}; a stack frame
 * in main code (weight 1, its own line 1.0) still lifts the statement it names above the equally suspicious
 * statements of its basic block through the agreement bonus.
 */
public final class FaultLocaliser {

    static final double AGREEMENT_BONUS = 0.05;

    private final List<Evidence> sources;

    /** @param sources evidence sources, in order of trust */
    public FaultLocaliser(List<Evidence> sources) {
        this.sources = List.copyOf(sources);
    }

    /** @return a localiser over stack traces, Ochiai over per-test coverage, and the call graph of the failing tests */
    public static FaultLocaliser standard() {
        return standard(SpectrumFormula.OCHIAI);
    }

    /**
     * @param formula the suspiciousness formula of the spectrum source
     * @return a localiser over stack traces, per-test coverage, and the call graph of the failing tests
     */
    public static FaultLocaliser standard(SpectrumFormula formula) {
        return new FaultLocaliser(List.of(new StackTraceEvidence(), new SpectrumEvidence(formula), new CallGraphEvidence()));
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
        Map<String, Set<String>> namedBy = new LinkedHashMap<>();
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
                namedBy.computeIfAbsent(l.key(), k -> new LinkedHashSet<>()).add(e.name());
            }
        }
        List<SuspiciousLocation> out = new ArrayList<>();
        for (ScoredLine l : best.values()) {
            Set<String> names = namedBy.get(l.key());
            double score = Math.min(1.0, l.score() + AGREEMENT_BONUS * (names.size() - 1));
            StringBuilder evidence = new StringBuilder(l.evidence());
            names.stream().filter(n -> !n.equals(l.evidence())).forEach(n -> evidence.append('+').append(n));
            out.add(new SuspiciousLocation(l.file(), l.line(), l.className(), l.methodName(), round(score), evidence.toString()));
        }
        out.sort(Comparator.comparingDouble(SuspiciousLocation::score).reversed()
                .thenComparing(s -> namesStackTrace(s.evidence()) ? 0 : 1)
                .thenComparing(SuspiciousLocation::file)
                .thenComparingInt(SuspiciousLocation::line));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    /** @return true when an evidence string ({@code a+b+…}) includes the stack-trace source */
    static boolean namesStackTrace(String evidence) {
        return evidence != null && List.of(evidence.split("\\+")).contains(StackTraceEvidence.NAME);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
