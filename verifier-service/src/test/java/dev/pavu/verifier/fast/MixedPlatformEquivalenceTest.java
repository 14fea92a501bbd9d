package dev.pavu.verifier.fast;

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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A project with JUnit 4 and 5 mixed ({@code src/test/resources/fast/junit45-mixed}: Jupiter tests, and JUnit 4 tests
 * on the {@code junit-vintage-engine} the project brings itself, with {@code junit:junit} a plain dependency) gets the
 * cold path's verdicts in the warm JVM: the project's Vintage engine sits in the runner's class loader, so
 * {@code junit:junit} (and hamcrest) must be there too. Before, they stayed in the dependencies' (child) loader, the
 * engine could not see JUnit 4, and every candidate failed in ~80 ms with {@code 1 of 0 tests failed … (runner)#run}.
 */
class MixedPlatformEquivalenceTest {

    private static final String MAIN = "src/main/java/demo/Thermostat.java";

    @TempDir
    Path tmp;

    @Test
    void jupiterAndVintageTestsOfOneProjectGetTheColdPathsVerdicts() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("junit45-mixed"));
        Path from = Path.of(MixedPlatformEquivalenceTest.class.getResource("/fast/junit45-mixed").toURI());
        try (var files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path dest = project.resolve(from.relativize(f).toString());
                Files.createDirectories(dest.getParent());
                Files.copy(f, dest);
            }
        }
        String src = Files.readString(project.resolve(MAIN));
        Map<String, Candidate> corpus = new java.util.LinkedHashMap<>();
        corpus.put("empty", new Candidate("mixed", "empty", project, ""));
        corpus.put("vintage-fails", new Candidate("mixed", "vintage-fails", project,
                UnifiedDiffs.create(MAIN, src, src.replace("measured < target - tolerance", "measured <= target - tolerance"))));
        corpus.put("jupiter-fails", new Candidate("mixed", "jupiter-fails", project,
                UnifiedDiffs.create(MAIN, src, src.replace("return \"cool\";", "return \"idle\";"))));
        corpus.put("compile-error", new Candidate("mixed", "compile-error", project,
                UnifiedDiffs.create(MAIN, src, src.replace("return \"heat\";", "return heat;"))));
        VerifierBench bench = new VerifierBench(Files.createDirectories(tmp.resolve("work")));
        bench.prefetch(project);
        Map<String, Run> warmRuns = new java.util.HashMap<>();
        try (FastProject fast = bench.fast(project)) {
            for (Candidate c : corpus.values()) {
                Run cold = bench.cold(c, Duration.ofSeconds(60));
                Run warm = bench.fast(fast, c, Duration.ofSeconds(60));
                assertNotNull(warm, c.name() + " stays on the fast path");
                assertEquals(cold.verdict(), warm.verdict(), c.name() + ": cold " + cold.reason() + " / fast " + warm.reason());
                assertEquals(cold.failingTests(), warm.failingTests(), c.name());
                assertEquals(cold.reason(), warm.reason(), c.name());
                warmRuns.put(c.name(), warm);
            }
        }
        assertEquals(Verdict.PASS, warmRuns.get("empty").verdict(), warmRuns.get("empty").reason());
        assertEquals("all 4 tests passed", warmRuns.get("empty").reason());
        assertEquals(List.of("demo.LegacyThermostatTest#idlesWithinTheTolerance"), warmRuns.get("vintage-fails").failingTests(),
                warmRuns.get("vintage-fails").reason());
        assertEquals(List.of("demo.ThermostatTest#coolsWhenHot"), warmRuns.get("jupiter-fails").failingTests(),
                warmRuns.get("jupiter-fails").reason());
        assertTrue(warmRuns.get("compile-error").reason().startsWith("does not compile"), warmRuns.get("compile-error").reason());
    }
}
