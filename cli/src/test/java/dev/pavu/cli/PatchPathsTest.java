package dev.pavu.cli;

import dev.pavu.cli.CliException;
import dev.pavu.cli.git.PatchPaths;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatchPathsTest {

    /** A removed line that reads like a header ("--- a/x") must stay as it is: hunks are counted, not guessed. */
    static final String DIFF = """
            diff --git a/docs/a.md b/docs/a.md
            --- a/docs/a.md
            +++ b/docs/a.md
            @@ -1,2 +1,2 @@
            --- a/not-a-header
            +++ b/also-not-a-header
             kept
            --- /dev/null
            +++ b/src/New.java
            @@ -0,0 +1 @@
            +class New {}
            """;

    @Test
    void namesTheFilesAndMovesThemBelowAPrefix() {
        assertEquals(List.of("docs/a.md", "src/New.java"), PatchPaths.files(DIFF));
        String moved = PatchPaths.underPrefix(DIFF, "svc");
        assertTrue(moved.contains("diff --git a/svc/docs/a.md b/svc/docs/a.md\n--- a/svc/docs/a.md\n+++ b/svc/docs/a.md\n"), moved);
        assertTrue(moved.contains("\n--- a/not-a-header\n+++ b/also-not-a-header\n"), moved);
        assertTrue(moved.contains("--- /dev/null\n+++ b/svc/src/New.java\n"), moved);
        assertEquals(DIFF, PatchPaths.underPrefix(DIFF, ""));
    }

    @Test
    void refusesPathsThatLeaveTheProjectOrTouchGit() {
        for (String bad : List.of("../x", "a/../../x", "/etc/passwd", ".git/config", "src/.git/hooks/pre-commit")) {
            String diff = "--- a/" + bad + "\n+++ b/" + bad + "\n@@ -1 +1 @@\n-a\n+b\n";
            CliException e = assertThrows(CliException.class, () -> PatchPaths.files(diff), bad);
            assertTrue(e.getMessage().contains("outside the project or inside .git"), e.getMessage());
        }
    }
}
