package dev.pavu.verifier.fast;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classpath file the hostile build writes: only existing paths inside the workspace or the local repository,
 * normalised and with links resolved, are accepted; {@code /}, {@code /root}, {@code ..} tricks, relative paths,
 * missing files and links out are refused and reported.
 */
class ClasspathFileTest {

    @TempDir
    Path tmp;

    @Test
    void onlyTheWorkspaceAndTheRepositoryAreAccepted() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("base"));
        Path classes = Files.createDirectories(ws.resolve("target/classes"));
        Path repo = Files.createDirectories(tmp.resolve("m2/repository"));
        Path jar = Files.writeString(Files.createDirectories(repo.resolve("org/x/x/1")).resolve("x-1.jar"), "jar");
        Path outside = Files.writeString(tmp.resolve("secret.txt"), "secret");
        Path linkOut = Files.createSymbolicLink(repo.resolve("org/x/x/1/evil.jar"), Path.of("/etc"));
        Path linkOut2 = Files.createSymbolicLink(ws.resolve("target/evil"), outside);
        Path linkIn = Files.createSymbolicLink(ws.resolve("target/alias.jar"), jar);
        List<String> entries = List.of(jar.toString(), classes.toString(), "/", "/root", ws + "/../secret.txt", linkOut.toString(),
                linkOut2.toString(), "relative.jar", repo.resolve("missing.jar").toString(), repo.toString(), linkIn.toString(), "  ");
        Path file = Files.writeString(ws.resolve("target/pavu-test-classpath.txt"), String.join(File.pathSeparator, entries) + "\n");

        ClasspathFile.Read r = ClasspathFile.read(file, ws, repo);

        assertEquals(List.of(jar.toRealPath(), classes.toRealPath(), jar.toRealPath()), r.entries());
        List<String> refused = r.refused();
        assertEquals(8, refused.size(), refused.toString());
        assertEquals("'/' is outside the workspace and the local Maven repository", refused.get(0));
        assertEquals("'/root' is outside the workspace and the local Maven repository", refused.get(1));
        assertEquals("'" + ws + "/../secret.txt' is outside the workspace and the local Maven repository", refused.get(2));
        assertTrue(refused.get(3).startsWith("'" + linkOut + "' leads through a symbolic link to /etc"), refused.get(3));
        assertTrue(refused.get(4).startsWith("'" + linkOut2 + "' leads through a symbolic link to " + outside.toRealPath()), refused.get(4));
        assertEquals("'relative.jar' is not absolute", refused.get(5));
        assertEquals("'" + repo.resolve("missing.jar") + "' does not exist", refused.get(6));
        assertEquals("'" + repo + "' is the whole workspace or repository", refused.get(7));
    }

    @Test
    void aLinkInsteadOfTheFileIsRefused() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("base"));
        Path target = Files.writeString(tmp.resolve("elsewhere.txt"), "/");
        Path file = Files.createSymbolicLink(Files.createDirectories(ws.resolve("target")).resolve("pavu-test-classpath.txt"), target);
        IOException e = assertThrows(IOException.class, () -> ClasspathFile.read(file, ws, tmp.resolve("m2")));
        assertTrue(e.getMessage().endsWith("is not a regular file"), e.getMessage());
    }
}
