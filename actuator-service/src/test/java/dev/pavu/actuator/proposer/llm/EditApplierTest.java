package dev.pavu.actuator.proposer.llm;

import dev.pavu.workspace.diff.UnifiedDiffs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EditApplierTest {

    static final String PATH = "src/main/java/demo/Stats.java";
    static final String STATS = String.join("\n", AnchorTest.FILE) + "\n";

    static SourceTree tree() {
        return SourceTree.of(Map.of(PATH, STATS, "src/test/java/demo/StatsTest.java", "class StatsTest {}\n"));
    }

    @Test
    void aSearchReplaceBlockWithWrongIndentationIsPlacedAndReIndented(@TempDir Path root) throws Exception {
        String answer = """
                Stats.java
                <<<<<<< SEARCH
                int total = 0;
                for (int i = 1; i < n; i++) {
                    total += i;
                }
                =======
                int total = 0;
                for (int i = 1; i <= n; i++) {
                    total += i;
                }
                >>>>>>> REPLACE
                """;
        EditApplier.Result r = EditApplier.apply(tree(), EditParser.parse(answer).edits(), List.of(PATH), Anchor.Settings.DEFAULT);
        assertNull(r.refusal());
        String revised = r.changes().revised().get(PATH);
        assertEquals(STATS.replace("        for (int i = 1; i < n; i++) {\n            total += i;",
                "        for (int i = 1; i <= n; i++) {\n            total += i;"), revised, "only the loop header changed, at its indentation");
        assertTrue(r.changes().notes().getFirst().contains("re-anchored at line 6 (whitespace)"), r.changes().notes().toString());

        // normalised into a git-style diff that the strict applier takes
        Files.createDirectories(root.resolve("src/main/java/demo"));
        Files.writeString(root.resolve(PATH), STATS);
        String diff = UnifiedDiffs.create(PATH, STATS, revised);
        assertTrue(diff.startsWith("diff --git a/" + PATH + " b/" + PATH + "\n--- a/" + PATH + "\n+++ b/" + PATH + "\n@@ -4,7 +4,7 @@"), diff);
        assertEquals(1, UnifiedDiffs.check(root, diff).hunks());
    }

    @Test
    void aDiffWithDriftedContextIsReAnchoredKeepingTheFilesOwnContextLines() {
        String answer = """
                --- a/src/main/java/demo/Stats.java
                +++ b/src/main/java/demo/Stats.java
                @@ -40,6 +40,6 @@
                     public static int sumTo(int count) {
                         int total = 0;
                -        for (int i = 1; i < n; i++) {
                +        for (int i = 1; i <= n; i++) {
                             total += i;
                         }
                """;
        EditApplier.Result r = EditApplier.apply(tree(), EditParser.parse(answer).edits(), List.of(PATH), Anchor.Settings.DEFAULT);
        assertNull(r.refusal());
        String revised = r.changes().revised().get(PATH);
        assertTrue(revised.contains("    public static int sumTo(int n) {"), "the drifted context line is not written back");
        assertTrue(revised.contains("for (int i = 1; i <= n; i++) {\n            total += i;"), revised);
        assertTrue(revised.contains("    public static int productTo(int n) {\n        int total = 1;\n        for (int i = 1; i < n; i++)"),
                "the other loop is untouched");
        assertTrue(r.changes().notes().getFirst().matches(".*re-anchored at line 5 \\(fuzzy \\d+%, the model said line 40\\).*"),
                r.changes().notes().toString());
    }

    @Test
    void ambiguousHunksTestFilesAndUnknownFilesAreRefused() {
        String ambiguous = """
                src/main/java/demo/Stats.java
                <<<<<<< SEARCH
                        for (int i = 1; i < n; i++) {
                =======
                        for (int i = 1; i <= n; i++) {
                >>>>>>> REPLACE
                """;
        EditApplier.Result r = EditApplier.apply(tree(), EditParser.parse(ambiguous).edits(), List.of(PATH), Anchor.Settings.DEFAULT);
        assertTrue(r.refusal().startsWith("hunk 1 of " + PATH + ": ambiguous"), r.refusal());

        String test = ambiguous.replace("src/main/java/demo/Stats.java", "src/test/java/demo/StatsTest.java");
        r = EditApplier.apply(tree(), EditParser.parse(test).edits(), List.of(PATH), Anchor.Settings.DEFAULT);
        assertTrue(r.refusal().contains("tests are not changed"), r.refusal());

        String missing = ambiguous.replace("src/main/java/demo/Stats.java", "src/main/java/demo/Nope.java");
        r = EditApplier.apply(tree(), EditParser.parse(missing).edits(), List.of(PATH), Anchor.Settings.DEFAULT);
        assertEquals("no such file in the repository: src/main/java/demo/Nope.java", r.refusal());

        String escape = ambiguous.replace("src/main/java/demo/Stats.java", "../etc/passwd");
        r = EditApplier.apply(tree(), EditParser.parse(escape).edits(), List.of(PATH), Anchor.Settings.DEFAULT);
        assertTrue(r.refusal().startsWith("unsafe path ../etc/passwd"), r.refusal());
    }

    @Test
    void twoHunksAreAppliedTogetherAndOverlapsRefused() {
        String answer = """
                src/main/java/demo/Stats.java
                <<<<<<< SEARCH
                    public static int sumTo(int n) {
                        int total = 0;
                =======
                    public static int sumTo(int n) {
                        int total = n - n;
                >>>>>>> REPLACE
                <<<<<<< SEARCH
                    public static int productTo(int n) {
                        int total = 1;
                =======
                    public static int productTo(int n) {
                        long total = 1;
                >>>>>>> REPLACE
                """;
        EditApplier.Result r = EditApplier.apply(tree(), EditParser.parse(answer).edits(), List.of(PATH), Anchor.Settings.DEFAULT);
        assertNull(r.refusal());
        assertTrue(r.changes().revised().get(PATH).contains("int total = n - n;") && r.changes().revised().get(PATH).contains("long total = 1;"));

        String overlapping = """
                src/main/java/demo/Stats.java
                <<<<<<< SEARCH
                    public static int sumTo(int n) {
                        int total = 0;
                =======
                    public static int sumTo(int n) {
                        int total = 5;
                >>>>>>> REPLACE
                <<<<<<< SEARCH
                        int total = 0;
                        for (int i = 1; i < n; i++) {
                =======
                        int total = 7;
                        for (int i = 1; i < n; i++) {
                >>>>>>> REPLACE
                """;
        r = EditApplier.apply(tree(), EditParser.parse(overlapping).edits(), List.of(PATH), Anchor.Settings.DEFAULT);
        assertTrue(r.refusal().startsWith("hunks 1 and 2 of " + PATH + " overlap"), r.refusal());
    }

    @Test
    void aMethodInAJavaBlockReplacesTheDeclarationOfTheSameSignature() {
        String answer = """
                The loop is the wrong algorithm; here is the method:
                ```java
                public static int sumTo(int n) {
                    // Gauss
                    return n * (n + 1) / 2;
                }

                private static int unused(int x) {
                    return x;
                }
                ```
                """;
        EditApplier.Result r = EditApplier.apply(tree(), EditParser.parse(answer).edits(), List.of(PATH), Anchor.Settings.DEFAULT);
        assertNull(r.refusal(), r.refusal());
        String revised = r.changes().revised().get(PATH);
        assertTrue(revised.contains("    public static int sumTo(int n) {\n        // Gauss\n        return n * (n + 1) / 2;\n    }\n\n"
                + "    private static int unused(int x) {\n        return x;\n    }\n\n    public static int productTo(int n) {"), revised);
        assertEquals("rewrote sumTo(int), new unused(int)", r.changes().notes().getFirst());
    }

    @Test
    void crlfFilesStayCrlf() {
        SourceTree crlf = SourceTree.of(Map.of(PATH, STATS.replace("\n", "\r\n")));
        String answer = "Stats.java\n<<<<<<< SEARCH\n        return total;\n    }\n\n    public static int productTo(int n) {\n"
                + "=======\n        return total + 0;\n    }\n\n    public static int productTo(int n) {\n>>>>>>> REPLACE\n";
        EditApplier.Result r = EditApplier.apply(crlf, EditParser.parse(answer).edits(), List.of(PATH), Anchor.Settings.DEFAULT);
        assertNull(r.refusal());
        assertEquals(STATS.replace("\n", "\r\n").replaceFirst("        return total;", "        return total + 0;"),
                r.changes().revised().get(PATH));
    }
}
