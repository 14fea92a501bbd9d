package dev.pavu.actuator.proposer.llm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnchorTest {

    static final List<String> FILE = List.of(
            "package demo;",                                    // 1
            "",                                                 // 2
            "public final class Stats {",                       // 3
            "",                                                 // 4
            "    public static int sumTo(int n) {",             // 5
            "        int total = 0;",                           // 6
            "        for (int i = 1; i < n; i++) {",            // 7
            "            total += i;",                          // 8
            "        }",                                        // 9
            "        return total;",                            // 10
            "    }",                                            // 11
            "",                                                 // 12
            "    public static int productTo(int n) {",         // 13
            "        int total = 1;",                           // 14
            "        for (int i = 1; i < n; i++) {",            // 15
            "            total *= i;",                          // 16
            "        }",                                        // 17
            "        return total;",                            // 18
            "    }",                                            // 19
            "}");                                               // 20

    private static Hunk hunk(int hint, String... lines) {
        return new Hunk(List.of(lines).stream().map(l -> new Hunk.Line(l.charAt(0), l.substring(1))).toList(), hint);
    }

    @Test
    void exactMatchAtTheNamedLineOrElsewhere() {
        Hunk h = hunk(6, "         int total = 0;", "-        for (int i = 1; i < n; i++) {", "+        for (int i = 1; i <= n; i++) {");
        assertEquals(new Anchor.Placed(5, "exact", 1), Anchor.locate(FILE, h, Anchor.Settings.DEFAULT));
        Hunk far = hunk(40, "         int total = 0;", "-        for (int i = 1; i < n; i++) {", "+x");
        assertEquals(new Anchor.Placed(5, "offset", 1), Anchor.locate(FILE, far, Anchor.Settings.DEFAULT));
    }

    @Test
    void indentationDriftIsAWhiteSpaceMatch() {
        Hunk h = hunk(0, " int total = 0;", "-for (int i = 1; i < n; i++) {", "+for (int i = 1; i <= n; i++) {");
        assertEquals(new Anchor.Placed(5, "whitespace", 1), Anchor.locate(FILE, h, Anchor.Settings.DEFAULT));
    }

    @Test
    void identicalBlocksAreAmbiguousUnlessTheNamedLinePicksOne() {
        Hunk noHint = hunk(0, "-        for (int i = 1; i < n; i++) {", "+        for (int i = 1; i <= n; i++) {");
        Anchor.Refused r = assertInstanceOf(Anchor.Refused.class, Anchor.locate(FILE, noHint, Anchor.Settings.DEFAULT));
        assertTrue(r.reason().startsWith("ambiguous") && r.reason().contains("7, 15"), r.reason());

        Hunk hinted = hunk(15, "-        for (int i = 1; i < n; i++) {", "+        for (int i = 1; i <= n; i++) {");
        assertEquals(new Anchor.Placed(14, "exact", 1), Anchor.locate(FILE, hinted, Anchor.Settings.DEFAULT));
    }

    @Test
    void drivenContextIsReAnchoredByFuzzyMatching() {
        // the model remembers a slightly different version of the method: names and spacing drifted
        Hunk h = hunk(30,
                "     public static int sumTo(int count) {",
                "         int total = 0;",
                "-        for (int i = 1; i < n; i++) {",
                "+        for (int i = 1; i <= n; i++) {",
                "             total += i;",
                "         }");
        Anchor.Placed p = assertInstanceOf(Anchor.Placed.class, Anchor.locate(FILE, h, Anchor.Settings.DEFAULT));
        assertEquals(4, p.start());
        assertEquals("fuzzy", p.how());
        assertTrue(p.score() > 0.9 && p.score() < 1, "score " + p.score());
    }

    @Test
    void aFuzzyMatchThatFitsTwoPlacesAboutEquallyIsRefused() {
        // "total" differs from both loops' bodies by one operator: sumTo's += and productTo's *= are equally far
        Hunk h = hunk(0,
                "         for (int i = 1; i < n; i++) {",
                "-            total -= i;",
                "+            total -= 2 * i;",
                "         }");
        Anchor.Refused r = assertInstanceOf(Anchor.Refused.class,
                Anchor.locate(FILE, h, new Anchor.Settings(0.85, 0.08, 0.8)));
        assertTrue(r.reason().startsWith("ambiguous: lines 7") && r.reason().contains("15"), r.reason());
    }

    @Test
    void weakMatchesAndWrongRemovedLinesAreRefusedWithTheirNumbers() {
        Hunk weak = hunk(0, " while (queue.isEmpty()) {", "-    queue.poll();", "+    queue.take();");
        Anchor.Refused r = assertInstanceOf(Anchor.Refused.class, Anchor.locate(FILE, weak, Anchor.Settings.DEFAULT));
        assertTrue(r.reason().startsWith("context not found") && r.reason().contains("needed"), r.reason());

        // the context fits well, but the removed line is not the file's line there: deleting it would be a guess
        List<String> file = List.of("    configure(settings);", "    connection.open(timeout);", "    session.begin(user);",
                "    audit.record(event);", "    connection.close(timeout);");
        Hunk wrongRemoved = hunk(0,
                "     configure(settings);",
                "-    scheduler.shutdownNow();",
                "+    scheduler.shutdown();",
                "     session.begin(user);",
                "     audit.record(event);");
        r = assertInstanceOf(Anchor.Refused.class, Anchor.locate(file, wrongRemoved, new Anchor.Settings(0.7, 0.08, 0.9)));
        assertTrue(r.reason().startsWith("the line to remove \"scheduler.shutdownNow();\" is only"), r.reason());
    }

    @Test
    void similarityIsOneMinusRelativeEditDistance() {
        assertEquals(1.0, Anchor.similarity("", ""));
        assertEquals(1.0, Anchor.similarity("abc", "abc"));
        assertEquals(2.0 / 3, Anchor.similarity("abc", "abd"), 1e-9);
        assertEquals(3, Anchor.levenshtein("kitten", "sitting"));
    }
}
