package dev.pavu.workspace.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutDetectorTest {

    @TempDir
    Path root;

    private void file(String path, String content) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private void dirs(String... paths) throws IOException {
        for (String p : paths) {
            Files.createDirectories(root.resolve(p));
        }
    }

    private static List<Path> paths(String... p) {
        return java.util.Arrays.stream(p).map(Path::of).toList();
    }

    @Test
    void singleMavenProject() throws IOException {
        file("pom.xml", "<project><modelVersion>4.0.0</modelVersion></project>");
        dirs("src/main/java/com/acme", "src/test/java/com/acme");
        assertEquals(new Layout(BuildKind.MAVEN, Path.of("pom.xml"), paths("src/main/java"), paths("src/test/java")),
                LayoutDetector.detect(root));
    }

    @Test
    void multiModuleMavenWithCustomDirectoriesAndProfiles() throws IOException {
        file("pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modules><module>core</module><module>apps/web</module><module>../escape</module><module>missing</module></modules>
                  <profiles><profile><modules><module>extra</module></modules></profile></profiles>
                </project>""");
        file("core/pom.xml", """
                <project><build><sourceDirectory>${project.basedir}/main</sourceDirectory>
                <testSourceDirectory>checks</testSourceDirectory></build></project>""");
        dirs("core/main", "core/checks");
        file("apps/web/pom.xml", "<project><modules><module>inner</module></modules></project>");
        dirs("apps/web/src/main/java", "apps/web/src/main/kotlin");
        file("apps/web/inner/pom.xml", "<project/>");
        dirs("apps/web/inner/src/test/java");
        file("extra/pom.xml", "<project/>");
        dirs("extra/src/main/java");
        Layout layout = LayoutDetector.detect(root);
        assertEquals(BuildKind.MAVEN, layout.kind());
        assertEquals(paths("core/main", "apps/web/src/main/java", "apps/web/src/main/kotlin", "extra/src/main/java"), layout.sourceRoots());
        assertEquals(paths("core/checks", "apps/web/inner/src/test/java"), layout.testRoots());
    }

    @Test
    void malformedOrHostilePomStillGivesMavenWithDefaults() throws IOException {
        file("pom.xml", "<!DOCTYPE project [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><project>&xxe;</project>");
        dirs("src/main/java");
        assertEquals(new Layout(BuildKind.MAVEN, Path.of("pom.xml"), paths("src/main/java"), List.of()), LayoutDetector.detect(root));
    }

    @Test
    void gradleWithSettingsIncludes() throws IOException {
        file("build.gradle.kts", "plugins { java }");
        file("settings.gradle.kts", "rootProject.name = \"x\"\ninclude(\":lib\", \":services:api\")\ninclude 'tools'\n");
        dirs("src/main/java", "lib/src/main/kotlin", "lib/src/test/kotlin", "services/api/src/test/java", "tools/src/main/groovy");
        Layout layout = LayoutDetector.detect(root);
        assertEquals(BuildKind.GRADLE, layout.kind());
        assertEquals(Path.of("build.gradle.kts"), layout.buildFile());
        assertEquals(paths("src/main/java", "lib/src/main/kotlin", "tools/src/main/groovy"), layout.sourceRoots());
        assertEquals(paths("lib/src/test/kotlin", "services/api/src/test/java"), layout.testRoots());
    }

    @Test
    void gradleWrapperAloneIsGradle() throws IOException {
        file("gradlew", "#!/bin/sh\n");
        assertEquals(new Layout(BuildKind.GRADLE, Path.of("gradlew"), List.of(), List.of()), LayoutDetector.detect(root));
    }

    @Test
    void pythonSrcLayoutAndFlatLayout() throws IOException {
        file("pyproject.toml", "[project]\nname = 'x'\n");
        file("src/x/__init__.py", "");
        file("tests/test_x.py", "def test(): pass\n");
        assertEquals(new Layout(BuildKind.PYTHON, Path.of("pyproject.toml"), paths("src"), paths("tests")), LayoutDetector.detect(root));
    }

    @Test
    void pythonPackagesAtTheRoot(@TempDir Path flat) throws IOException {
        Files.writeString(flat.resolve("setup.py"), "from setuptools import setup\n");
        Files.createDirectories(flat.resolve("calc"));
        Files.writeString(flat.resolve("calc/__init__.py"), "");
        Files.writeString(flat.resolve("test_calc.py"), "def test(): pass\n");
        assertEquals(new Layout(BuildKind.PYTHON, Path.of("setup.py"), paths("calc"), List.of(Path.of(""))), LayoutDetector.detect(flat));
    }

    @Test
    void pythonRecognisedByTestsAlone(@TempDir Path bare) throws IOException {
        Files.writeString(bare.resolve("app.py"), "x = 1\n");
        Files.createDirectories(bare.resolve("tests"));
        Files.writeString(bare.resolve("tests/test_app.py"), "def test(): pass\n");
        Layout layout = LayoutDetector.detect(bare);
        assertEquals(BuildKind.PYTHON, layout.kind());
        assertNull(layout.buildFile());
        assertEquals(List.of(Path.of("")), layout.sourceRoots());
        assertEquals(paths("tests"), layout.testRoots());
    }

    @Test
    void aFolderOfPytestFilesIsAPythonProjectWithoutABuildFile(@TempDir Path bare, @TempDir Path suffixed,
                                                                 @TempDir Path inTest, @TempDir Path tox) throws IOException {
        Files.writeString(bare.resolve("calc.py"), "def add(a, b):\n    return a - b\n");
        Files.writeString(bare.resolve("test_calc.py"), "from calc import add\ndef test_add(): assert add(1, 2) == 3\n");
        assertEquals(new Layout(BuildKind.PYTHON, null, List.of(Path.of("")), List.of(Path.of(""))), LayoutDetector.detect(bare));

        Files.writeString(suffixed.resolve("calc.py"), "x = 1\n");
        Files.writeString(suffixed.resolve("calc_test.py"), "def test(): pass\n");
        assertEquals(BuildKind.PYTHON, LayoutDetector.detect(suffixed).kind());

        Files.createDirectories(inTest.resolve("test"));
        Files.writeString(inTest.resolve("test/test_calc.py"), "def test(): pass\n");
        Layout l = LayoutDetector.detect(inTest);
        assertEquals(BuildKind.PYTHON, l.kind());
        assertEquals(paths("test"), l.testRoots());

        Files.writeString(tox.resolve("tox.ini"), "[tox]\nenvlist = py3\n");
        assertEquals(Path.of("tox.ini"), LayoutDetector.detect(tox).buildFile());
    }

    @Test
    void aPythonFileThatIsNotATestOrALinkedTestDoesNotMakeAPythonProject(@TempDir Path dir, @TempDir Path outside) throws IOException {
        Files.writeString(dir.resolve("script.py"), "print('hi')\n");
        Files.writeString(dir.resolve("testing_notes.py"), "x = 1\n");
        assertEquals(Layout.unknown(), LayoutDetector.detect(dir));
        Files.writeString(outside.resolve("test_secret.py"), "def test(): pass\n");
        Files.createSymbolicLink(dir.resolve("test_link.py"), outside.resolve("test_secret.py"));
        assertEquals(Layout.unknown(), LayoutDetector.detect(dir), "a link is never followed");
    }

    @Test
    void nodeProject() throws IOException {
        file("package.json", "{\"name\":\"x\"}");
        dirs("src", "test");
        assertEquals(new Layout(BuildKind.NODE, Path.of("package.json"), paths("src"), paths("test")), LayoutDetector.detect(root));
    }

    @Test
    void mavenWinsOverNodeAndUnknownIsEmpty(@TempDir Path other) throws IOException {
        file("pom.xml", "<project/>");
        file("package.json", "{}");
        assertEquals(BuildKind.MAVEN, LayoutDetector.detect(root).kind());
        Files.writeString(other.resolve("README.md"), "hi\n");
        assertEquals(Layout.unknown(), LayoutDetector.detect(other));
        assertThrows(IllegalArgumentException.class, () -> LayoutDetector.detect(other.resolve("missing")));
    }
}
