package dev.pavu.verifier.fast;

import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.bench.VerifierBench;
import dev.pavu.verifier.sandbox.Cgroups;
import dev.pavu.verifier.bench.VerifierBench.Candidate;
import dev.pavu.verifier.bench.VerifierBench.Run;
import dev.pavu.workspace.diff.UnifiedDiffs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast path gives the cold path's verdicts (verdict, failing test ids, reason) on a corpus of candidates of a
 * small project, including the plan's tests run first, a slower but correct candidate, a candidate whose one
 * test loops (FAIL naming it on both paths) and one whose every test loops (TIMEOUT on both paths), decided by
 * the fast path in a few seconds; a hang outside a test method kills the warm JVM at the wall-clock limit and the
 * next candidate gets a fresh one — the spare JVM started beforehand, so no candidate waits for a JVM start.
 * {@code bench/verifier/run} does the same on 100+ candidates of the bug benchmark.
 *
 * <p>JUnit 3/4 projects ({@code src/test/resources/fast/}) run on JUnit Vintage in the warm JVM and on surefire's
 * JUnit 4 provider on the cold path, with the same verdicts for {@code @Test(timeout=…)}, {@code @Before/@After},
 * rules, {@code @RunWith(Parameterized.class)}, categories and JUnit 3 {@code TestCase} classes; both stop at the first
 * failing test, so a candidate that still loops costs one {@code @Test(timeout=3000)}, not one per test.
 */
class FastPathEquivalenceTest {

    private static final String MAIN = "src/main/java/demo/Invoice.java";
    private static final String TEST = "src/test/java/demo/InvoiceTest.java";

