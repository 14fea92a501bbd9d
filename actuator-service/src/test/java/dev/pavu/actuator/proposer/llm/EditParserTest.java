package dev.pavu.actuator.proposer.llm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EditParserTest {

    @Test
    void fencesAreStrippedAndTheirBlocksRead() {
        String answer = """
                Here is the fix:

                ```diff
                --- a/src/A.java
                +++ b/src/A.java
                ```

                and some code
                ~~~java
                int x = 1;
                ~~~
                """;
        assertEquals("Here is the fix:\n\n--- a/src/A.java\n+++ b/src/A.java\n\nand some code\nint x = 1;\n",
                Fences.strip(answer));
        List<Fences.Block> blocks = Fences.blocks(answer);
        assertEquals(2, blocks.size());
        assertEquals("diff", blocks.get(0).language());
        assertEquals("--- a/src/A.java\n+++ b/src/A.java", blocks.get(0).content());
        assertEquals("java", blocks.get(1).language());
        assertEquals("int x = 1;", blocks.get(1).content());
    }

    @Test
    void searchReplaceBlocksWithPathLinesInSeveralSpellings() {
        String answer = """
                I will fix the loop.

                **src/main/java/demo/Stats.java**
                ```java
                <<<<<<< SEARCH
                        for (int i = 1; i < n; i++) {
                =======
                        for (int i = 1; i <= n; i++) {
                >>>>>>> REPLACE
                ```

                <<<<<<< SEARCH
                        return total;
                =======
                        return total + 0;
                >>>>>>> REPLACE

                `src/main/java/demo/Other.java`:
                <<<<<<< SEARCH
                a
                b
                c
                =======
                a
                B
                c
                >>>>>>> REPLACE
                """;
        EditParser.Parsed p = EditParser.parse(answer);
        assertEquals(List.of(), p.problems());
        assertEquals(2, p.edits().size());
        FileEdit.Hunks stats = assertInstanceOf(FileEdit.Hunks.class, p.edits().get(0));
        assertEquals("src/main/java/demo/Stats.java", stats.path());
        assertEquals("search/replace", stats.format());
        assertEquals(2, stats.hunks().size(), "the block without a path line takes the previous block's path");
        assertEquals(List.of("        for (int i = 1; i < n; i++) {"), stats.hunks().get(0).oldLines());
        assertEquals(List.of("        for (int i = 1; i <= n; i++) {"), stats.hunks().get(0).newLines());
        FileEdit.Hunks other = assertInstanceOf(FileEdit.Hunks.class, p.edits().get(1));
        assertEquals("src/main/java/demo/Other.java", other.path());
        // the lines both sides share are context: only b is replaced
        assertEquals(List.of(new Hunk.Line(' ', "a"), new Hunk.Line('-', "b"), new Hunk.Line('+', "B"), new Hunk.Line(' ', "c")),
                other.hunks().getFirst().lines());
    }

    @Test
    void anEmptySearchCreatesAFileAndABlockWithoutAPathIsAProblem() {
        EditParser.Parsed p = EditParser.parse("""
                <<<<<<< SEARCH
                x
                =======
                y
                >>>>>>> REPLACE
                src/main/java/demo/New.java
                <<<<<<< SEARCH
                =======
                class New {}
                >>>>>>> REPLACE
                """);
        assertEquals(1, p.edits().size());
        FileEdit.Create c = assertInstanceOf(FileEdit.Create.class, p.edits().getFirst());
        assertEquals("src/main/java/demo/New.java", c.path());
        assertEquals("class New {}\n", c.content());
        assertTrue(p.problems().getFirst().contains("no file path line"), p.problems().toString());
    }

    @Test
    void unifiedDiffInAFenceWithWrongCountsNoLineNumbersAndBareBlankContext() {
        String answer = """
                The loop bound is off by one.
                ```diff
                --- a/src/main/java/demo/Stats.java
                +++ b/src/main/java/demo/Stats.java
                @@ -9,2 +9,99 @@ public static int sumTo(int n) {
                         int total = 0;
                -        for (int i = 1; i < n; i++) {
                +        for (int i = 1; i <= n; i++) {

                             total += i;
                @@ @@
                -    return total;
                +    return total; // sum
                ```
                - this bullet is prose, outside the fence
                """;
        EditParser.Parsed p = EditParser.parse(answer);
        assertEquals(List.of(), p.problems());
        FileEdit.Hunks h = assertInstanceOf(FileEdit.Hunks.class, p.edits().getFirst());
        assertEquals("src/main/java/demo/Stats.java", h.path());
        assertEquals(2, h.hunks().size());
        Hunk first = h.hunks().getFirst();
        assertEquals(9, first.hintLine());
        assertEquals(List.of("        int total = 0;", "        for (int i = 1; i < n; i++) {", "", "            total += i;"),
                first.oldLines(), "a blank line inside a hunk is an empty context line");
        assertEquals("@@ -9,4 +9,4 @@", first.header(9, 9), "counts recounted from the body");
        assertEquals(0, h.hunks().get(1).hintLine(), "a header without numbers");
    }

    @Test
    void repairHeadersRecountsEveryHunk() {
        String broken = """
                --- a/A.java
                +++ b/A.java
                @@ -3,7 +3,2 @@
                 a
                -b
                +B
                +B2
                 c
                @@ -10 +10 @@
                 x
                -y
                """;
        assertEquals("""
                --- a/A.java
                +++ b/A.java
                @@ -3,3 +3,4 @@
                 a
                -b
                +B
                +B2
                 c
                @@ -10,2 +11,1 @@
                 x
                -y
                """, EditParser.repairHeaders(broken));
    }

    @Test
    void aDiffThatDeletesAFileIsRefusedAndJavaCodeIsTheLastResort() {
        EditParser.Parsed del = EditParser.parse("--- a/src/A.java\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-class A {}\n");
        assertTrue(del.edits().isEmpty());
        assertTrue(del.problems().getFirst().contains("deleting files is not accepted"), del.problems().toString());

        EditParser.Parsed code = EditParser.parse("Old:\n```java\nint f() { return 1; }\n```\nNew:\n```java\nint f() { return 2; }\n```\n");
        FileEdit.JavaCode j = assertInstanceOf(FileEdit.JavaCode.class, code.edits().getFirst());
        assertEquals("int f() { return 2; }", j.code(), "the last block is the answer");
        assertNull(j.path());

        EditParser.Parsed none = EditParser.parse("I think the bug is in the loop.");
        assertTrue(none.edits().isEmpty());
        assertTrue(none.problems().getFirst().contains("no SEARCH/REPLACE block"), none.problems().toString());
    }

    @Test
    void pathLinesAreCleaned() {
        assertEquals("src/A.java", EditParser.cleanPath("**src/A.java**"));
        assertEquals("src/A.java", EditParser.cleanPath("`src/A.java`:"));
        assertEquals("src/A.java", EditParser.cleanPath("File: src/A.java"));
        assertEquals("A.java", EditParser.cleanPath("### A.java"));
        assertNull(EditParser.cleanPath("Here is the change"));
    }
}
