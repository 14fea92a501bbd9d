package dev.pavu.workspace.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pavu.workspace.diff.PatchRejectedException.Reason;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnifiedDiffsParseTest {

    static final String GIT_DIFF = """
            diff --git a/src/main/java/A.java b/src/main/java/A.java
            index 3b18e51..a2c4f0e 100644
            --- a/src/main/java/A.java
            +++ b/src/main/java/A.java
            @@ -1,4 +1,5 @@
             class A {
            -    int x = 1;
            +    int x = 2;
            +    int y = 3;
             
                 void f() {}
            @@ -10,2 +11,2 @@ class A {
            --- a comment that starts with dashes
            +-- a comment that starts with dashes
             }
            diff --git a/NEW.md b/NEW.md
            new file mode 100644
            index 0000000..e69de29
            --- /dev/null
            +++ b/NEW.md
            @@ -0,0 +1,2 @@
            +hello
            +world
            \\ No newline at end of file
            diff --git a/old.txt b/old.txt
            deleted file mode 100644
            --- a/old.txt
            +++ /dev/null
            @@ -1 +0,0 @@
            -bye
            """;

    @Test
    void parsesGitDiffIntoFilesHunksAndLines() {
        List<FilePatch> files = UnifiedDiffs.parse(GIT_DIFF);
        assertEquals(3, files.size());

        FilePatch a = files.get(0);
        assertEquals(ChangeKind.MODIFY, a.kind());
        assertEquals("src/main/java/A.java", a.oldPath());
        assertEquals("src/main/java/A.java", a.newPath());
        assertEquals(2, a.hunks().size());
        Hunk first = a.hunks().get(0);
        assertEquals(List.of(1, 4, 1, 5), List.of(first.oldStart(), first.oldCount(), first.newStart(), first.newCount()));
        assertEquals(List.of("class A {", "    int x = 1;", "", "    void f() {}"), first.oldLines());
        assertEquals(List.of("class A {", "    int x = 2;", "    int y = 3;", "", "    void f() {}"), first.newLines());
        // a removed line starting with "--" is read by count, not mistaken for a "---" header
        Hunk second = a.hunks().get(1);
        assertEquals(List.of("-- a comment that starts with dashes", "}"), second.oldLines());
        assertEquals(List.of("-- a comment that starts with dashes", "}"), second.newLines());
        assertEquals(3, a.addedLines());
        assertEquals(2, a.deletedLines());

        FilePatch added = files.get(1);
        assertEquals(ChangeKind.ADD, added.kind());
        assertNull(added.oldPath());
        assertEquals("NEW.md", added.path());
        assertTrue(added.hunks().get(0).newMissingNewline());
        assertFalse(added.hunks().get(0).oldMissingNewline());

        FilePatch deleted = files.get(2);
        assertEquals(ChangeKind.DELETE, deleted.kind());
        assertEquals("old.txt", deleted.path());
        assertNull(deleted.newPath());
        assertEquals(List.of("bye"), deleted.hunks().get(0).oldLines());
    }

    @Test
    void parsesPlainDiffWithTimestampsAndProseAround() {
        String diff = """
                Here is the fix:
                ```diff
                --- lib/util.py\t2024-01-01 10:00:00.000000000 +0100
                +++ lib/util.py\t2024-01-02 10:00:00.000000000 +0100
                @@ -2,3 +2,3 @@
                 a
                -b
                +c
                 d
                ```
                That should do it.
                """;
        List<FilePatch> files = UnifiedDiffs.parse(diff);
        assertEquals(1, files.size());
        assertEquals("lib/util.py", files.get(0).path());
        assertEquals(ChangeKind.MODIFY, files.get(0).kind());
        assertEquals(List.of("a", "b", "d"), files.get(0).hunks().get(0).oldLines());
    }

    @Test
    void readsCrlfTransportedDiffAndQuotedPaths() {
        String diff = "diff --git \"a/dir/sp ace\\303\\251.txt\" \"b/dir/sp ace\\303\\251.txt\"\r\n"
                + "--- \"a/dir/sp ace\\303\\251.txt\"\r\n"
                + "+++ \"b/dir/sp ace\\303\\251.txt\"\r\n"
                + "@@ -1 +1 @@\r\n-x\r\n+y\r\n";
        FilePatch fp = UnifiedDiffs.parse(diff).get(0);
        assertEquals("dir/sp aceé.txt", fp.path());
        assertEquals(List.of("x\r"), fp.hunks().get(0).oldLines(), "content keeps the \\r as written");
    }

    @Test
    void headerOnlySectionsFromGitForEmptyFiles() {
        String diff = """
                diff --git a/empty.txt b/empty.txt
                new file mode 100644
                index 0000000..e69de29
                diff --git a/gone b/gone
                deleted file mode 100644
                index e69de29..0000000
                """;
        List<FilePatch> files = UnifiedDiffs.parse(diff);
        assertEquals(ChangeKind.ADD, files.get(0).kind());
        assertEquals("empty.txt", files.get(0).path());
        assertTrue(files.get(0).hunks().isEmpty());
        assertEquals(ChangeKind.DELETE, files.get(1).kind());
        assertEquals("gone", files.get(1).path());
    }

    @Test
    void blankDiffIsAValidNoOp() {
        assertTrue(UnifiedDiffs.parse("").isEmpty());
        assertTrue(UnifiedDiffs.parse("  \n\n").isEmpty());
    }

    @Test
    void refusesTextWithoutFileHeaders() {
        PatchRejectedException e = assertThrows(PatchRejectedException.class, () -> UnifiedDiffs.parse("just some words\n"));
        assertEquals(Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("no file header"), e.getMessage());
    }

    @Test
    void refusesHunkWhoseHeaderDeclaresMoreLinesThanItHas() {
        String diff = "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n";
        PatchRejectedException e = assertThrows(PatchRejectedException.class, () -> UnifiedDiffs.parse(diff));
        assertEquals(Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("hunk #1") && e.getMessage().contains("cut short")
                && e.getMessage().contains("2 old and 2 new lines"), e.getMessage());
    }

    @Test
    void refusesHunkWithMoreLinesThanDeclared() {
        String diff = "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n d\n";
        PatchRejectedException e = assertThrows(PatchRejectedException.class, () -> UnifiedDiffs.parse(diff));
        assertTrue(e.getMessage().contains("more old lines than its header declares")
                || e.getMessage().contains("already has its"), e.getMessage());
    }

    @Test
    void refusesMalformedHunkHeaderAndOrphanHunk() {
        PatchRejectedException bad = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.parse("--- a/x\n+++ b/x\n@@ -a,b +c @@\n-x\n"));
        assertTrue(bad.getMessage().contains("malformed hunk header"), bad.getMessage());
        PatchRejectedException orphan = assertThrows(PatchRejectedException.class, () -> UnifiedDiffs.parse("@@ -1 +1 @@\n-a\n+b\n"));
        assertTrue(orphan.getMessage().contains("has no file header before it"), orphan.getMessage());
    }

    @Test
    void refusesBinaryPatches() {
        String gitBinary = """
                diff --git a/logo.png b/logo.png
                new file mode 100644
                index 0000000..1234567
                GIT binary patch
                literal 10
                RcmZ?wbhEHbRA6LO0009C0RR91
                
                """;
        PatchRejectedException e = assertThrows(PatchRejectedException.class, () -> UnifiedDiffs.parse(gitBinary));
        assertEquals(Reason.BINARY, e.reason());
        assertTrue(e.getMessage().contains("binary patches are not supported"), e.getMessage());

        PatchRejectedException differ = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.parse("diff --git a/a.bin b/a.bin\nindex 1..2 100644\nBinary files a/a.bin and b/a.bin differ\n"));
        assertEquals(Reason.BINARY, differ.reason());

        PatchRejectedException nul = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.parse("--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\0c\n"));
        assertEquals(Reason.BINARY, nul.reason());
        assertTrue(nul.getMessage().contains("NUL byte at line 5"), nul.getMessage());
    }

    @Test
    void refusesRenames() {
        PatchRejectedException e = assertThrows(PatchRejectedException.class, () -> UnifiedDiffs.parse("""
                diff --git a/a.txt b/b.txt
                similarity index 100%
                rename from a.txt
                rename to b.txt
                """));
        assertEquals(Reason.UNSUPPORTED, e.reason());
        assertTrue(e.getMessage().contains("deletion of the old file plus a new file"), e.getMessage());
        PatchRejectedException plain = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.parse("--- a/a.txt\n+++ b/b.txt\n@@ -1 +1 @@\n-a\n+b\n"));
        assertEquals(Reason.UNSUPPORTED, plain.reason());
    }

    @Test
    void refusesNewFileWithOldLinesAndChangesOutsideHunks() {
        PatchRejectedException e = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.parse("--- /dev/null\n+++ b/n.txt\n@@ -1,1 +1,1 @@\n-a\n+b\n"));
        assertTrue(e.getMessage().contains("new file n.txt has old lines"), e.getMessage());
        PatchRejectedException stray = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.parse("diff --git a/x b/x\nnew file mode 100644\n+line without hunk\n"));
        assertTrue(stray.getMessage().contains("is not inside a hunk"), stray.getMessage());
    }

    @Test
    void noNewlineMarkerOnOldSideThenNewLinesIsValid() {
        String diff = "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n";
        Hunk h = UnifiedDiffs.parse(diff).get(0).hunks().get(0);
        assertTrue(h.oldMissingNewline());
        assertFalse(h.newMissingNewline());
        PatchRejectedException e = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.parse("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n\\ No newline at end of file\n-b\n+b\n"));
        assertTrue(e.getMessage().contains("marker"), e.getMessage());
    }

    /** Truncations and random byte-level mutations of valid diffs are either parsed or refused with our exception. */
    @Test
    void fuzzedDiffsFailOnlyWithPatchRejectedException() {
        Random random = new Random(42);
        String base = GIT_DIFF;
        String alphabet = "-+ @\\\n\r/.0123456789,abdgit\t\"";
        int refused = 0;
        for (int round = 0; round < 3000; round++) {
            StringBuilder s = new StringBuilder(base);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(4)) {
                    case 0 -> s.setLength(at);
                    case 1 -> s.deleteCharAt(at);
                    case 2 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
                if (s.isEmpty()) {
                    break;
                }
            }
            try {
                List<FilePatch> files = UnifiedDiffs.parse(s.toString());
                for (FilePatch fp : files) {
                    for (Hunk h : fp.hunks()) {
                        assertEquals(h.oldCount(), h.oldLines().size(), "parsed hunks agree with their headers");
                        assertEquals(h.newCount(), h.newLines().size());
                    }
                }
            } catch (PatchRejectedException expected) {
                refused++;
                assertFalse(expected.getMessage().isBlank());
            }
        }
        assertTrue(refused > 500, "most mutations are refused, got " + refused);
    }
}