    /**
     * The Vintage default of {@code pavu.verifier.fast-path.vintage-version} and its platform (the prefetch's job in the
     * service); surefire's JUnit 4 provider comes from the prefetch itself ({@code dev.pavu.verifier.prefetch}).
     */
    private static final String[] JUNIT4_ARTIFACTS = {"org.junit.vintage:junit-vintage-engine:5.11.4",
            "org.junit.platform:junit-platform-launcher:1.11.4"};

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
                UnifiedDiffs.create(MAIN, invoice, invoice.replace("int i = 1;", "int i = 0;").replace("return amounts.size();", "return amounts.size() + 1;"))));
        corpus.add(new Candidate("invoice", "test-change", project,
                UnifiedDiffs.create(TEST, test, test.replace("assertEquals(30,", "assertEquals(20,"))));
        corpus.add(new Candidate("invoice", "throws", project,
                UnifiedDiffs.create(MAIN, invoice, invoice.replace("int sum = 0;", "int sum = 0; if (amounts.isEmpty()) throw new IllegalStateException(\"empty\");"))));

        corpus.add(new Candidate("invoice", "slow-but-correct", project,
                UnifiedDiffs.create(MAIN, invoice, invoice.replace("int i = 1;", "int i = 0;").replace("return amounts.size();",
                        "try { Thread.sleep(700); } catch (InterruptedException e) { } return amounts.size();"))));

        // the opt-in shortcut: a 1 s floor on the fast per-test limit (the default is the cold path's limit)
        VerifierBench bench = new VerifierBench(Files.createDirectories(tmp.resolve("work")),
                Map.of("pavu.verifier.fast-path.test-limit-floor", "1s"));
        bench.prefetch(project);
        Duration limit = Duration.ofSeconds(60);
        try (FastProject fast = bench.fast(project)) {
            assertTrue(fast.baselineSlowestTestMs() >= 0, "the baseline's tests were timed in the warm JVM");
            // the baseline's tests take milliseconds, so the 1 s floor applies (under heavy load 20 x the slowest may pass it)
            assertEquals(Math.max(1_000, 20 * fast.baselineSlowestTestMs()), fast.perTestLimitMs(20_000), "max(floor, 20 x slowest)");
            assertTrue(fast.hasSpare(), "a spare JVM is started once the baseline is timed");
            for (Candidate c : corpus) {
                Run cold = bench.cold(c, limit);
                Run warm = bench.fast(fast, c, limit);
                assertNotNull(warm, c.name() + " stays on the fast path");
                assertEquals(cold.verdict(), warm.verdict(), c.name() + ": cold " + cold.reason() + " / fast " + warm.reason());
                assertEquals(cold.failingTests(), warm.failingTests(), c.name());
                assertEquals(cold.reason(), warm.reason(), c.name());
            }
            assertEquals(Verdict.PASS, bench.fast(fast, corpus.get(6), limit).verdict(),
                    "a test 700 ms slower than on the baseline is within the fast per-test limit (1 s floor)");
            Run first = bench.cold(corpus.get(0), limit, List.of("InvoiceTest#total"));
            Run firstFast = bench.fast(fast, corpus.get(0), limit, List.of("InvoiceTest#total"));
            assertEquals(Verdict.FAIL, first.verdict(), first.reason());
            assertEquals(first.reason(), firstFast.reason(), "the plan's tests run first on both paths");
            assertEquals(first.failingTests(), firstFast.failingTests());
            assertEquals(1, fast.jvmsUsed(), "one warm JVM served every candidate");
            assertEquals(2, fast.jvmStarts(), "that one and its spare");

            // loops: the cold path abandons a test after a third of the limit (JUnit's timeout), the fast path after
            // its short per-test limit, counted as the cold path's; the verdicts are the same. 30 s: the cold run's Maven
            // start and build must fit beside one looping test's 10 s (with 15 s a loaded CI machine timed the cold run out)
            Duration loopLimit = Duration.ofSeconds(30);
            Candidate loopOne = new Candidate("invoice", "loop-one-test", project,
                    UnifiedDiffs.create(MAIN, invoice, invoice.replace("i < amounts.size(); i++)", "i < amounts.size(); i += 0)")));
            Candidate loopAll = new Candidate("invoice", "loop-every-test", project,
                    UnifiedDiffs.create(MAIN, invoice, invoice.replace("int sum = 0;", "int sum = 0; while (amounts.size() >= 0) { Thread.onSpinWait(); }")
                            .replace("return amounts.size();", "while (amounts.size() >= 0) { Thread.onSpinWait(); } return 0;")));
            Run oneCold = bench.cold(loopOne, loopLimit);
            Run oneFast = bench.fast(fast, loopOne, loopLimit);
            assertEquals(Verdict.FAIL, oneCold.verdict(), oneCold.reason());
            assertEquals(List.of("demo.InvoiceTest#total"), oneCold.failingTests());
            assertEquals(oneCold.verdict(), oneFast.verdict(), oneFast.reason());
            assertEquals(oneCold.failingTests(), oneFast.failingTests());
            assertEquals(oneCold.reason(), oneFast.reason());
            assertTrue(oneFast.ms() < 5_000, "the looping test was abandoned after the 1 s floor, not 5 s: " + oneFast.ms() + " ms");
            Run allCold = bench.cold(loopAll, loopLimit);
            Run allFast = bench.fast(fast, loopAll, loopLimit);
            assertEquals(Verdict.TIMEOUT, allCold.verdict(), allCold.reason());
            assertEquals(List.of("demo.InvoiceTest"), allCold.failingTests());
            assertEquals(allCold.verdict(), allFast.verdict(), allFast.reason());
            assertEquals(allCold.failingTests(), allFast.failingTests());
            assertTrue(allFast.reason().startsWith("timed out after 30 s (limit 30000 ms) in the tests gate, while running demo.InvoiceTest"),
                    allFast.reason());
            assertTrue(allFast.ms() < 10_000, "decided after three 1 s limits, not 30 s: " + allFast.ms() + " ms");
            assertEquals(3, bench.fast(fast, corpus.get(1), limit).verdict() == Verdict.PASS ? fast.jvmsUsed() : -1,
                    "each abandoned test restarts the warm JVM (its thread may still spin)");
            assertEquals(2, fast.sparesTaken(), "both replacements were the spare started beforehand, not a JVM started then");
            assertTrue(fast.hasSpare(), "the next spare is started after a replacement");
            assertEquals(4, fast.jvmStarts(), "the first JVM, two spares taken, one spare waiting: never more than one spare");

            // a hang JUnit's per-test limit does not reach (a test class's static initializer): the wall-clock limit
            Candidate hang = new Candidate("invoice", "hang", project,
                    UnifiedDiffs.create(TEST, test, test.replace("class InvoiceTest {", "class InvoiceTest {\n    static { while (System.nanoTime() > 0) { Thread.onSpinWait(); } }")));
            Run timedOut = bench.fast(fast, hang, Duration.ofSeconds(3));
            assertEquals(Verdict.TIMEOUT, timedOut.verdict(), timedOut.reason());
            assertTrue(timedOut.reason().startsWith("timed out after 3 s (limit 3000 ms) in the tests gate, while running demo.InvoiceTest"),
                    timedOut.reason());
            assertEquals(List.of("demo.InvoiceTest"), timedOut.failingTests());
            Run next = bench.fast(fast, corpus.get(1), limit);
            assertEquals(Verdict.PASS, next.verdict(), "the worker goes on with a fresh JVM: " + next.reason());
            assertEquals(4, fast.jvmsUsed());
            assertEquals(3, fast.sparesTaken(), "the hang's replacement was the spare too");

            // a runaway allocation: the cold path's run is killed by the kernel at the cgroup's memory cap (its test JVM
            // does not see the cap and would grow its heap past it); the fast path's capped heap and memory watch
            // give the same ERROR without waiting for the collector to thrash
            if (Cgroups.unavailableReason().isEmpty()) {
                Candidate hog = new Candidate("invoice", "allocates-without-limit", project, UnifiedDiffs.create(MAIN, invoice,
                        invoice.replace("int sum = 0;", "int sum = 0; java.util.List<long[]> hog = new java.util.ArrayList<>(); "
                                + "while (hog.size() >= 0) { hog.add(new long[1024]); }")));
                Run hogCold = bench.cold(hog, limit);
                Run hogFast = bench.fast(fast, hog, limit);
                assertEquals(Verdict.ERROR, hogCold.verdict(), hogCold.reason());
                assertTrue(hogCold.reason().startsWith("memory limit of"), hogCold.reason());
                assertEquals(hogCold.verdict(), hogFast.verdict(), hogFast.reason());
                assertEquals(hogCold.failingTests(), hogFast.failingTests());
                assertTrue(hogFast.reason().startsWith("memory exhausted in the tests gate"), hogFast.reason());
                assertEquals(Verdict.PASS, bench.fast(fast, corpus.get(1), limit).verdict(), "the next candidate gets a fresh JVM");
                assertEquals(5, fast.jvmsUsed(), "the exhausted JVM was replaced");
            }
        }
        // closing the project (as the LRU eviction of FastPaths does) kills the spare too
        // (only this project's: a Quarkus test of the same run may keep warm JVMs of its own)
        assertTrue(ProcessHandle.current().descendants().noneMatch(h -> h.info().arguments()
                        .map(a -> String.join(" ", a)).filter(a -> a.contains("PavuFastRunner") && a.contains(tmp.toString())).isPresent()),
                "no warm JVM of the project is left after close");
    }

    /**
     * By default the fast path's per-test limit is the cold path's: a correct candidate whose test takes ~2 s (the
     * mutant behind {@code bench/verifier/run}'s one disagreement, cut off by the old 1 s floor) passes on both paths.
     */
    @Test
    void aTestTwoSecondsSlowerPassesOnBothPathsByDefault() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("invoice"));
        for (Map.Entry<String, String> e : dev.pavu.verifier.InvoiceProjectAccess.files().entrySet()) {
            Path f = project.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
        String invoice = Files.readString(project.resolve(MAIN));
        Candidate slow = new Candidate("invoice", "two-seconds-slower", project, UnifiedDiffs.create(MAIN, invoice,
                invoice.replace("int i = 1;", "int i = 0;").replace("return amounts.size();",
                        "try { Thread.sleep(2_000); } catch (InterruptedException e) { } return amounts.size();")));
        VerifierBench bench = new VerifierBench(Files.createDirectories(tmp.resolve("work")));
        bench.prefetch(project);
        Duration limit = Duration.ofSeconds(60);
        try (FastProject fast = bench.fast(project)) {
            assertEquals(-1, fast.baselineSlowestTestMs(), "no fast limit to derive: the baseline's tests are not timed");
            assertEquals(20_000, fast.perTestLimitMs(20_000), "the fast per-test limit is the cold path's");
            Run warm = bench.fast(fast, slow, limit);
            assertNotNull(warm, "it stays on the fast path");
            assertEquals(Verdict.PASS, warm.verdict(), warm.reason());
            assertTrue(warm.ms() >= 2_000, "the test ran its 2 s: " + warm.ms() + " ms");
            Run cold = bench.cold(slow, limit);
            assertEquals(Verdict.PASS, cold.verdict(), cold.reason());
            assertEquals(cold.reason(), warm.reason());
        }
    }

    @Test
    void junit4FeaturesGetTheColdPathsVerdictsOnJUnitVintage() throws Exception {
        Path project = resourceProject("junit4-ledger");
        String ledger = Files.readString(project.resolve("src/main/java/demo/Ledger.java"));
        String legacyTest = "src/test/java/demo/LegacyLedgerTest.java";
        String legacy = Files.readString(project.resolve(legacyTest));
        String ledgerTest = "src/test/java/demo/LedgerTest.java";
        String ledgerTestText = Files.readString(project.resolve(ledgerTest));
        String main = "src/main/java/demo/Ledger.java";
        List<Candidate> corpus = List.of(
                new Candidate("ledger", "empty", project, ""),
                new Candidate("ledger", "balance-off", project, UnifiedDiffs.create(main, ledger, ledger.replace("int i = 0;", "int i = 1;"))),
                new Candidate("ledger", "parameterized-fee", project, UnifiedDiffs.create(main, ledger, ledger.replace("amount / 10", "amount / 11"))),
                new Candidate("ledger", "expected-exception-rule", project,
                        UnifiedDiffs.create(main, ledger, ledger.replace("if (amount == 0)", "if (amount == -1)"))),
                new Candidate("ledger", "after-fails", project,
                        UnifiedDiffs.create(main, ledger, ledger.replace("return entries.size();", "return entries.size() - 3;"))),
                new Candidate("ledger", "compile-error", project, UnifiedDiffs.create(main, ledger, ledger.replace("entries.add(amount)", "entries.addd(amount)"))),
                new Candidate("ledger", "junit3-test-change", project,
                        UnifiedDiffs.create(legacyTest, legacy, legacy.replace("assertEquals(5, ledger", "assertEquals(6, ledger"))),
                new Candidate("ledger", "before-class-fails", project, UnifiedDiffs.create(ledgerTest, ledgerTestText,
                        ledgerTestText.replace("classes++;", "classes++; if (classes > 0) { throw new IllegalStateException(\"once\"); }"))),
                new Candidate("ledger", "loops", project, UnifiedDiffs.create(main, ledger, ledger.replace("i++)", "i += 0)"))));
        VerifierBench bench = new VerifierBench(Files.createDirectories(tmp.resolve("work")));
        bench.prefetch(project);
        bench.fetch(JUNIT4_ARTIFACTS);
        Map<String, Run> fastRuns = new java.util.HashMap<>();
        try (FastProject fast = bench.fast(project)) {
            for (Candidate c : corpus) {
                Run cold = bench.cold(c, Duration.ofSeconds(60));
                Run warm = bench.fast(fast, c, Duration.ofSeconds(60));
                assertNotNull(warm, c.name() + " stays on the fast path");
                assertEquals(cold.verdict(), warm.verdict(), c.name() + ": cold " + cold.reason() + " / fast " + warm.reason());
                assertEquals(cold.failingTests(), warm.failingTests(), c.name());
                assertEquals(cold.reason(), warm.reason(), c.name());
                fastRuns.put(c.name(), warm);
            }
            // after "loops" was answered at its first time-out, the rest of its run went on looping in the runner (its
            // next test loops too): the next candidate does not wait for it, the runner is replaced
            int before = fast.jvmsUsed();
            Run next = bench.fast(fast, corpus.get(0), Duration.ofSeconds(60));
            assertEquals("all 10 tests passed", next.reason(), "the next candidate runs on a fresh JVM");
            assertEquals(before + 1, fast.jvmsUsed(), "the looping runner was replaced");
        }
        // 3 parameterized, 5 JUnit 4 (one @Ignore'd, one @Category), 2 JUnit 3 tests
        assertEquals("all 10 tests passed", fastRuns.get("empty").reason());
        for (String failing : List.of("balance-off", "parameterized-fee", "expected-exception-rule", "after-fails", "junit3-test-change", "loops")) {
            Run r = fastRuns.get(failing);
            assertEquals(Verdict.FAIL, r.verdict(), failing + ": " + r.reason());
            assertEquals(1, r.failingTests().size(), failing + " stops at its first failing test: " + r.failingTests());
        }
        assertEquals(List.of("demo.FeeTest#fee"), fastRuns.get("parameterized-fee").failingTests(), "surefire names a parameterized case by its method");
        assertEquals(List.of("demo.LedgerTest#rejectsZero"), fastRuns.get("expected-exception-rule").failingTests());
        assertEquals(List.of("demo.LegacyLedgerTest#testBalance"), fastRuns.get("junit3-test-change").failingTests());
        // a class-level failure: surefire's JUnit 4 provider writes a testcase without a name (found by bench/verifier/run:
        // the fast path named it LedgerTest#LedgerTest)
        assertEquals(List.of("demo.LedgerTest#(unknown)"), fastRuns.get("before-class-fails").failingTests());
        assertTrue(fastRuns.get("loops").reason().contains("; stopped at the first failing test: LedgerTest#"), fastRuns.get("loops").reason());
        assertTrue(fastRuns.get("compile-error").reason().startsWith("does not compile"), fastRuns.get("compile-error").reason());
    }

    @Test
    void junit3TestCasesGetTheColdPathsVerdictsAndJUnit38GoesCold() throws Exception {
        Path project = resourceProject("junit3-wallet");
        String main = "src/main/java/demo/Wallet.java";
        String wallet = Files.readString(project.resolve(main));
        List<Candidate> corpus = List.of(
                new Candidate("wallet", "empty", project, ""),
                new Candidate("wallet", "deposit-off", project, UnifiedDiffs.create(main, wallet, wallet.replace("cents += amount;", "cents += amount + 1;"))),
                new Candidate("wallet", "overdraw", project, UnifiedDiffs.create(main, wallet, wallet.replace("amount > cents", "amount > cents + 1000"))),
                new Candidate("wallet", "accepts-zero", project, UnifiedDiffs.create(main, wallet, wallet.replace("amount <= 0", "amount < 0"))));
        VerifierBench bench = new VerifierBench(Files.createDirectories(tmp.resolve("work")));
        bench.prefetch(project);
        bench.fetch(JUNIT4_ARTIFACTS);
        try (FastProject fast = bench.fast(project)) {
            for (Candidate c : corpus) {
                Run cold = bench.cold(c, Duration.ofSeconds(60));
                Run warm = bench.fast(fast, c, Duration.ofSeconds(60));
                assertNotNull(warm, c.name() + " stays on the fast path");
                assertEquals(cold.verdict(), warm.verdict(), c.name() + ": cold " + cold.reason() + " / fast " + warm.reason());
                assertEquals(cold.failingTests(), warm.failingTests(), c.name());
                assertEquals(cold.reason(), warm.reason(), c.name());
                if (!c.diff().isBlank()) {
                    assertEquals(Verdict.FAIL, warm.verdict(), c.name() + ": " + warm.reason());
                }
            }
            assertEquals(List.of("demo.WalletTest#testRejectsZero"), bench.fast(fast, corpus.get(3), Duration.ofSeconds(60)).failingTests());
        }
        // junit:junit 3.8 has no JUnit 4 runner API for Vintage: such a project keeps the cold path, saying why
        Path old = Files.createDirectories(tmp.resolve("wallet-38"));
        copyTree(project, old);
        Files.writeString(old.resolve("pom.xml"), Files.readString(old.resolve("pom.xml")).replace("<version>4.13.2</version>", "<version>3.8.2</version>"));
        bench.prefetch(old);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bench.fast(old));
        assertTrue(e.getMessage().contains("junit:junit 3.8.2 is older than 4.12, which JUnit Vintage needs"), e.getMessage());
    }

    @Test
    void aCandidateThatStillLoopsCostsOneTestLimitOnBothPaths() throws Exception {
        Path project = resourceProject("junit4-counter");
        String main = "src/main/java/demo/Counter.java";
        String counter = Files.readString(project.resolve(main));
        // the baseline loops in all nine tests (the plan's tests run first); a candidate that still loops
        Candidate stillLoops = new Candidate("counter", "still-loops", project, UnifiedDiffs.create(main, counter, counter.replace("int c = 0;", "int c = 1 - 1;")));
        Candidate fix = new Candidate("counter", "fix", project, UnifiedDiffs.create(main, counter, counter.replace("i += 0", "i++")));
        List<String> testsFirst = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            testsFirst.add("CounterTest#count" + i);
        }
        VerifierBench bench = new VerifierBench(Files.createDirectories(tmp.resolve("work")));
        bench.prefetch(project);
        bench.fetch(JUNIT4_ARTIFACTS);
        try (FastProject fast = bench.fast(project)) {
            Run cold = bench.cold(stillLoops, Duration.ofSeconds(120), testsFirst);
            Run warm = bench.fast(fast, stillLoops, Duration.ofSeconds(120), testsFirst);
            for (Run r : List.of(cold, warm)) {
                assertEquals(Verdict.FAIL, r.verdict(), r.reason());
                // one test ran (and timed out after its 3 s): the other eight were not run
                assertTrue(r.reason().matches("1 of 1 test failed \\(the plan's tests, run first\\): CounterTest#count\\d; "
                        + "stopped at the first failing test: CounterTest#count\\d"), r.reason());
                assertEquals(1, r.failingTests().size(), r.failingTests().toString());
            }
            assertEquals(cold.reason(), warm.reason());
            assertEquals(cold.failingTests(), warm.failingTests());
            Run coldFix = bench.cold(fix, Duration.ofSeconds(120), testsFirst);
            Run warmFix = bench.fast(fast, fix, Duration.ofSeconds(120), testsFirst);
            assertEquals(Verdict.PASS, coldFix.verdict(), coldFix.reason());
            assertEquals("all 9 tests passed", coldFix.reason());
            assertEquals(coldFix.reason(), warmFix.reason(), "the fix runs the whole suite after the plan's tests");
        }
    }

    /** Copies {@code src/test/resources/fast/<name>} into the test's directory. */
    private Path resourceProject(String name) throws IOException, URISyntaxException {
        Path from = Path.of(FastPathEquivalenceTest.class.getResource("/fast/" + name).toURI());
        Path to = Files.createDirectories(tmp.resolve(name));
        copyTree(from, to);
        return to;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !from.relativize(f).startsWith("target")).toList()) {
                Path dest = to.resolve(from.relativize(f).toString());
                Files.createDirectories(dest.getParent());
                Files.copy(f, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
