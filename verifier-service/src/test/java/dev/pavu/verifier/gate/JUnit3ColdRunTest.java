package dev.pavu.verifier.gate;

import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.bench.VerifierBench;
import dev.pavu.verifier.bench.VerifierBench.Candidate;
import dev.pavu.verifier.bench.VerifierBench.Run;
import dev.pavu.workspace.diff.UnifiedDiffs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code junit:junit} 3.8 project (surefire 3.5.2 pinned) on the cold path: surefire's JUnit 3 provider refuses
 * {@code skipAfterFailureCount} ("expects JUnit Version 4.0 or higher"), so its candidates run without it — before,
 * every candidate of such a project was an ERROR and no job could repair it.
 */
class JUnit3ColdRunTest {

    @TempDir
    Path tmp;

    @Test
    void aJUnit38ProjectsCandidatesAreJudgedNotErrors() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("junit38"));
        Files.writeString(project.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>demo</groupId>
                  <artifactId>junit38</artifactId>
                  <version>1.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>junit</groupId>
                      <artifactId>junit</artifactId>
                      <version>3.8.2</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                  <build><plugins>
                    <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
                    <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
                  </plugins></build>
                </project>
                """);
        String main = "src/main/java/demo/Calc.java";
        String calc = "package demo;\npublic class Calc {\n    public static int add(int a, int b) {\n        return a - b;\n    }\n}\n";
        Files.createDirectories(project.resolve("src/main/java/demo"));
        Files.writeString(project.resolve(main), calc);
        Files.createDirectories(project.resolve("src/test/java/demo"));
        Files.writeString(project.resolve("src/test/java/demo/CalcTest.java"), """
                package demo;
                import junit.framework.TestCase;
                public class CalcTest extends TestCase {
                    public void testAdds() { assertEquals(5, Calc.add(2, 3)); }
                    public void testAddsNegative() { assertEquals(-5, Calc.add(-2, -3)); }
                    public void testZero() { assertEquals(0, Calc.add(0, 0)); }
                }
                """);
        assertTrue(MavenGates.usesJUnit3(project));
        VerifierBench bench = new VerifierBench(Files.createDirectories(tmp.resolve("work")));
        bench.prefetch(project);

        Run buggy = bench.cold(new Candidate("junit38", "buggy", project, ""), Duration.ofSeconds(120));
        assertEquals(Verdict.FAIL, buggy.verdict(), buggy.reason());
        assertEquals(List.of("demo.CalcTest#testAdds", "demo.CalcTest#testAddsNegative"), buggy.failingTests());
        Run wrong = bench.cold(new Candidate("junit38", "still-wrong", project,
                UnifiedDiffs.create(main, calc, calc.replace("a - b", "a * b"))), Duration.ofSeconds(120));
        assertEquals(Verdict.FAIL, wrong.verdict(), "a wrong candidate is judged, not an ERROR: " + wrong.reason());
        assertFalse(wrong.reason().contains("skipAfterFailureCount"), wrong.reason());
        Run fixed = bench.cold(new Candidate("junit38", "fix", project,
                UnifiedDiffs.create(main, calc, calc.replace("a - b", "a + b"))), Duration.ofSeconds(120));
        assertEquals(Verdict.PASS, fixed.verdict(), fixed.reason());
        assertEquals("all 3 tests passed", fixed.reason());

        // the pattern looks at junit:junit's own dependency element only
        Path junit4 = Files.createDirectories(tmp.resolve("junit4"));
        Files.writeString(junit4.resolve("pom.xml"), Files.readString(project.resolve("pom.xml")).replace("3.8.2", "4.13.2")
                .replace("</dependencies>", "<dependency><groupId>x</groupId><artifactId>y</artifactId><version>3.1</version></dependency></dependencies>"));
        assertFalse(MavenGates.usesJUnit3(junit4));
    }
}
