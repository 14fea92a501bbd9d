package dev.pavu.verifier.fast;

import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.bench.VerifierBench;
import dev.pavu.verifier.bench.VerifierBench.Candidate;
import dev.pavu.verifier.bench.VerifierBench.Run;
import dev.pavu.workspace.diff.UnifiedDiffs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm JVM runs the test classes surefire would: the project's own {@code <includes>}/{@code <excludes>} (here
 * HumanEval-Java's {@code **}{@code /TEST_*.java}, which surefire's defaults miss), verdicts equal to the cold path's;
 * selections it cannot mimic keep the project cold, with the reason.
 */
class SurefireSelectionTest {

    private static final String PLUGIN = "<project><build><plugins><plugin><artifactId>maven-surefire-plugin</artifactId>"
            + "<version>3.2.5</version><configuration>%s</configuration></plugin></plugins></build></project>";

    @TempDir
    Path tmp;

    @Test
    void antPatternsBecomeRegularExpressionsOverClassPaths() {
        SurefireSelection s = SurefireSelection.read(String.format(PLUGIN,
                "<includes><include>**/TEST_*.java</include><include>demo/Check?.class, **/it/**/*IT</include></includes>"
                        + "<excludes><exclude>**/Slow*.java</exclude></excludes>"));
        assertNull(s.whyNot());
        assertEquals(3, s.includes().size());
        assertTrue(matches(s.includes().get(0), "humaneval/TEST_ADD"));
        assertTrue(matches(s.includes().get(0), "TEST_ADD"), "**/ also matches no folder");
        assertFalse(matches(s.includes().get(0), "humaneval/ADD_TEST"));
        assertTrue(matches(s.includes().get(1), "demo/Check1"));
        assertFalse(matches(s.includes().get(1), "demo/Check12"));
        assertFalse(matches(s.includes().get(1), "demo/sub/Check1"), "* and ? never cross a folder");
        assertTrue(matches(s.includes().get(2), "a/it/b/c/FlowIT"));
        assertTrue(matches(s.excludes().getFirst(), "x/SlowTest"));
        assertTrue(matches(SurefireSelection.regex("**/a.b*.java"), "p/a.bc"));
        assertFalse(matches(SurefireSelection.regex("**/a.b*.java"), "p/aXbc"), "a dot is a dot, not any character");
    }

    @Test
    void whatTheWarmJvmCannotMimicKeepsTheProjectCold() {
        assertNull(SurefireSelection.read("<project/>").whyNot());
        assertTrue(SurefireSelection.read("<project/>").includes().isEmpty());
        assertNull(SurefireSelection.read("<project><build><resources><resource><includes><include>*.txt</include></includes>"
                + "</resource></resources></build></project>").whyNot(), "an <includes> outside surefire does not count");
        assertEquals("surefire selects the tests itself (<groups>), which the warm JVM does not mimic",
                SurefireSelection.read(String.format(PLUGIN, "<groups>demo.Fast</groups>")).whyNot());
        assertTrue(SurefireSelection.read(String.format(PLUGIN, "<includes><include>%regex[.*Test.*]</include></includes>"))
                .whyNot().contains("%regex[.*Test.*]</include> is not a pattern the warm JVM mimics"));
        assertNotNull(SurefireSelection.read(String.format(PLUGIN, "<includes><include>MyTest.java</include></includes>")).whyNot(),
                "a pattern without a folder part is resolved by surefire in ways not mimicked");
        assertNotNull(SurefireSelection.read(String.format(PLUGIN, "<includes><include>**/*Test#fast*</include></includes>")).whyNot());
        assertNotNull(SurefireSelection.read(String.format(PLUGIN, "<includes><include>${tests}</include></includes>")).whyNot());
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + String.format(PLUGIN, "<includes><include>&x;</include></includes>");
        assertTrue(SurefireSelection.read(hostile).whyNot().startsWith("the pom cannot be read"), "no DTD, no external entity");
        StringBuilder many = new StringBuilder("<includes>");
        for (int i = 0; i <= SurefireSelection.MAX_PATTERNS; i++) {
            many.append("<include>**/T").append(i).append("*</include>");
        }
        assertTrue(SurefireSelection.read(String.format(PLUGIN, many + "</includes>")).whyNot().contains("more than 50 patterns"));
    }

