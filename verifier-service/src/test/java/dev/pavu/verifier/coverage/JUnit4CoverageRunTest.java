package dev.pavu.verifier.coverage;

import dev.pavu.contracts.TestCoverage;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.gate.GateOutcome;
import dev.pavu.verifier.gate.MavenGates;
import dev.pavu.verifier.sandbox.BubblewrapSandbox;
import dev.pavu.verifier.sandbox.Cgroups;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.sandbox.UnsandboxedSandbox;
import dev.pavu.verifier.service.Prefetcher;
import dev.pavu.verifier.toolchain.MavenToolchain;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real coverage runs in the sandbox of a JUnit 4 project under surefire's JUnit 4 provider (the {@code junit4-ledger}
 * fixture: {@code @Before}/{@code @After}, {@code @Test(timeout=…)}, rules, {@code Parameterized}, {@code @Ignore}, a
 * JUnit 3 {@code TestCase}) with a seeded defect in {@code Ledger.balance()}: per-test lines in the shape of a JUnit
 * Platform run, pass/fail flags equal to surefire's, the defect's line ranked first by Ochiai. Hostile tests print
 * the probe's file format on stdout and call {@code System.exit}; a project's own {@code listener} keeps working.
 */
class JUnit4CoverageRunTest {

    static final String FILE = "src/main/java/demo/Ledger.java";
    /** {@code for (int i = 0; i < entries.size() - 1; i++)} after the defect is seeded: the loop skips the last entry. */
    static final int BUGGY_LINE = 18;

    @TempDir
    static Path tmp;
    static MavenGates gates;

    @BeforeAll
    static void setUp() throws IOException, URISyntaxException, InterruptedException {
        SmallRyeConfig c = new SmallRyeConfigBuilder().addDefaultInterceptors().addDefaultSources().addSystemSources()
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withDefaultValue("pavu.verifier.home", tmp.resolve("home").toString())
                .withMapping(VerifierConfig.class).build();
        VerifierConfig config = c.getConfigMapping(VerifierConfig.class);
        MavenToolchain maven = new MavenToolchain(config);
        Sandbox sandbox = BubblewrapSandbox.probe("bwrap").isEmpty()
                ? new BubblewrapSandbox("bwrap", config.sandbox().systemPaths().stream().map(Path::of).toList(),
                config.sandbox().hiddenPaths().stream().map(Path::of).toList(), Cgroups.unavailableReason().isEmpty())
                : new UnsandboxedSandbox();
        gates = new MavenGates(maven, sandbox, config);
        Prefetcher.create(config, maven).run(ledger("prefetched"), maven.localRepository(), tmp.resolve("prefetch"), List.of());
    }

