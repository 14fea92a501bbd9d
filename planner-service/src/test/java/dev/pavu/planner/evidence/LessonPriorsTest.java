package dev.pavu.planner.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pavu.contracts.TestFailure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lessons as pattern multipliers: which cards count, how much, and what a hostile answer gives. */
class LessonPriorsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    static String hit(double score, String outcome, String pattern) {
        return "{\"jobId\":\"00000000-0000-0000-0000-000000000001\",\"score\":" + score + ",\"card\":{\"outcome\":\""
                + outcome + "\",\"fix\":" + (pattern == null ? "null" : "{\"pattern\":\"" + pattern + "\"}") + "}}";
    }

    @Test
    void patternsThatFixedSimilarFailuresAreWeightedByTheirSimilarity() throws Exception {
        JsonNode answer = json("[" + hit(0.93, "SUCCEEDED", "off-by-one") + "," + hit(0.81, "SUCCEEDED", "swap-arguments")
                + "," + hit(0.7, "SUCCEEDED", "off-by-one") + "," + hit(0.9, "EXHAUSTED", null) + ","
                + hit(0.5, "SUCCEEDED", "null-check-insertion") + "]");
        Map<String, Double> m = LessonPriors.fromSimilar(answer, 0.6, 1.0);
        assertEquals(2, m.size(), m.toString());
        assertEquals(1.93, m.get("off-by-one"), 1e-9, "the most similar card of a pattern counts");
        assertEquals(1.81, m.get("swap-arguments"), 1e-9);
        assertTrue(!m.containsKey("null-check-insertion"), "below the minimum similarity");
        assertEquals(Map.of("off-by-one", 1.465), LessonPriors.fromSimilar(json("[" + hit(0.93, "SUCCEEDED", "off-by-one")
                + "]"), 0.6, 0.5), "λ scales the weight");
        assertEquals(Map.of(), LessonPriors.fromSimilar(answer, 0.6, 0.0).entrySet().stream()
                .filter(e -> e.getValue() != 1.0).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        Map.Entry::getValue)), "λ = 0 moves nothing");
    }

    @Test
    void aHostileOrBrokenAnswerGivesNothingItCannotBound() throws Exception {
        assertEquals(Map.of(), LessonPriors.fromSimilar(json("{\"score\":1}"), 0.6, 1.0), "not an array");
        assertEquals(Map.of(), LessonPriors.fromSimilar(null, 0.6, 1.0));
        String longName = "p".repeat(PartialEvidence.MAX_NAME + 1);
        JsonNode hostile = json("[{\"score\":\"NaN\",\"card\":{\"outcome\":\"SUCCEEDED\",\"fix\":{\"pattern\":\"a\"}}},"
                + hit(7.5, "SUCCEEDED", "b") + "," + hit(0.9, "SUCCEEDED", longName) + "," + hit(0.9, "SUCCEEDED", " ")
                + ",{\"score\":0.9,\"card\":{\"outcome\":\"SUCCEEDED\",\"fix\":{\"pattern\":{\"x\":1}}}}]");
        assertEquals(Map.of(), LessonPriors.fromSimilar(hostile, 0.6, 1.0));
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 500; i++) {
            many.append(i == 0 ? "" : ",").append(hit(0.9, "SUCCEEDED", "p" + i));
        }
        assertEquals(dev.pavu.contracts.PlanProposed.MAX_PATTERN_WEIGHTS,
                LessonPriors.fromSimilar(json(many.append("]").toString()), 0.6, 1.0).size(), "bounded like a plan's weights");
    }

    @Test
    void theQueryHasTheShapeOfACardsFailurePart() {
        TestFailure a = new TestFailure("com.acme.StatsTest#mean", "com.acme.StatsTest", "mean", "failure",
                "expected: <3.5> but was: <3.0>\nsecond line", "org.opentest4j.AssertionFailedError: expected: <3.5> but was: <3.0>\n\tat x");
        TestFailure b = new TestFailure("com.acme.StatsTest#median", "com.acme.StatsTest", "median", "failure", "m",
                "rm -rf /; echo: not a type\n");
        assertEquals("org.opentest4j.AssertionFailedError: expected: <3.5> but was: <3.0>\n"
                + "Failing tests: com.acme.StatsTest#mean, com.acme.StatsTest#median", LessonPriors.query(List.of(a, b)));
        assertEquals("m\nFailing tests: com.acme.StatsTest#median", LessonPriors.query(List.of(b)),
                "a trace whose first line is not a type name gives no exception");
        TestFailure huge = new TestFailure("T#" + "x".repeat(5000), "T", "x", "failure", "y".repeat(5000), null);
        assertEquals(LessonPriors.MAX_QUERY_CHARS, LessonPriors.query(List.of(huge)).length());
    }

    @Test
    void lessonsAndPriorsMultiply() {
        assertEquals(Map.of("a", 3.0, "b", 0.5, "c", 1.5),
                LessonPriors.combine(Map.of("a", 2.0, "b", 0.5), Map.of("a", 1.5, "c", 1.5)));
    }
}
