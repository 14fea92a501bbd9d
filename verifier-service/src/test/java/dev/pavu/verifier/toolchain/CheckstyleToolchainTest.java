package dev.pavu.verifier.toolchain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading Checkstyle's XML reports and choosing a project's configuration (no Maven run). */
class CheckstyleToolchainTest {

    @TempDir
    Path root;

    @Test
    void readsErrorsOfEveryModulesReportRelativeToTheRootAndLeavesWarningsOut() throws IOException {
        write("target/checkstyle-result.xml", report(root.resolve("src/main/java/demo/Foo.java"), """
                <error line="12" column="9" severity="error" message="&apos;if&apos; construct must use &apos;{}&apos;s." source="com.puppycrawl.tools.checkstyle.checks.blocks.NeedBracesCheck"/>
                <error line="3" severity="warning" message="Line is longer than 80 characters." source="com.puppycrawl.tools.checkstyle.checks.sizes.LineLengthCheck"/>
                """));
        write("core/target/checkstyle-result.xml", report(root.resolve("core/src/main/java/demo/Bar.java"), """
                <error line="3" column="8" severity="error" message="Unused import - java.util.Map." source="com.puppycrawl.tools.checkstyle.checks.imports.UnusedImportsCheck"/>
                """));

        List<CheckstyleToolchain.Violation> v = CheckstyleToolchain.violations(root);

        assertEquals(List.of(new CheckstyleToolchain.Violation("core/src/main/java/demo/Bar.java", 3, 8, "UnusedImports", "Unused import - java.util.Map."),
                new CheckstyleToolchain.Violation("src/main/java/demo/Foo.java", 12, 9, "NeedBraces", "'if' construct must use '{}'s.")), v);
    }

    @Test
    void aReportWithADoctypeIsRefusedNotExpanded() throws IOException {
        write("target/checkstyle-result.xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<checkstyle><file name=\"A.java\"><error line=\"1\" severity=\"error\" message=\"&e;\" source=\"X\"/></file></checkstyle>");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> CheckstyleToolchain.violations(root));
        assertTrue(e.getMessage().contains("checkstyle-result.xml"), e.getMessage());
    }

    @Test
    void noReportMeansNoViolations() {
        assertEquals(List.of(), CheckstyleToolchain.violations(root));
    }

    @Test
    void ruleIsTheChecksShortName() {
        assertEquals("EqualsHashCode", CheckstyleToolchain.rule("com.puppycrawl.tools.checkstyle.checks.coding.EqualsHashCodeCheck"));
        assertEquals("Custom", CheckstyleToolchain.rule("Custom"));
        assertEquals("", CheckstyleToolchain.rule(null));
    }

    @Test
    void aPomThatMentionsThePluginOrItsConfigPropertyKeepsItsOwnConfiguration() throws IOException {
        write("pom.xml", "<project><build><plugins><plugin><artifactId>maven-checkstyle-plugin</artifactId></plugin></plugins></build></project>");
        assertTrue(CheckstyleToolchain.pomConfiguresCheckstyle(root));
        write("pom.xml", "<project><properties><checkstyle.config.location>cs.xml</checkstyle.config.location></properties></project>");
        assertTrue(CheckstyleToolchain.pomConfiguresCheckstyle(root));
        write("pom.xml", "<project><artifactId>plain</artifactId></project>");
        assertFalse(CheckstyleToolchain.pomConfiguresCheckstyle(root));
    }

    @Test
    void theConfigurationIsThePomsThenTheProjectsCheckstyleXmlThenPavusDefault() throws IOException {
        write("pom.xml", "<project><artifactId>plain</artifactId></project>");
        CheckstyleToolchain.Config def = CheckstyleToolchain.config(root);
        Path written = root.resolve(CheckstyleToolchain.DEFAULT_CONFIG_FILE).toAbsolutePath().normalize();
        assertEquals(new CheckstyleToolchain.Config(java.util.Optional.of(written), "Pavu's default"), def);
        assertTrue(Files.readString(written).contains("<module name=\"NeedBraces\"/>"));

        write("config/checkstyle/checkstyle.xml", "<module name=\"Checker\"/>");
        assertEquals("config/checkstyle/checkstyle.xml", CheckstyleToolchain.config(root).source());
        write("checkstyle.xml", "<module name=\"Checker\"/>");
        assertEquals(new CheckstyleToolchain.Config(java.util.Optional.of(root.resolve("checkstyle.xml").toAbsolutePath().normalize()), "checkstyle.xml"),
                CheckstyleToolchain.config(root));

        write("pom.xml", "<project><build><plugins><plugin><artifactId>maven-checkstyle-plugin</artifactId></plugin></plugins></build></project>");
        assertEquals(new CheckstyleToolchain.Config(java.util.Optional.empty(), "the project's pom"), CheckstyleToolchain.config(root));
    }

    @Test
    void theBundledDefaultChecksLikelyMistakesNotAStyleGuide() throws IOException {
        String xml;
        try (var in = CheckstyleToolchain.class.getResourceAsStream(CheckstyleToolchain.DEFAULT_CONFIG_RESOURCE)) {
            xml = new String(in.readAllBytes());
        }
        for (String rule : List.of("UnusedImports", "NeedBraces", "EmptyBlock", "EmptyCatchBlock", "EqualsHashCode", "StringLiteralEquality")) {
            assertTrue(xml.contains("<module name=\"" + rule + "\"/>"), rule);
        }
        for (String style : List.of("LineLength", "JavadocMethod", "MagicNumber", "FinalParameters", "Indentation")) {
            assertFalse(xml.contains(style), style);
        }
    }

    private void write(String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static String report(Path file, String errors) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"9.3\">\n<file name=\"" + file + "\">\n" + errors + "</file>\n</checkstyle>\n";
    }
}