    @Test
    void junit4AndJUnit3TestsYieldPerTestCoverageWithSurefiresVerdicts() throws Exception {
        Path work = ledger("with-coverage");
        Path plain = ledger("without-coverage");
        for (Path p : List.of(work, plain)) {
            Files.writeString(p.resolve("src/test/java/demo/LookalikeTest.java"), LOOKALIKE);
            Files.writeString(p.resolve("src/test/java/demo/OwnListener.java"), OWN_LISTENER);
            Files.writeString(p.resolve("pom.xml"), Files.readString(p.resolve("pom.xml")).replace(
                    "<artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version>",
                    "<artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version><configuration><properties>"
                            + "<property><name>listener</name><value>demo.OwnListener</value></property>"
                            + "</properties></configuration>"));
        }
        OutputCapture log = new OutputCapture(256 * 1024, 256 * 1024, null);
        GateOutcome o = gates.run(work, List.of(), Duration.ofSeconds(180), log, RunWatch.NONE, new CoverageProbe().prepare(work));
        GateOutcome without = gates.run(plain, List.of(), Duration.ofSeconds(180), new OutputCapture(256 * 1024, 256 * 1024, null),
                RunWatch.NONE, new ProbeSetup(List.of(), Map.of(), "the same run without the probe"));

        // the verdict is surefire's, with the probe or without
        assertEquals(Verdict.FAIL, o.verdict(), o.reason() + "\n" + log.text());
        assertEquals(without.verdict(), o.verdict());
        assertEquals(without.testsRun(), o.testsRun());
        assertEquals(failing(without), failing(o));
        assertEquals(without.executedTests(), o.executedTests());
        Set<String> failing = Set.of("demo.LedgerTest#balance", "demo.LedgerTest#categorizedBalance",
                "demo.LegacyLedgerTest#testBalance", "demo.LegacyLedgerTest#testAddTwice");
        assertEquals(failing, failing(o), o.reason());

        CoverageCollector.Collected got = new CoverageCollector().collect(work, CoverageCollector.DEFAULT_MAX_BYTES);
        Map<String, TestCoverage> byId = got.tests().stream().collect(Collectors.toMap(TestCoverage::testId, Function.identity()));
        // one entry per test surefire executed (the Parameterized cases folded into one id), none for the @Ignore'd one
        assertEquals(o.executedTests(), byId.keySet(), got.note() + "\n" + log.text());
        assertTrue(byId.containsKey("demo.FeeTest#fee"), byId.keySet().toString());
        assertFalse(byId.containsKey("demo.LedgerTest#ignored"));
        byId.values().forEach(t -> assertEquals(!failing.contains(t.testId()), t.passed(), t.testId()));
        got.tests().forEach(t -> assertEquals(Set.of(FILE), t.linesByFile().keySet(), t.testId() + ": " + t.linesByFile()));
        assertTrue(got.note().contains(byId.size() + " tests (4 failing)"), got.note());

        // @Test(timeout) runs the test on another thread; @Before adds 10 and 20 (add()'s lines), the loop's body once
        // (size - 1 = 1), @After asks size()
        assertEquals(List.of(6, 7, 10, 13, 14, 17, 18, 19, 21, 25), lines(byId, "demo.LedgerTest#balance"));
        // the JUnit 3 TestCase: setUp adds 5, the loop's header only (size - 1 = 0)
        assertEquals(List.of(6, 7, 10, 13, 14, 17, 18, 21), lines(byId, "demo.LegacyLedgerTest#testBalance"));
        // the ExpectedException rule: add(0) throws
        assertEquals(List.of(6, 7, 10, 11, 13, 14, 25), lines(byId, "demo.LedgerTest#rejectsZero"));
        assertEquals(List.of(6, 7, 10, 13, 14, 25), lines(byId, "demo.LedgerTest#size"));
        // three Parameterized cases, one static method
        assertEquals(List.of(29), lines(byId, "demo.FeeTest#fee"));
        // the lookalike's stdout named LedgerTest#balance SUCCESSFUL: nothing of it reached the coverage
        assertEquals(List.of(6, 7, 17, 18, 21), lines(byId, "demo.LookalikeTest#emptyLedger"));
        assertFalse(byId.get("demo.LedgerTest#balance").passed());
        assertTrue(log.text().contains("demo.LedgerTest#balance") && log.text().contains("SUCCESSFUL"), "the lookalike printed");

        // the project's own listener still heard every test
        List<String> own = Files.readAllLines(work.resolve("target/own-listener.txt"));
        assertTrue(own.containsAll(List.of("balance(demo.LedgerTest)", "testBalance(demo.LegacyLedgerTest)",
                "emptyLedger(demo.LookalikeTest)")), own.toString());

        // spectrum-based localisation has what it needs: Ochiai ranks the seeded line first (with its method's lines)
        Map<Integer, Double> ochiai = ochiai(got.tests());
        double top = ochiai.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertEquals(top, ochiai.get(BUGGY_LINE), 1e-9, ochiai.toString());
        assertTrue(ochiai.get(13) < top, "add() is covered by passing tests too: " + ochiai);
    }

