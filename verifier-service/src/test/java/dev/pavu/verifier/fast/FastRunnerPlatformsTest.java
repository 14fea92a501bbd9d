package dev.pavu.verifier.fast;

import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.InvoiceProjectAccess;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm JVM's runner (module {@code fast-runner}, compiled once against the 1.9 launcher API) runs on the
 * project's own JUnit Platform, old or new: Jupiter 5.8.2 (platform 1.8.2) and 6.0.3 (platform 6.0.3) give the
 * expected verdicts, the failing test named, a looping test abandoned at the fast per-test limit where Jupiter can
 * abandon it (5.9+; 1.11.4 is covered by {@link FastPathEquivalenceTest}).
 */
class FastRunnerPlatformsTest {

    private static final String MAIN = "src/main/java/demo/Invoice.java";

    @TempDir
    Path tmp;

    @Test
    void runsOnPlatform18() throws Exception {
        verdictsOn("5.8.2");
    }

    @Test
    void runsOnPlatform6() throws Exception {
        verdictsOn("6.0.3");
    }

    private void verdictsOn(String jupiter) throws Exception {
        Path project = Files.createDirectories(tmp.resolve("invoice-" + jupiter));
        for (Map.Entry<String, String> e : InvoiceProjectAccess.files().entrySet()) {
            Path f = project.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getKey().equals("pom.xml") ? e.getValue().replace("<version>5.11.4</version>", "<version>" + jupiter + "</version>")
                    : e.getValue());
        }
        assertTrue(Files.readString(project.resolve("pom.xml")).contains("<version>" + jupiter + "</version>"));
        String invoice = Files.readString(project.resolve(MAIN));
        VerifierBench bench = new VerifierBench(Files.createDirectories(tmp.resolve("work")));
        bench.prefetch(project);
        try (FastProject fast = bench.fast(project)) {
            Run buggy = bench.fast(fast, new Candidate("invoice", "empty", project, ""), Duration.ofSeconds(60));
            assertEquals(Verdict.FAIL, buggy.verdict(), buggy.reason());
            assertEquals(List.of("demo.InvoiceTest#total"), buggy.failingTests());
            assertTrue(buggy.reason().startsWith("1 of 3 tests failed: InvoiceTest#total"), buggy.reason());
            Run fixed = bench.fast(fast, new Candidate("invoice", "fix", project,
                    UnifiedDiffs.create(MAIN, invoice, invoice.replace("int i = 1;", "int i = 0;"))), Duration.ofSeconds(60));
            assertEquals(Verdict.PASS, fixed.verdict(), fixed.reason());
            assertEquals("all 3 tests passed", fixed.reason());
            Candidate loop = new Candidate("invoice", "loop", project,
                    UnifiedDiffs.create(MAIN, invoice, invoice.replace("i < amounts.size(); i++)", "i < amounts.size(); i += 0)")));
            if (jupiter.startsWith("5.8.")) {
                // Jupiter before 5.9 has no SEPARATE_THREAD timeout mode: a spinning test is never abandoned, on the
                // cold path (same setting) as here, so the wall-clock limit decides, naming the class
                Run loops = bench.fast(fast, loop, Duration.ofSeconds(10));
                assertEquals(Verdict.TIMEOUT, loops.verdict(), loops.reason());
                assertEquals(List.of("demo.InvoiceTest"), loops.failingTests());
            } else {
                // the fast per-test limit (a Jupiter configuration parameter the runner passes) abandons the loop
                Run loops = bench.fast(fast, loop, Duration.ofSeconds(60));
                assertEquals(Verdict.FAIL, loops.verdict(), loops.reason());
                assertEquals(List.of("demo.InvoiceTest#total"), loops.failingTests());
                assertTrue(loops.reason().startsWith("1 of 3 tests failed: InvoiceTest#total"), loops.reason());
            }
        }
    }
}
