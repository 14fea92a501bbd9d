package dev.pavu.workspace.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pavu.workspace.diff.PatchRejectedException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPolicyTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} is refused with ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "/etc/passwd                | is absolute",
            "C:/Windows/win.ini         | drive letter",
            "~/.ssh/authorized_keys     | home directory",
            "../outside.txt             | '..' segment",
            "src/../../outside.txt      | '..' segment",
            ".git/hooks/pre-commit      | inside .git/",
            "sub/.GIT/config            | inside .git/",
            "src\\..\\x                 | backslash",
            "./                         | repository root",
    })
    void refusesHostilePathsInDiffs(String path, String expected) {
        String diff = "--- a/" + path + "\n+++ b/" + path + "\n@@ -1 +1 @@\n-a\n+b\n";
        if (path.startsWith("/")) {
            diff = "--- " + path + "\n+++ " + path + "\n@@ -1 +1 @@\n-a\n+b\n";
        }
        String d = diff;
        PatchRejectedException e = assertThrows(PatchRejectedException.class, () -> UnifiedDiffs.parse(d));
        assertEquals(Reason.UNSAFE_PATH, e.reason());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void refusesNulAndControlCharactersInPaths() {
        PatchRejectedException nul = assertThrows(PatchRejectedException.class, () -> PathPolicy.normalise("a\0b"));
        assertTrue(nul.getMessage().contains("NUL byte"), nul.getMessage());
        // a NUL spelled as a git quoted-path escape is decoded first and then refused
        PatchRejectedException quoted = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.parse("--- \"a/x\\000y\"\n+++ \"b/x\\000y\"\n@@ -1 +1 @@\n-a\n+b\n"));
        assertEquals(Reason.UNSAFE_PATH, quoted.reason());
        assertTrue(quoted.getMessage().contains("NUL byte"), quoted.getMessage());
        PatchRejectedException newline = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.parse("--- \"a/x\\ny\"\n+++ \"b/x\\ny\"\n@@ -1 +1 @@\n-a\n+b\n"));
        assertTrue(newline.getMessage().contains("control character"), newline.getMessage());
    }

    @Test
    void normalisesHarmlessSpellings() {
        assertEquals("src/A.java", PathPolicy.normalise("./src//A.java"));
        assertEquals("src/.gitignore", PathPolicy.normalise("src/.gitignore"));
        assertEquals(".github/workflows/ci.yml", PathPolicy.normalise(".github/workflows/ci.yml"));
    }

    @Test
    void refusesSymlinkTargetAndSymlinkedParent() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "a\n");
        Path root = Files.createDirectories(tmp.resolve("repo"));
        Files.createSymbolicLink(root.resolve("link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("linkdir"), outside);

        PatchRejectedException target = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.apply(root, "--- a/link.txt\n+++ b/link.txt\n@@ -1 +1 @@\n-a\n+pwned\n"));
        assertEquals(Reason.UNSAFE_PATH, target.reason());
        assertTrue(target.getMessage().contains("is a symbolic link"), target.getMessage());

        PatchRejectedException parent = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.apply(root, "--- a/linkdir/secret.txt\n+++ b/linkdir/secret.txt\n@@ -1 +1 @@\n-a\n+pwned\n"));
        assertTrue(parent.getMessage().contains("goes through the symbolic link 'linkdir'"), parent.getMessage());

        PatchRejectedException created = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.apply(root, "--- /dev/null\n+++ b/linkdir/new.txt\n@@ -0,0 +1 @@\n+pwned\n"));
        assertTrue(created.getMessage().contains("symbolic link"), created.getMessage());

        assertEquals("a\n", Files.readString(outside.resolve("secret.txt")));
        assertFalse(Files.exists(outside.resolve("new.txt")));
    }

    @Test
    void refusesDirectoryTargetsAndFilesAsParents() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("repo2"));
        Files.createDirectories(root.resolve("dir"));
        Files.writeString(root.resolve("file"), "x\n");
        PatchRejectedException dir = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.check(root, "--- a/dir\n+++ b/dir\n@@ -1 +1 @@\n-a\n+b\n"));
        assertTrue(dir.getMessage().contains("is a directory"), dir.getMessage());
        PatchRejectedException below = assertThrows(PatchRejectedException.class,
                () -> UnifiedDiffs.check(root, "--- /dev/null\n+++ b/file/child\n@@ -0,0 +1 @@\n+b\n"));
        assertTrue(below.getMessage().contains("which is a file"), below.getMessage());
    }

    @Test
    void resolveRefusesEscapeEvenForPathsThatSkippedNormalise() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("repo3")).toRealPath();
        PatchRejectedException e = assertThrows(PatchRejectedException.class, () -> PathPolicy.resolve(root, "a/../../x"));
        assertTrue(e.getMessage().contains("outside the repository root"), e.getMessage());
    }
}
