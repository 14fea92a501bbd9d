package dev.pavu.planner.evidence;

import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatternPriorTest {

    static VerdictIssued verdict(Verdict v, int run, int failed, String diff, GateResult... gates) {
        return new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, UUID.randomUUID(), 1, null, "verifier-service"),
                UUID.randomUUID(), UUID.randomUUID(), v, "r", List.of(gates), List.of(), run, failed, 10, diff, "P", null, null,
                List.of());
    }

    @Test
    void rewardIsOneForAPassTheGainForAPartialFixAndZeroForABrokenBuild() {
        assertEquals(1.0, PatternPrior.reward(verdict(Verdict.PASS, 3, 0, "d"), 2).getAsDouble());
        assertEquals(0.5, PatternPrior.reward(verdict(Verdict.FAIL, 2, 1, "d"), 2).getAsDouble(), 1e-12);
        assertEquals(0.0, PatternPrior.reward(verdict(Verdict.FAIL, 2, 1, "d", new GateResult("static", Verdict.FAIL, 1, "x")), 2)
                .getAsDouble());
        assertEquals(0.0, PatternPrior.reward(verdict(Verdict.TIMEOUT, 0, 0, "d"), 2).getAsDouble());
        assertTrue(PatternPrior.reward(verdict(Verdict.SKIPPED, 0, 0, "d"), 2).isEmpty());
        // absurd counts from the verifier stay in [0, 1]
        double r = PatternPrior.reward(verdict(Verdict.FAIL, Integer.MIN_VALUE, Integer.MAX_VALUE, "d"), 2).getAsDouble();
        assertTrue(r >= 0 && r <= 1, "reward " + r);
        assertEquals(1.0, PatternPrior.reward(verdict(Verdict.FAIL, Integer.MAX_VALUE, -1, "d"), 2).getAsDouble(), 1e-12);
    }

    @Test
    void multipliersAreSmoothedRatesOverTheKindsPooledRate() {
        // P: 1 pass in 1 trial; Q: 0 in 3. N = 4, R = 1 → θ_K = 2/6; θ_P = (1 + 2/3)/3, θ_Q = (2/3)/5
        Map<String, Double> m = PatternPrior.multipliers(List.of(new PatternPrior.Row("P", 1, 1.0),
                new PatternPrior.Row("Q", 3, 0.0)), SearchWeights.DEFAULTS);
        double pooled = 2 / 6.0;
        assertEquals((5 / 3.0) / 3 / pooled, m.get("P"), 1e-12);
        assertEquals((2 / 3.0) / 5 / pooled, m.get("Q"), 1e-12);
        assertEquals(List.of("P", "Q"), List.copyOf(m.keySet()));
        assertTrue(PatternPrior.multipliers(List.of(), SearchWeights.DEFAULTS).isEmpty(), "nothing learned: no multiplier");
    }

    @Test
    void aPatternKeepsBeingTriedHoweverOftenItFailed() {
        Map<String, Double> m = PatternPrior.multipliers(List.of(new PatternPrior.Row("P", 5, 5.0),
                new PatternPrior.Row("Q", 1_000_000, 0.0)), SearchWeights.DEFAULTS);
        assertEquals(SearchWeights.DEFAULTS.minWeight(), m.get("Q"), 1e-12);
        assertEquals(SearchWeights.DEFAULTS.maxWeight(), m.get("P"), 1e-12);
        // a pattern never tried is not named: it keeps the actuator's prior (weight 1)
        assertTrue(!m.containsKey("R"));
    }

    @Test
    void hostileRowsAreClampedAndBounded() {
        List<PatternPrior.Row> rows = new ArrayList<>();
        rows.add(new PatternPrior.Row("neg", -50, -3.0));
        rows.add(new PatternPrior.Row("over", 2, 1e300));
        rows.add(new PatternPrior.Row("nan", 3, Double.NaN));
        rows.add(new PatternPrior.Row(null, 3, 1));
        for (int i = 0; i < 1000; i++) {
            rows.add(new PatternPrior.Row("p" + i, Long.MAX_VALUE / 2000, 1));
        }
        Map<String, Double> m = PatternPrior.multipliers(rows, SearchWeights.DEFAULTS);
        assertTrue(!m.containsKey("neg") && !m.containsKey(null));
        assertTrue(m.values().stream().allMatch(w -> Double.isFinite(w) && w >= 0.25 && w <= 4.0), m.toString());
        Map<String, Double> w = PatternPrior.weights(m, Map.of("over", 5.0, "new", 0.5), SearchWeights.DEFAULTS);
        assertTrue(w.size() <= PlanProposed.MAX_PATTERN_WEIGHTS);
        assertTrue(w.values().stream().allMatch(x -> x >= 0.25 && x <= 4.0));
    }

    @Test
    void weightsMultiplyThePriorByTheJobsPartialFixFactor() {
        Map<String, Double> w = PatternPrior.weights(Map.of("P", 1.5, "Q", 0.5), Map.of("Q", 0.5, "R", 1.0), SearchWeights.DEFAULTS);
        assertEquals(1.5, w.get("P"), 1e-12);
        assertEquals(0.75, w.get("Q"), 1e-12);
        assertEquals(2.0, w.get("R"), 1e-12);
        assertEquals(List.of("R", "P", "Q"), List.copyOf(w.keySet()));
        assertTrue(PatternPrior.weights(Map.of("P", 2.0), Map.of(), SearchWeights.OFF).isEmpty());
    }

    @Test
    void theKindIsTheContractsFailureKind() {
        TestFailure npe = new TestFailure("t#a", "t", "a", "error", "boom", "java.lang.NullPointerException: boom\n\tat x.y(Y.java:1)");
        assertEquals("NullPointerException", PatternPrior.kindOf(List.of(npe)));
        assertEquals(PatternPrior.UNCLASSIFIED, PatternPrior.kindOf(List.of()));
        TestFailure huge = new TestFailure("t#a", "t", "a", "error", null, "a.B" + "x".repeat(500) + "Exception: x");
        assertEquals(PatternPrior.UNCLASSIFIED, PatternPrior.kindOf(List.of(huge)));
    }
}