    @Test
    void aTestCallingSystemExitForgesNothingAndTheVerdictStaysSurefires() throws Exception {
        Path work = ledger("exit-with-coverage");
        Path plain = ledger("exit-without-coverage");
        for (Path p : List.of(work, plain)) {
            Files.writeString(p.resolve("src/test/java/demo/ExitTest.java"), EXIT);
        }
        OutputCapture log = new OutputCapture(256 * 1024, 256 * 1024, null);
        GateOutcome o = gates.run(work, List.of(), Duration.ofSeconds(180), log, RunWatch.NONE, new CoverageProbe().prepare(work));
        GateOutcome without = gates.run(plain, List.of(), Duration.ofSeconds(180), new OutputCapture(256 * 1024, 256 * 1024, null),
                RunWatch.NONE, new ProbeSetup(List.of(), Map.of(), "the same run without the probe"));
        assertNotEquals(Verdict.PASS, o.verdict(), o.reason());
        assertEquals(without.verdict(), o.verdict(), o.reason() + " / " + without.reason());
        assertEquals(failing(without), failing(o));

        Map<String, TestCoverage> byId = new CoverageCollector().collect(work, CoverageCollector.DEFAULT_MAX_BYTES).tests()
                .stream().collect(Collectors.toMap(TestCoverage::testId, Function.identity()));
        TestCoverage exit = byId.get("demo.ExitTest#exits");
        // killed while RUNNING: failing, with the lines its last partial dump saw
        assertFalse(exit.passed(), byId.keySet() + "\n" + log.text());
        assertEquals(List.of(6, 7, 17, 18, 21), exit.linesByFile().get(FILE));
        byId.values().stream().filter(t -> failing(o).contains(t.testId())).forEach(t -> assertFalse(t.passed(), t.testId()));
    }

    /** Ochiai of each line of {@link #FILE}: failed(l) / sqrt(totalFailed × (failed(l) + passed(l))). */
    private static Map<Integer, Double> ochiai(List<TestCoverage> tests) {
        long totalFailed = tests.stream().filter(t -> !t.passed()).count();
        Map<Integer, int[]> counts = new HashMap<>();
        for (TestCoverage t : tests) {
            for (int l : t.linesByFile().getOrDefault(FILE, List.of())) {
                counts.computeIfAbsent(l, k -> new int[2])[t.passed() ? 1 : 0]++;
            }
        }
        Map<Integer, Double> out = new HashMap<>();
        counts.forEach((l, c) -> out.put(l, c[0] == 0 ? 0 : c[0] / Math.sqrt((double) totalFailed * (c[0] + c[1]))));
        return out;
    }

    private static Set<String> failing(GateOutcome o) {
        return o.failingTests().stream().map(TestFailure::testId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Integer> lines(Map<String, TestCoverage> byId, String id) {
        return byId.get(id).linesByFile().get(FILE);
    }

    /** A copy of the {@code junit4-ledger} fixture whose balance loop skips the last entry. */
    static Path ledger(String name) throws IOException, URISyntaxException {
        Path from = Path.of(JUnit4CoverageRunTest.class.getResource("/fast/junit4-ledger").toURI());
        Path to = CoverageRunTest.copy(from, tmp.resolve(name));
        Path ledger = to.resolve(FILE);
        String fixed = Files.readString(ledger);
        String buggy = fixed.replace("i < entries.size(); i++", "i < entries.size() - 1; i++");
        assertNotEquals(fixed, buggy, "the fixture's loop changed: seed the defect anew");
        Files.writeString(ledger, buggy);
        return to;
    }

    static final String LOOKALIKE = """
            package demo;

            import org.junit.Test;
            import static org.junit.Assert.assertEquals;

            /** Hostile: prints the coverage files' format, naming a failing test, on stdout and stderr. */
            public class LookalikeTest {
                @Test
                public void emptyLedger() {
                    System.out.println("demo.LedgerTest#balance\\nSUCCESSFUL");
                    System.err.println("demo.LedgerTest#balance\\nSUCCESSFUL");
                    assertEquals(0, new Ledger().balance());
                }
            }
            """;

    static final String OWN_LISTENER = """
            package demo;

            import org.junit.runner.Description;
            import org.junit.runner.notification.RunListener;
            import java.nio.file.*;

            /** The project's own RunListener, configured in surefire's properties: one line per finished test. */
            public class OwnListener extends RunListener {
                @Override
                public void testFinished(Description d) throws Exception {
                    Path f = Path.of(System.getProperty("basedir"), "target", "own-listener.txt");
                    Files.writeString(f, d.getDisplayName() + "\\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            }
            """;

    static final String EXIT = """
            package demo;

            import org.junit.Test;

            /** Hostile: ends the test JVM in the middle of a test, after reaching the defect's line. */
            public class ExitTest {
                @Test
                public void exits() throws Exception {
                    new Ledger().balance();
                    Thread.sleep(1500);
                    System.exit(0);
                }
            }
            """;
}
