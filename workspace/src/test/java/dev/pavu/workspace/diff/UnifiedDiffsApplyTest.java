package dev.pavu.workspace.diff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pavu.workspace.diff.PatchRejectedException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnifiedDiffsApplyTest {

    @TempDir
    Path root;

    private void write(String path, String content) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private String read(String path) throws IOException {
        return Files.readString(root.resolve(path));
    }

    @Test
    void createThenApplyRoundTripsEdits() throws IOException {
        String before = "package a;\n\nclass A {\n    int f() {\n        return 1;\n    }\n}\n";
        String after = "package a;\n\nclass A {\n    int f() {\n        return 2;\n    }\n\n    int g() { return 3; }\n}\n";
        write("src/A.java", before);
        String diff = UnifiedDiffs.create("src/A.java", before, after);
        assertTrue(diff.startsWith("diff --git a/src/A.java b/src/A.java\n--- a/src/A.java\n+++ b/src/A.java\n@@ -2,6 +2,8 @@\n"), diff);

        ApplyResult checked = UnifiedDiffs.check(root, diff);
        assertEquals(List.of("src/A.java"), checked.changedFiles());
        assertEquals(before, read("src/A.java"), "check writes nothing");

        ApplyResult applied = UnifiedDiffs.apply(root, diff);
        assertEquals(new ApplyResult(List.of("src/A.java"), 1), applied);
        assertEquals(after, read("src/A.java"));
    }

    @Test
    void createReturnsEmptyForEqualContent() {
        assertEquals("", UnifiedDiffs.create("x.txt", "same\n", "same\n"));
        assertEquals("", UnifiedDiffs.create("x.txt", null, null));
    }

    /** Random texts and random line edits: create → apply gives exactly the revised text. */
    @Test
    void randomRoundTrips() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            String eol = random.nextInt(4) == 0 ? "\r\n" : "\n";
            List<String> lines = new ArrayList<>();
            int n = random.nextInt(40);
            for (int k = 0; k < n; k++) {
                lines.add(random.nextInt(5) == 0 ? "" : "line " + random.nextInt(12));
            }
            List<String> edited = new ArrayList<>(lines);
            int edits = random.nextInt(6);
            for (int e = 0; e < edits; e++) {
                int op = random.nextInt(3);
                if (op == 0 || edited.isEmpty()) {
                    edited.add(random.nextInt(edited.size() + 1), "new " + random.nextInt(1000));
                } else if (op == 1) {
                    edited.remove(random.nextInt(edited.size()));
                } else {
                    edited.set(random.nextInt(edited.size()), "changed " + random.nextInt(1000));
                }
            }
            String before = join(lines, eol, random.nextBoolean());
            String after = join(edited, eol, random.nextBoolean());
            String name = "f" + round + ".txt";
            write(name, before);
            String diff = UnifiedDiffs.create(name, before, after);
            if (before.equals(after)) {
                assertEquals("", diff);
                continue;
            }
            UnifiedDiffs.apply(root, diff);
            assertEquals(after, read(name), "round " + round + "\n" + diff);
        }
    }

    private static String join(List<String> lines, String eol, boolean finalNewline) {
        if (lines.isEmpty()) {
            return "";
        }
        String text = String.join(eol, lines);
        return finalNewline ? text + eol : text;
    }

    @Test
    void newAndDeletedFiles() throws IOException {
        write("old/gone.txt", "bye\nbye\n");
        String diff = UnifiedDiffs.create("pkg/deep/New.java", null, "class New {}\n")
                + UnifiedDiffs.create("old/gone.txt", "bye\nbye\n", null);
        assertTrue(diff.contains("new file mode 100644\n--- /dev/null\n+++ b/pkg/deep/New.java\n@@ -0,0 +1,1 @@\n+class New {}\n"), diff);
        assertTrue(diff.contains("deleted file mode 100644\n--- a/old/gone.txt\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-bye\n-bye\n"), diff);

        ApplyResult result = UnifiedDiffs.apply(root, diff);
        assertEquals(List.of("pkg/deep/New.java", "old/gone.txt"), result.changedFiles());
        assertEquals("class New {}\n", read("pkg/deep/New.java"));
        assertFalse(Files.exists(root.resolve("old/gone.txt")));
        assertFalse(Files.exists(root.resolve("old")), "a directory emptied by a deletion is removed");
    }

    @Test
    void emptyNewFileAndNewFileWithoutFinalNewline() throws IOException {
        UnifiedDiffs.apply(root, UnifiedDiffs.create("empty.txt", null, ""));
        assertEquals("", read("empty.txt"));
        UnifiedDiffs.apply(root, UnifiedDiffs.create("nonl.txt", null, "a\nb"));
        assertEquals("a\nb", read("nonl.txt"));
    }

    @Test
    void newFileWrittenAsAModificationIsAccepted() throws IOException {
        ApplyResult r = UnifiedDiffs.apply(root, "--- a/docs/NEW.md\n+++ b/docs/NEW.md\n@@ -0,0 +1,2 @@\n+# New\n+text\n");
        assertEquals(List.of("docs/NEW.md"), r.changedFiles());
        assertEquals("# New\ntext\n", read("docs/NEW.md"));
    }

    @Test
    void refusesCreatingAnExistingFileAndChangingAMissingOne() throws IOException {
        write("here.txt", "x\n");
        PatchRejectedException exists = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.check(root, UnifiedDiffs.create("here.txt", null, "y\n")));
        assertEquals(Reason.DOES_NOT_APPLY, exists.reason());
        assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
        PatchRejectedException missing = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.check(root, UnifiedDiffs.create("missing.txt", "a\n", "b\n")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        PatchRejectedException deleteMissing = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.check(root, UnifiedDiffs.create("missing.txt", "a\n", null)));
        assertTrue(deleteMissing.getMessage().contains("cannot delete missing.txt"), deleteMissing.getMessage());
    }

    @Test
    void allOrNothingWhenALaterFileDoesNotApply() throws IOException {
        write("a.txt", "one\ntwo\nthree\n");
        write("b.txt", "alpha\nbeta\n");
        String diff = UnifiedDiffs.create("a.txt", "one\ntwo\nthree\n", "one\n2\nthree\n")
                + UnifiedDiffs.create("new/c.txt", null, "c\n")
                + UnifiedDiffs.create("b.txt", "alpha\nGAMMA\n", "alpha\ndelta\n");
        PatchRejectedException e = assertThrows(PatchRejectedException.class, () -> UnifiedDiffs.apply(root, diff));
        assertEquals(Reason.DOES_NOT_APPLY, e.reason());
        assertEquals("b.txt", e.path());
        assertTrue(e.getMessage().contains("hunk #1 @@ -1,2 +1,2 @@ of b.txt does not apply: line 2 should be `GAMMA` but is `beta`"),
                e.getMessage());
        assertEquals("one\ntwo\nthree\n", read("a.txt"));
        assertEquals("alpha\nbeta\n", read("b.txt"));
        assertFalse(Files.exists(root.resolve("new")), "no directory is created either");
    }

    @Test
    void allOrNothingWhenWritingFails() throws IOException {
        write("a.txt", "a\n");
        Path locked = Files.createDirectories(root.resolve("locked"));
        Files.writeString(locked.resolve("b.txt"), "b\n");
        String diff = UnifiedDiffs.create("a.txt", "a\n", "A\n") + UnifiedDiffs.create("locked/b.txt", "b\n", "B\n");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            if (Files.isWritable(locked)) {
                return; // running as root: permissions do not stop writes, nothing to test
            }
            PatchRejectedException e = assertThrows(PatchRejectedException.class, () -> UnifiedDiffs.apply(root, diff));
            assertEquals(Reason.IO, e.reason());
            assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
            assertEquals("a\n", read("a.txt"));
            assertEquals("b\n", Files.readString(locked.resolve("b.txt")));
            try (var files = Files.list(root)) {
                assertEquals(List.of("a.txt", "locked"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                        "no temporary or backup files are left");
            }
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void allOrNothingWhenTheCommitFailsHalfWay() throws IOException {
        write("a.txt", "a\n");
        write("b.txt", "b\n");
        write("c.txt", "c\n");
        String diff = UnifiedDiffs.create("a.txt", "a\n", "A\n") + UnifiedDiffs.create("n/new.txt", null, "new\n")
                + UnifiedDiffs.create("b.txt", "b\n", null) + UnifiedDiffs.create("c.txt", "c\n", "C\n");
        for (int failAt = 1; failAt <= 6; failAt++) {
            int[] calls = {0};
            int limit = failAt;
            PatchApplier.Mover failing = (from, to) -> {
                if (++calls[0] == limit) {
                    throw new IOException("disk full (simulated)");
                }
                PatchApplier.ATOMIC.move(from, to);
            };
            PatchRejectedException e = assertThrows(PatchRejectedException.class, () -> PatchApplier.run(root, diff, true, failing));
            assertEquals(Reason.IO, e.reason());
            assertTrue(e.getMessage().contains("disk full (simulated)"), e.getMessage());
            assertEquals("a\n", read("a.txt"), "after failure at move " + failAt);
            assertEquals("b\n", read("b.txt"));
            assertEquals("c\n", read("c.txt"));
            try (var files = Files.list(root)) {
                assertEquals(List.of("a.txt", "b.txt", "c.txt"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                        "no new, temporary or backup file is left after failure at move " + failAt);
            }
        }
        UnifiedDiffs.apply(root, diff);
        assertEquals("A\n", read("a.txt"));
        assertEquals("new\n", read("n/new.txt"));
        assertFalse(Files.exists(root.resolve("b.txt")));
    }

    @Test
    void crlfFileKeepsCrlfWithLfDiffAndWithCrlfDiff() throws IOException {
        String crlf = "a\r\nb\r\nc\r\n";
        write("w.txt", crlf);
        // a diff written with LF only (as a model would write it)
        UnifiedDiffs.apply(root, "--- a/w.txt\n+++ b/w.txt\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n+b2\n c\n");
        assertEquals("a\r\nB\r\nb2\r\nc\r\n", read("w.txt"));
        // a diff made from the CRLF text itself (git style: \r stays in the lines)
        String diff = UnifiedDiffs.create("w.txt", "a\r\nB\r\nb2\r\nc\r\n", "a\r\nB\r\nc\r\n");
        assertTrue(diff.contains("-b2\r\n"), diff);
        UnifiedDiffs.apply(root, diff);
        assertEquals("a\r\nB\r\nc\r\n", read("w.txt"));
        // the same diff transported with CRLF everywhere still applies
        write("w2.txt", "x\r\ny\r\n");
        UnifiedDiffs.apply(root, "--- a/w2.txt\r\n+++ b/w2.txt\r\n@@ -1,2 +1,2 @@\r\n x\r\n-y\r\n+z\r\n");
        assertEquals("x\r\nz\r\n", read("w2.txt"));
    }

    @Test
    void mixedLineEndingsKeepTheirTerminators() throws IOException {
        write("m.txt", "a\r\nb\nc\r\nd\n");
        UnifiedDiffs.apply(root, "--- a/m.txt\n+++ b/m.txt\n@@ -2,2 +2,2 @@\n b\n-c\n+C\n");
        // "b\n" and "d\n" keep LF, "a\r\n" keeps CRLF; the new line gets the dominant one (a tie goes to LF)
        assertEquals("a\r\nb\nC\nd\n", read("m.txt"));
    }

    @Test
    void missingFinalNewlineIsKeptUnlessTheDiffChangesIt() throws IOException {
        write("n.txt", "1\n2\n3\n4\n5\n6\n7\n8\n9");
        UnifiedDiffs.apply(root, "--- a/n.txt\n+++ b/n.txt\n@@ -1,3 +1,3 @@\n-1\n+one\n 2\n 3\n");
        assertEquals("one\n2\n3\n4\n5\n6\n7\n8\n9", read("n.txt"));
        // a hunk at the end written without markers (as models do) keeps the file's missing newline
        UnifiedDiffs.apply(root, "--- a/n.txt\n+++ b/n.txt\n@@ -8,2 +8,3 @@\n 8\n 9\n+10\n");
        assertEquals("one\n2\n3\n4\n5\n6\n7\n8\n9\n10", read("n.txt"));
        // git's markers add the final newline …
        UnifiedDiffs.apply(root, UnifiedDiffs.create("n.txt", "one\n2\n3\n4\n5\n6\n7\n8\n9\n10", "one\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"));
        assertEquals("one\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", read("n.txt"));
        // … and take it away
        UnifiedDiffs.apply(root, UnifiedDiffs.create("n.txt", "one\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "one\n2\n3\n4\n5\n6\n7\n8\n9\n10"));
        assertEquals("one\n2\n3\n4\n5\n6\n7\n8\n9\n10", read("n.txt"));
    }

    @Test
    void hunksApplyAtAnOffsetButNeverWithChangedContext() throws IOException {
        write("o.txt", "h1\nh2\nh3\na\nb\nc\nd\n");
        UnifiedDiffs.apply(root, "--- a/o.txt\n+++ b/o.txt\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
        assertEquals("h1\nh2\nh3\na\nB\nc\nd\n", read("o.txt"));
        PatchRejectedException e = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.apply(root, "--- a/o.txt\n+++ b/o.txt\n@@ -4,3 +4,3 @@\n a\n-B\n+b\n  c\n"));
        assertTrue(e.getMessage().contains("line 6 should be ` c` but is `c`")
                && e.getMessage().contains("keep the file's indentation exactly"), e.getMessage());
    }

    @Test
    void keepsBomCharsetAndPermissions() throws IOException {
        byte[] latin1 = "caf\u00e9\nx\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(root.resolve("l1.txt"), latin1);
        UnifiedDiffs.apply(root, "--- a/l1.txt\n+++ b/l1.txt\n@@ -2 +2 @@\n-x\n+y\n");
        assertArrayEquals("caf\u00e9\ny\n".getBytes(StandardCharsets.ISO_8859_1), Files.readAllBytes(root.resolve("l1.txt")));

        Files.write(root.resolve("bom.txt"), "\uFEFFfirst\nsecond\n".getBytes(StandardCharsets.UTF_8));
        UnifiedDiffs.apply(root, "--- a/bom.txt\n+++ b/bom.txt\n@@ -1,2 +1,2 @@\n-first\n+FIRST\n second\n");
        assertArrayEquals("\uFEFFFIRST\nsecond\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(root.resolve("bom.txt")));

        write("run.sh", "echo a\n");
        Files.setPosixFilePermissions(root.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        UnifiedDiffs.apply(root, UnifiedDiffs.create("run.sh", "echo a\n", "echo b\n"));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("run.sh"))));
    }

    @Test
    void refusesToPatchBinaryFiles() throws IOException {
        Files.write(root.resolve("b.dat"), new byte[] {'a', 0, 'b', '\n'});
        PatchRejectedException e = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.check(root, "--- a/b.dat\n+++ b/b.dat\n@@ -1 +1 @@\n-a\n+b\n"));
        assertEquals(Reason.BINARY, e.reason());
    }

    @Test
    void emptyDiffChangesNothing() throws IOException {
        write("x.txt", "x\n");
        assertEquals(ApplyResult.empty(), UnifiedDiffs.apply(root, ""));
        assertEquals(ApplyResult.empty(), UnifiedDiffs.check(root, "\n"));
        assertEquals("x\n", read("x.txt"));
    }

    @Test
    void twoSectionsForTheSameFileApplyInOrder() throws IOException {
        write("s.txt", "a\nb\nc\n");
        String diff = UnifiedDiffs.create("s.txt", "a\nb\nc\n", "A\nb\nc\n") + UnifiedDiffs.create("s.txt", "A\nb\nc\n", "A\nb\nC\n");
        ApplyResult r = UnifiedDiffs.apply(root, diff);
        assertEquals(List.of("s.txt"), r.changedFiles());
        assertEquals(2, r.hunks());
        assertEquals("A\nb\nC\n", read("s.txt"));
    }

    @Test
    void hashIgnoresLineEndingsTrailingWhitespaceAndIndexLines() {
        String a = "diff --git a/x b/x\nindex 111..222 100644\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n";
        String b = "--- a/x  \r\n+++ b/x\r\n@@ -1 +1 @@\r\n-a\r\n+b \r\n\r\n";
        assertEquals(UnifiedDiffs.hash(a), UnifiedDiffs.hash(b));
        assertEquals(64, UnifiedDiffs.hash(a).length());
        assertTrue(UnifiedDiffs.hash(a).matches("[0-9a-f]{64}"));
        assertFalse(UnifiedDiffs.hash(a).equals(UnifiedDiffs.hash(a.replace("+b", "+c"))));
    }

    /** Hundreds of candidates must be cheap to check: no process is spawned, everything is in memory. */
    @Test
    void checkingManyCandidatesIsFast() throws IOException {
        StringBuilder big = new StringBuilder();
        for (int k = 0; k < 2000; k++) {
            big.append("    statement").append(k).append(";\n");
        }
        String before = big.toString();
        write("Big.java", before);
        List<String> candidates = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            candidates.add(UnifiedDiffs.create("Big.java", before, before.replace("statement" + (k * 6) + ";", "changed" + k + ";")));
        }
        long start = System.nanoTime();
        for (String c : candidates) {
            assertEquals(1, UnifiedDiffs.check(root, c).hunks());
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms < 5000, "300 checks took " + ms + " ms");
    }

    /** Our diffs are real git diffs: git itself applies them (skipped when git is not installed). */
    @Test
    void gitAppliesCreatedDiffs() throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
        } catch (IOException noGit) {
            return;
        }
        if (probe.waitFor() != 0) {
            return;
        }
        write("g/a.txt", "1\n2\n3");
        write("g/del.txt", "d\n");
        String diff = UnifiedDiffs.create("g/a.txt", "1\n2\n3", "1\ntwo\n3\n")
                + UnifiedDiffs.create("g/new.txt", null, "n\r\nm\r\n")
                + UnifiedDiffs.create("g/del.txt", "d\n", null);
        Path patch = Files.writeString(root.resolve("p.diff"), diff);
        Process git = new ProcessBuilder("git", "apply", "--check", "-v", patch.toString()).directory(root.toFile())
                .redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, git.waitFor(), out);
    }
}
