package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConditionNarrowingTest {

    private final ConditionNarrowing pattern = new ConditionNarrowing();

    @Test
    void aMissingFlagConjunctGoesLastNegatedFirst() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int commas(String line) {
                        boolean inQuotes = false;
                        int n = 0;
                        for (int i = 0; i < line.length(); i++) {
                            char c = line.charAt(i);
                            if (c == '"') {
                                inQuotes = !inQuotes;
                            } else if (c == ',') { // <-
                                n++;
                            }
                        }
                        return n;
                    }
                }
                """);
        assertEquals(List.of("} else if (c == ',' && !inQuotes) {", "} else if (c == ',' && inQuotes) {"), f.changedCode());
        assertEquals(List.of("narrow condition with && !inQuotes", "narrow condition with && inQuotes"), f.descriptions());
        assertTrue(f.allParse());
    }

    @Test
    void aNullGuardGoesFirstAndWeighsMostWhenTheMethodSetsTheVariableToNull() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    record Range(int start, int end) {
                    }
                    int gaps(java.util.List<Range> sorted) {
                        Range current = null;
                        int gaps = 0;
                        for (Range r : sorted) {
                            if (r.start() > current.end() + 1) { // <-
                                gaps++;
                            }
                            current = r;
                        }
                        return gaps;
                    }
                }
                """);
        assertEquals(List.of("if (current != null && r.start() > current.end() + 1) {",
                "if (r != null && r.start() > current.end() + 1) {"), f.changedCode());
        assertEquals(List.of(1.0, 0.8), f.mutations.stream().map(m -> m.weight()).toList());
    }

    @Test
    void aSentinelConstantOfTheFileGuardsArithmetic() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    static final int INFINITY = Integer.MAX_VALUE;
                    void relax(int[] dist, int u, int v, int w) {
                        java.util.Arrays.fill(dist, INFINITY);
                        if (dist[u] + w < dist[v]) { // <-
                            dist[v] = dist[u] + w;
                        }
                    }
                }
                """);
        assertEquals(List.of("if (dist[u] != INFINITY && dist[u] + w < dist[v]) {",
                "if (w != INFINITY && dist[u] + w < dist[v]) {",
                "if (dist != null && dist[u] + w < dist[v]) {",
                "if (u < dist.length && dist[u] + w < dist[v]) {",
                "if (v < dist.length && dist[u] + w < dist[v]) {"), f.changedCode());
    }

    @Test
    void anOrConditionIsParenthesisedAndAFreshArrayIsNeverNull() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    boolean any(int n, boolean strict) {
                        int[] a = new int[n];
                        return a[0] > 0 || a[1] > 0; // <-
                    }
                }
                """);
        assertEquals(List.of("return (a[0] > 0 || a[1] > 0) && !strict;", "return (a[0] > 0 || a[1] > 0) && strict;"),
                f.changedCode());
    }
}
