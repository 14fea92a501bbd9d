package dev.pavu.contracts;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A plan's pattern weights are bounded whatever a producer puts in them. */
class PlanPatternWeightsTest {

    @Test
    void nonsenseIsDroppedAndTheRestClamped() {
        Map<String, Double> in = new LinkedHashMap<>();
        in.put("a", 1.5);
        in.put("tiny", 1e-9);
        in.put("huge", 1e9);
        in.put("nan", Double.NaN);
        in.put("inf", Double.POSITIVE_INFINITY);
        in.put("neg", -2.0);
        in.put("zero", 0.0);
        in.put(" ", 2.0);
        in.put("null", null);
        List<PatternWeight> out = PlanProposed.weights(in);
        assertEquals(List.of(new PatternWeight("a", 1.5), new PatternWeight("tiny", PlanProposed.MIN_PATTERN_WEIGHT),
                new PatternWeight("huge", PlanProposed.MAX_PATTERN_WEIGHT)), out);
        assertTrue(PlanProposed.weights(null).isEmpty());
        assertEquals(List.of(new PatternWeight("a", 2.0)), PlanProposed.boundedWeights(List.of(new PatternWeight("a", 2.0),
                new PatternWeight("a", 3.0))), "a repeated name: the first counts");
        Map<String, Double> many = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            many.put("p" + i, 1.0);
        }
        assertEquals(PlanProposed.MAX_PATTERN_WEIGHTS, PlanProposed.weights(many).size());
    }
}
