package dev.pavu.planner.localisation;

import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TestFailure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Localisation from the stack traces of tests killed by their time limit (a loop that does not end). */
class LoopingFramesTest {

    static final String RANGES = """
            package com.acme.ranges;

            public final class Ranges {
                private Ranges() {
                }

                /** First index whose value is at least key, in an ascending array. */
                public static int firstAtLeast(int[] a, int key) {
                    int lo = 0;
                    int hi = a.length;
                    while (lo < hi) { // HEADER
                        int mid = (lo + hi) / 2; // MID
                        if (a[mid] < key) { // TEST
                            lo = mid; // BUG
                        } else {
                            hi = mid; // OTHER-UPDATE
                        }
                    } // BACK-EDGE
                    return lo; // RETURN
                }

                public static boolean hasAtLeast(int[] a, int key) {
                    return firstAtLeast(a, key) < a.length; // CALLER
                }
            }
            """;

    static final String RANGES_TEST = """
            package com.acme.ranges;

            import org.junit.Test;
            import static org.junit.Assert.assertEquals;
            import static org.junit.Assert.assertTrue;

            public class RangesTest {
                @Test(timeout = 3000)
                public void findsTheLast() {
                    assertEquals(3, Ranges.firstAtLeast(new int[] {1, 2, 3, 4}, 4)); // LAST
                }

                @Test(timeout = 3000)
                public void hasAtLeast() {
                    assertTrue(Ranges.hasAtLeast(new int[] {1, 2, 3, 4}, 3)); // HAS
                }

                @Test(timeout = 3000)
                public void findsTheFirst() {
                    assertEquals(0, Ranges.firstAtLeast(new int[] {1, 2, 3, 4}, 1));
                }
            }
            """;

    private static int line(String marker) {
        return Sources.lineOf(RANGES, marker);
    }

    private static ProjectIndex project() {
        return ProjectIndex.of(Map.of("src/main/java/com/acme/ranges/Ranges.java", RANGES,
                "src/test/java/com/acme/ranges/RangesTest.java", RANGES_TEST));
    }

    /** JUnit 4's {@code @Test(timeout)} failure: the test thread's stack when the limit struck, here the back edge. */
    private static TestFailure junit4Timeout(String method, String... mainFrames) {
        StringBuilder trace = new StringBuilder("org.junit.runners.model.TestTimedOutException: test timed out after 3000 milliseconds\n");
        for (String f : mainFrames) {
            trace.append("\tat com.acme.ranges.Ranges.").append(f).append('\n');
        }
        trace.append("\tat com.acme.ranges.RangesTest.").append(method).append("(RangesTest.java:")
                .append(Sources.lineOf(RANGES_TEST, method.equals("hasAtLeast") ? "// HAS" : "// LAST")).append(")\n")
                .append("\tat org.junit.internal.runners.statements.FailOnTimeout$CallableStatement.call(FailOnTimeout.java:299)\n");
        return new TestFailure("com.acme.ranges.RangesTest#" + method, "com.acme.ranges.RangesTest", method, "error",
                "test timed out after 3000 milliseconds", trace.toString());
    }

    private static List<SuspiciousLocation> localise(TestFailure... failures) {
        return FaultLocaliser.standard().localise(project(), new LocalisationInput(List.of(failures), null, List.of(), 2), 40);
    }

    private static int rankOf(List<SuspiciousLocation> ranking, int line) {
        for (int i = 0; i < ranking.size(); i++) {
            if (ranking.get(i).line() == line) {
                return i;
            }
        }
        throw new AssertionError("line " + line + " not ranked: " + ranking);
    }

    @Test
    void aTimedOutTestRanksTheUpdatesOfTheLoopConditionsVariablesFirstNotTheSampledBackEdge() {
        List<SuspiciousLocation> ranking = localise(
                junit4Timeout("findsTheLast", "firstAtLeast(Ranges.java:" + line("// BACK-EDGE") + ")"),
                junit4Timeout("hasAtLeast", "firstAtLeast(Ranges.java:" + line("// BACK-EDGE") + ")",
                        "hasAtLeast(Ranges.java:" + line("// CALLER") + ")"));

        Set<Integer> topTwo = ranking.subList(0, 2).stream().map(SuspiciousLocation::line).collect(Collectors.toSet());
        assertEquals(Set.of(line("// BUG"), line("// OTHER-UPDATE")), topTwo, ranking.toString());
        assertTrue(rankOf(ranking, line("// HEADER")) < rankOf(ranking, line("// MID")), ranking.toString());
        assertTrue(rankOf(ranking, line("// TEST")) < rankOf(ranking, line("// RETURN")), "the loop's body before the code after it");
        assertTrue(rankOf(ranking, line("// HEADER")) < rankOf(ranking, line("// CALLER")),
                "the caller of a loop that does not end is less suspicious than the loop: " + ranking);
        assertTrue(ranking.getFirst().evidence().contains(StackTraceEvidence.NAME), ranking.getFirst().evidence());
    }

    @Test
    void aTimedOutTraceSampledInTheLoopsBodyStillPointsAtTheUpdatesNotAtTheSampledLine() {
        List<SuspiciousLocation> ranking = localise(
                junit4Timeout("findsTheLast", "firstAtLeast(Ranges.java:" + line("// MID") + ")"));

        Set<Integer> topTwo = ranking.subList(0, 2).stream().map(SuspiciousLocation::line).collect(Collectors.toSet());
        assertEquals(Set.of(line("// BUG"), line("// OTHER-UPDATE")), topTwo, ranking.toString());
    }

    @Test
    void anAssertionFailureInsideALoopStillRanksItsOwnFrameFirst() {
        TestFailure failure = new TestFailure("com.acme.ranges.RangesTest#findsTheLast", "com.acme.ranges.RangesTest",
                "findsTheLast", "error", "Index 4 out of bounds for length 4",
                "java.lang.ArrayIndexOutOfBoundsException: Index 4 out of bounds for length 4\n"
                        + "\tat com.acme.ranges.Ranges.firstAtLeast(Ranges.java:" + line("// TEST") + ")\n"
                        + "\tat com.acme.ranges.RangesTest.findsTheLast(RangesTest.java:"
                        + Sources.lineOf(RANGES_TEST, "// LAST") + ")\n");

        assertEquals(line("// TEST"), localise(failure).getFirst().line());
    }

    @Test
    void timeoutsAreToldByTheirExceptionOrMessage() {
        assertTrue(LoopingFrames.timedOut(junit4Timeout("findsTheLast")));
        assertTrue(LoopingFrames.timedOut(new TestFailure("a.BTest#c", "a.BTest", "c", "error",
                "c() timed out after 3 seconds", "java.util.concurrent.TimeoutException: c() timed out after 3 seconds\n")));
        assertTrue(LoopingFrames.timedOut(new TestFailure("a.BTest#c", "a.BTest", "c", "error",
                "the test timed out (killed at the per-test limit)", null)));
        assertFalse(LoopingFrames.timedOut(new TestFailure("a.BTest#c", "a.BTest", "c", "failure",
                "expected:<3> but was:<4>", "java.lang.AssertionError: expected:<3> but was:<4>\n")));
        assertFalse(LoopingFrames.timedOut(new TestFailure("a.BTest#c", "a.BTest", "c", "error", "connect timed out",
                "java.net.SocketTimeoutException: connect timed out\n\tat a.Client.fetch(Client.java:12)\n")));
        assertFalse(LoopingFrames.timedOut(new TestFailure("a.BTest#c", "a.BTest", "c", "failure",
                "expected the default timeout", "org.opentest4j.AssertionFailedError: expected the default timeout\n")));
    }
}