    @Test
    void theRunnerCopyListsEveryClassOfTheRunner() throws IOException, URISyntaxException {
        java.net.URI uri = FastPath.class.getClassLoader().getResource(FastPath.RUNNER_PACKAGE + "PavuFastRunner.class").toURI();
        // the module's classes directory in a reactor build, its jar otherwise
        try (java.nio.file.FileSystem jar = "jar".equals(uri.getScheme()) ? java.nio.file.FileSystems.newFileSystem(uri, java.util.Map.of()) : null) {
            Path classes = Path.of(uri).getParent();
            Set<String> compiled = new TreeSet<>();
            try (Stream<Path> s = Files.list(classes)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class")).forEach(n -> compiled.add(n.substring(0, n.length() - 6)));
            }
            Set<String> listed = new TreeSet<>(Files.readAllLines(classes.resolve("classes.txt"), StandardCharsets.UTF_8));
            listed.remove("");
            assertTrue(compiled.contains("Selection"), compiled.toString());
            assertEquals(compiled, listed, "dev/pavu/fastrunner/classes.txt must name every class the runner needs");
        }
    }

    @Test
    void aJUnit4ProjectWithItsOwnIncludesTakesTheFastPathWithTheColdPathsVerdicts() throws Exception {
        Path project = project();
        String main = "src/main/java/humaneval/buggy/ADD.java";
        String buggy = Files.readString(project.resolve(main));
        VerifierBench bench = new VerifierBench(Files.createDirectories(tmp.resolve("work")));
        bench.prefetch(project);
        List<Candidate> candidates = List.of(
                new Candidate("add", "empty", project, ""),
                new Candidate("add", "fix", project, UnifiedDiffs.create(main, buggy, buggy.replace("x | y", "x + y"))),
                new Candidate("add", "wrong", project, UnifiedDiffs.create(main, buggy, buggy.replace("x | y", "x - y"))));
        try (FastProject fast = bench.fast(project)) {
            assertTrue(Files.isRegularFile(tmp.resolve("work/fast-add/runner/" + SurefireSelection.FILE)));
            for (Candidate c : candidates) {
                Run warm = bench.fast(fast, c, Duration.ofSeconds(60));
                Run cold = bench.cold(c, Duration.ofSeconds(120));
                assertNotNull(warm, c.name() + " stays on the fast path");
                assertEquals(cold.verdict(), warm.verdict(), c.name() + ": cold " + cold.reason() + " / fast " + warm.reason());
                assertEquals(cold.failingTests(), warm.failingTests(), c.name());
                assertFalse(warm.reason().contains("SlowCheck") || String.valueOf(warm.failingTests()).contains("SlowCheck"),
                        "the excluded class never runs: " + warm.reason());
            }
            assertEquals(Verdict.PASS, bench.fast(fast, candidates.get(1), Duration.ofSeconds(60)).verdict());
            assertEquals(List.of("humaneval.TEST_ADD#test_1"), bench.fast(fast, candidates.get(0), Duration.ofSeconds(60)).failingTests());
        }
    }

    /** HumanEval-Java's layout: tests named TEST_*, found only through the pom's includes; an excluded class that fails. */
    private Path project() throws IOException {
        Path p = tmp.resolve("add");
        write(p, "pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>humaneval</groupId><artifactId>add</artifactId><version>1.0</version>
                  <properties><maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
                  <dependencies><dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version>
                    <scope>test</scope></dependency></dependencies>
                  <build><plugins><plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId>
                    <version>3.13.0</version></plugin>
                    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId>
                    <version>3.2.5</version><configuration>
                      <includes><include>**/TEST_*.java</include><include>**/*Check.java</include></includes>
                      <excludes><exclude>**/Slow*.java</exclude></excludes>
                    </configuration></plugin></plugins></build>
                </project>
                """);
        write(p, "src/main/java/humaneval/buggy/ADD.java", """
                package humaneval.buggy;

                public class ADD {
                    public static int add(int x, int y) {
                        return x | y;
                    }
                }
                """);
        write(p, "src/test/java/humaneval/TEST_ADD.java", """
                package humaneval;

                import org.junit.Test;
                import static org.junit.Assert.assertEquals;

                public class TEST_ADD {
                    @Test public void test_0() { assertEquals(1, humaneval.buggy.ADD.add(0, 1)); }
                    @Test public void test_1() { assertEquals(4, humaneval.buggy.ADD.add(2, 2)); }
                }
                """);
        write(p, "src/test/java/humaneval/SumCheck.java", """
                package humaneval;

                import org.junit.Test;
                import static org.junit.Assert.assertEquals;

                public class SumCheck {
                    @Test public void zero() { assertEquals(5, humaneval.buggy.ADD.add(5, 0)); }
                }
                """);
        write(p, "src/test/java/humaneval/SlowCheck.java", """
                package humaneval;

                import org.junit.Test;
                import static org.junit.Assert.fail;

                public class SlowCheck {
                    @Test public void excluded() { fail("an excluded class ran"); }
                }
                """);
        return p;
    }

    private static void write(Path root, String rel, String text) throws IOException {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private static boolean matches(String regex, String path) {
        return regex != null && java.util.regex.Pattern.compile(regex).matcher(path).matches();
    }
}
