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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast path gives the cold path's verdicts (verdict and failing test ids) on a corpus of candidates of a
 * small project; a runaway candidate kills the warm JVM and the next candidate gets a fresh one.
 * {@code bench/verifier/run} does the same on 100+ candidates of the bug benchmark.
 */
class FastPathEquivalenceTest {

    private static final String MAIN = "src/main/java/demo/Invoice.java";
    private static final String TEST = "src/test/java/demo/InvoiceTest.java";

    @TempDir
    Path tmp;

    @Test
    void sameVerdictsAsTheColdPathAndRunawaysRestartTheWarmJvm() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("invoice"));
        for (Map.Entry<String, String> e : dev.pavu.verifier.InvoiceProjectAccess.files().entrySet()) {
            Path f = project.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
        String invoice = Files.readString(project.resolve(MAIN));
        String test = Files.readString(project.resolve(TEST));
        List<Candidate> corpus = new ArrayList<>();
        corpus.add(new Candidate("invoice", "empty", project, ""));
        corpus.add(new Candidate("invoice", "fix", project, UnifiedDiffs.create(MAIN, invoice, invoice.replace("int i = 1;", "int i = 0;"))));
        corpus.add(new Candidate("invoice", "compile-error", project,
                UnifiedDiffs.create(MAIN, invoice, invoice.replace("amounts.get(i)", "amounts.gett(i)"))));
        corpus.add(new Candidate("invoice", "two-failures", project,
                UnifiedDiffs.create(MAIN, invoice, invoice.replace("return amounts.size();", "return amounts.size() + 1;"))));
        corpus.add(new Candidate("invoice", "test-change", project,
                UnifiedDiffs.create(TEST, test, test.replace("assertEquals(30,", "assertEquals(20,"))));
        corpus.add(new Candidate("invoice", "throws", project,
                UnifiedDiffs.create(MAIN, invoice, invoice.replace("int sum = 0;", "int sum = 0; if (amounts.isEmpty()) throw new IllegalStateException(\"empty\");"))));

        VerifierBench bench = new VerifierBench(Files.createDirectories(tmp.resolve("work")));
        bench.prefetch(project);
        Duration limit = Duration.ofSeconds(60);
        try (FastProject fast = bench.fast(project)) {
            for (Candidate c : corpus) {
                Run cold = bench.cold(c, limit);
                Run warm = bench.fast(fast, c, limit);
                assertNotNull(warm, c.name() + " stays on the fast path");
                assertEquals(cold.verdict(), warm.verdict(), c.name() + ": cold " + cold.reason() + " / fast " + warm.reason());
                assertEquals(cold.failingTests(), warm.failingTests(), c.name());
                assertEquals(cold.reason(), warm.reason(), c.name());
            }
            assertEquals(1, fast.jvmStarts(), "one warm JVM served every candidate");

            Candidate loop = new Candidate("invoice", "loop", project,
                    UnifiedDiffs.create(MAIN, invoice, invoice.replace("i < amounts.size(); i++)", "i < amounts.size(); i += 0)")));
            Run timedOut = bench.fast(fast, loop, Duration.ofSeconds(3));
            assertEquals(Verdict.TIMEOUT, timedOut.verdict(), timedOut.reason());
            assertTrue(timedOut.reason().startsWith("timed out after 3 s (limit 3000 ms)"), timedOut.reason());
            Run next = bench.fast(fast, corpus.get(1), limit);
            assertEquals(Verdict.PASS, next.verdict(), "the worker goes on with a fresh JVM: " + next.reason());
            assertEquals(2, fast.jvmStarts());
        }
    }
}
