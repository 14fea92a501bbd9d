package dev.pavu.verifier.prefetch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link BuildFingerprint}: what changes it (poms, module poms, {@code .mvn/}, the settings) and what does not (code,
 * tests, build output); and, for a hostile tree, that no link is followed and no FIFO is opened.
 */
class BuildFingerprintTest {

    private static final String POM = "<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId>"
            + "<version>1</version><modules><module>core</module></modules></project>";

    @TempDir
    Path tmp;

    private Path project(String name) throws IOException {
        Path p = tmp.resolve(name);
        write(p.resolve("pom.xml"), POM);
        write(p.resolve("core/pom.xml"), "<project><artifactId>core</artifactId></project>");
        write(p.resolve("core/src/main/java/a/A.java"), "class A {}");
        write(p.resolve("core/src/test/resources/data.xml"), "<data/>");
        write(p.resolve(".mvn/maven.config"), "-Dx=1");
        return p;
    }

    private static void write(Path f, String text) throws IOException {
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private static String fp(Path p) {
        return BuildFingerprint.of(p, "settings").orElseThrow().sha256();
    }

    @Test
    void codeTestsAndBuildOutputDoNotChangeIt() throws IOException {
        Path a = project("a");
        Path b = project("b");
        write(b.resolve("core/src/main/java/a/A.java"), "class A { int x; }");
        write(b.resolve("core/src/test/resources/data.xml"), "<data>other</data>");
        write(b.resolve("core/target/classes/x.xml"), "<built/>");
        write(b.resolve(".git/config.xml"), "<git/>");
        assertEquals(fp(a), fp(b));
        assertEquals(64, fp(a).length());
        assertEquals(3, BuildFingerprint.of(a, "settings").orElseThrow().files(), "two poms and .mvn/maven.config");
    }

    @Test
    void aPomAModulePomMvnFilesOrTheSettingsChangeIt() throws IOException {
        Path a = project("a");
        String before = fp(a);
        write(a.resolve("core/pom.xml"), "<project><artifactId>core</artifactId><!-- x --></project>");
        String modulePom = fp(a);
        assertNotEquals(before, modulePom);
        write(a.resolve(".mvn/extensions.xml"), "<extensions/>");
        String extensions = fp(a);
        assertNotEquals(modulePom, extensions);
        write(a.resolve("other/custom-pom.xml"), "<project/>");
        assertNotEquals(extensions, fp(a), "a module's pom under another name");
        assertNotEquals(fp(a), BuildFingerprint.of(a, "other settings").orElseThrow().sha256());
        // moving content between files is a change too (paths and sizes are hashed)
        Path c = tmp.resolve("c");
        write(c.resolve("pom.xml"), "<a/><b/>");
        Path d = tmp.resolve("d");
        write(d.resolve("pom.xml"), "<a/>");
        write(d.resolve("x.xml"), "<b/>");
        assertNotEquals(fp(c), fp(d));
    }

    @Test
    void aProfileActivatedByAFileHasNone() throws IOException {
        Path a = project("a");
        write(a.resolve("pom.xml"), POM.replace("</project>", "<profiles><profile><activation><file><exists>x</exists></file>"
                + "</activation></profile></profiles></project>"));
        assertEquals(Optional.empty(), BuildFingerprint.of(a, "settings"));
    }

    @Test
    void hostileTreeNoLinkFollowedNoFifoOpened() throws Exception {
        Path secret = tmp.resolve("secret.xml");
        write(secret, "<secret>one</secret>");
        Path a = project("a");
        Files.createSymbolicLink(a.resolve("core/linked.xml"), secret);
        Files.createSymbolicLink(a.resolve(".mvn/outside"), tmp);
        Process fifo = new ProcessBuilder("mkfifo", a.resolve("core/blocking.xml").toString()).start();
        assertTrue(fifo.waitFor(10, TimeUnit.SECONDS) && fifo.exitValue() == 0, "mkfifo");
        String before = fp(a);
        // the link's target changes: the fingerprint does not, so its content was never read
        write(secret, "<secret>two</secret>");
        assertEquals(before, fp(a));
        // a link that points elsewhere is a change
        Files.delete(a.resolve("core/linked.xml"));
        Files.createSymbolicLink(a.resolve("core/linked.xml"), tmp.resolve("elsewhere.xml"));
        assertNotEquals(before, fp(a));
    }

    @Test
    void tooManyBuildFilesHaveNone() throws IOException {
        Path a = project("a");
        for (int i = 0; i <= BuildFingerprint.MAX_FILES; i++) {
            write(a.resolve("many/m" + i + ".xml"), "<m/>");
        }
        assertEquals(Optional.empty(), BuildFingerprint.of(a, "settings"));
    }
}
