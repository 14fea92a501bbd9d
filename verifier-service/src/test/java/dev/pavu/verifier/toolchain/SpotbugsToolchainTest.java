package dev.pavu.verifier.toolchain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading SpotBugs' XML reports (the shape spotbugs-maven-plugin 4.9.8.2 writes) and the plugin setting's checks. */
class SpotbugsToolchainTest {

    @TempDir
    Path root;

    @Test
    void readsEachBugsPrimaryLinePatternAndMessageWithTheSourcePathMappedThroughTheSourceDirectories() throws IOException {
        write("src/main/java/demo/Greeter.java", "class Greeter {}");
        write("core/src/main/java/demo/Money.java", "class Money {}");
        write("target/spotbugsXml.xml", report(root, """
                <BugInstance type='NP_ALWAYS_NULL' priority='1' category='CORRECTNESS'><ShortMessage>Null pointer dereference</ShortMessage>
                <LongMessage>Null pointer dereference of name in demo.Greeter.greet(String)</LongMessage>
                <Class classname='demo.Greeter' primary='true'><SourceLine classname='demo.Greeter' start='4' end='10' sourcepath='demo/Greeter.java'/></Class>
                <Method classname='demo.Greeter' name='greet' primary='true'><SourceLine start='7' end='10' sourcepath='demo/Greeter.java'/></Method>
                <SourceLine role='SOURCE_LINE_KNOWN_NULL' start='6' end='6' sourcepath='demo/Greeter.java'><Message>Known null at line 6</Message></SourceLine>
                <SourceLine role='SOURCE_LINE_DEREF' start='8' end='8' sourcepath='demo/Greeter.java' primary='true'><Message>Dereferenced at Greeter.java:[line 8]</Message></SourceLine>
                </BugInstance>
                """));
        write("core/target/spotbugsXml.xml", report(root.resolve("core"), """
                <BugInstance type='HE_EQUALS_USE_HASHCODE' priority='1'><LongMessage>demo.Money defines equals and uses Object.hashCode()</LongMessage>
                <Class classname='demo.Money'><SourceLine start='3' end='20' sourcepath='demo/Money.java'/></Class>
                <Method classname='demo.Money' name='equals'><SourceLine start='12' end='15' sourcepath='demo/Money.java'/></Method>
                </BugInstance>
                """));

        List<SpotbugsToolchain.Bug> bugs = SpotbugsToolchain.bugs(root);

        assertEquals(List.of(
                new SpotbugsToolchain.Bug("core/src/main/java/demo/Money.java", 12, "HE_EQUALS_USE_HASHCODE", "demo.Money defines equals and uses Object.hashCode()"),
                new SpotbugsToolchain.Bug("src/main/java/demo/Greeter.java", 8, "NP_ALWAYS_NULL", "Null pointer dereference of name in demo.Greeter.greet(String)")),
                bugs);
    }

    @Test
    void aSourceOutsideTheSourceDirectoriesKeepsSpotBugsPathAndNoReportMeansNoBugs() throws IOException {
        assertEquals(List.of(), SpotbugsToolchain.bugs(root));
        write("target/spotbugsXml.xml", report(root, """
                <BugInstance type='DM_DEFAULT_ENCODING'><LongMessage>Found reliance on default encoding</LongMessage>
                <SourceLine start='5' sourcepath='gen/Made.java'/></BugInstance>
                """));
        assertEquals(List.of(new SpotbugsToolchain.Bug("gen/Made.java", 5, "DM_DEFAULT_ENCODING", "Found reliance on default encoding")),
                SpotbugsToolchain.bugs(root));
    }

    @Test
    void aReportWithADoctypeIsRefusedNotExpanded() throws IOException {
        write("target/spotbugsXml.xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<BugCollection><BugInstance type='X'><LongMessage>&e;</LongMessage></BugInstance></BugCollection>");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> SpotbugsToolchain.bugs(root));
        assertTrue(e.getMessage().contains("spotbugsXml.xml"), e.getMessage());
    }

    @Test
    void aPluginSettingOfTheWrongShapeSaysWhatItWasAndWhatToSet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MavenPlugin.parse("spotbugs-maven-plugin:4.9.8.2", "pavu.verifier.gates.spotbugs-plugin", "g:a:1"));
        assertEquals("pavu.verifier.gates.spotbugs-plugin must be groupId:artifactId:version (e.g. g:a:1), was 'spotbugs-maven-plugin:4.9.8.2'",
                e.getMessage());
        assertEquals(Path.of("/m2/com/github/spotbugs/spotbugs-maven-plugin/4.9.8.2/spotbugs-maven-plugin-4.9.8.2.jar"),
                MavenPlugin.parse(" com.github.spotbugs:spotbugs-maven-plugin:4.9.8.2 ", "x", "y").jar(Path.of("/m2")));
    }

    private void write(String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static String report(Path module, String bugs) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<BugCollection version='4.9.8'><Project projectName='m'><Jar>" + module.resolve("target/classes")
                + "</Jar><SrcDir>" + module.resolve("src/main/java") + "</SrcDir><SrcDir>" + module.resolve("target/generated-sources/annotations")
                + "</SrcDir></Project>\n" + bugs + "</BugCollection>\n";
    }
}
