package dev.pavu.actuator.proposer;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan's pattern weights ({@code PlanProposed.patternWeights}, the planner's evidence) reorder the candidates. */
class PlanPatternWeightsTest {

    static final String BUGGY = TemplateProposerTest.CORRECT.replace("i <= n;", "i < n;");

    static List<Mutant> ranked(Map<String, Double> weights) {
        SourceFile file = SourceFile.of(TemplateProposerTest.PATH, BUGGY);
        int line = TemplateProposerTest.line(BUGGY, "i < n;");
        return TemplateProposer.withDefaults().propose(file, List.of(new SuspiciousLine(line, 0.9, 0)), null, weights).mutants();
    }

    @Test
    void aWeightedPatternComesFirstAndAnUnweightedOneKeepsItsPrior() {
        List<Mutant> plain = ranked(Map.of());
        String top = plain.getFirst().pattern();
        String other = plain.stream().map(Mutant::pattern).filter(p -> !p.equals(top)).findFirst().orElseThrow();
        List<Mutant> weighted = ranked(Map.of(other, 20.0, top, 0.05));
        assertEquals(other, weighted.getFirst().pattern(), "the plan's preferred pattern leads");
        assertNotEquals(top, weighted.getFirst().pattern());
        Mutant before = plain.stream().filter(m -> m.pattern().equals(other)).findFirst().orElseThrow();
        Mutant after = weighted.stream().filter(m -> m.description().equals(before.description())).findFirst().orElseThrow();
        assertEquals(before.priority() * 20.0, after.priority(), 1e-12);
        assertEquals(plain.size(), weighted.size(), "weights reorder, they never drop a candidate");
    }

    @Test
    void nonsenseWeightsAreIgnored() {
        List<Mutant> plain = ranked(Map.of());
        Map<String, Double> nonsense = new HashMap<>();
        plain.forEach(m -> nonsense.put(m.pattern(), m.pattern().hashCode() % 2 == 0 ? Double.NaN : -3.0));
        nonsense.put("no-such-pattern", 1e9);
        List<Mutant> same = ranked(nonsense);
        assertEquals(plain.stream().map(Mutant::description).toList(), same.stream().map(Mutant::description).toList());
        assertTrue(same.stream().allMatch(m -> Double.isFinite(m.priority()) && m.priority() > 0));
    }
}
