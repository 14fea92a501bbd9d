package dev.pavu.verifier.coverage;

import dev.pavu.contracts.TestCoverage;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.gate.GateOutcome;
import dev.pavu.verifier.gate.MavenGates;
import dev.pavu.verifier.sandbox.BubblewrapSandbox;
import dev.pavu.verifier.sandbox.Cgroups;
import dev.pavu.verifier.sandbox.ExecRequest;
import dev.pavu.verifier.sandbox.Limits;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real coverage run in the sandbox on the bug benchmark's {@code bubble-sort} program (its tests reach the
 * code only through a varargs helper of the test class): per-test lines and pass/fail flags are what the
 * tests execute; a run without the probe leaves neither agent nor coverage.
 */
class CoverageRunTest {

    static final String FILE = "src/main/java/dev/pavu/bench/bubblesort/BubbleSort.java";
    static final String CLS = "dev.pavu.bench.bubblesort.BubbleSortTest#";

    @TempDir
    static Path tmp;
    static MavenToolchain maven;
    static Sandbox sandbox;
    static MavenGates gates;
    static VerifierConfig config;

    @BeforeAll
    static void setUp() throws IOException {
        SmallRyeConfig c = new SmallRyeConfigBuilder().addDefaultInterceptors().addDefaultSources().addSystemSources()
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withDefaultValue("pavu.verifier.home", tmp.resolve("home").toString())
                .withMapping(VerifierConfig.class).build();
        config = c.getConfigMapping(VerifierConfig.class);
        maven = new MavenToolchain(config);
        sandbox = BubblewrapSandbox.probe("bwrap").isEmpty()
                ? new BubblewrapSandbox("bwrap", config.sandbox().systemPaths().stream().map(Path::of).toList(),
                config.sandbox().hiddenPaths().stream().map(Path::of).toList(), Cgroups.unavailableReason().isEmpty())
                : new UnsandboxedSandbox();
        gates = new MavenGates(maven, sandbox, config);
        try {
            Prefetcher.create(config, maven).run(bubbleSort(), maven.localRepository(), tmp.resolve("prefetch"), List.of());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void perTestLinesAndStatusesOfBubbleSort() throws IOException {
        Path work = copy(bubbleSort(), tmp.resolve("with-coverage"));
        ProbeSetup probe = new CoverageProbe().prepare(work);
        assertEquals("dev.pavu.bench.bubblesort.*", CoverageProbe.includes(work));
        OutputCapture log = new OutputCapture(256 * 1024, 256 * 1024, null);
        GateOutcome o = gates.run(work, List.of(), Duration.ofSeconds(120), log, RunWatch.NONE, probe);
        assertEquals(Verdict.FAIL, o.verdict(), o.reason() + "\n" + log.text());
        assertEquals(2, o.testsFailed(), o.reason());

        CoverageCollector.Collected got = new CoverageCollector().collect(work, CoverageCollector.DEFAULT_MAX_BYTES);
        Map<String, TestCoverage> byId = got.tests().stream().collect(Collectors.toMap(TestCoverage::testId, Function.identity()));
        assertEquals(Set.of(CLS + "emptyArray", CLS + "alreadySorted", CLS + "oneSwapAway", CLS + "reversed",
                CLS + "mixedWithDuplicates"), byId.keySet(), got.note() + "\n" + log.text());
        assertFalse(byId.get(CLS + "reversed").passed());
        assertFalse(byId.get(CLS + "mixedWithDuplicates").passed());
        assertTrue(byId.get(CLS + "emptyArray").passed());
        assertTrue(byId.get(CLS + "alreadySorted").passed());
        assertTrue(byId.get(CLS + "oneSwapAway").passed());
        assertFalse(got.tests().get(0).passed(), "failing tests come first");
        // only main code: the test class's lines never appear
        got.tests().forEach(t -> assertEquals(Set.of(FILE), t.linesByFile().keySet(), t.testId() + ": " + t.linesByFile()));

        // an empty array: the outer loop's header only (a.length - 1 = -1), then the method's end
        assertEquals(List.of(10, 24), lines(byId, "emptyArray"));
        // already sorted: comparisons, no swap, no early exit
        assertEquals(List.of(10, 11, 12, 13, 20, 24), lines(byId, "alreadySorted"));
        // one swap: the swap, and (the seeded defect) the early exit right after the first pass
        assertEquals(List.of(10, 11, 12, 13, 14, 15, 16, 17, 20, 21, 24), lines(byId, "oneSwapAway"));
        assertEquals(List.of(10, 11, 12, 13, 14, 15, 16, 17, 20, 21, 24), lines(byId, "reversed"));
        assertTrue(got.note().contains("5 tests (2 failing)"), got.note());
        assertTrue(log.text().contains("per-test coverage: JaCoCo agent"), log.text());

        // the payload cap keeps the failing tests first and says what it left out
        CoverageCollector.Collected capped = new CoverageCollector().collect(work, 600);
        assertEquals(List.of(CLS + "mixedWithDuplicates", CLS + "reversed"),
                capped.tests().stream().map(TestCoverage::testId).toList(), capped.note());
        assertEquals(5, capped.totalTests());
        assertTrue(capped.note().contains("capped at 600 bytes: 3 passing tests left out (failing tests first)"), capped.note());

        // a test killed mid-run (status still RUNNING) counts as failing with its partial lines; ABORTED is left out
        Path dir = work.resolve("target/pavu-coverage");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".test")).toList()) {
                String text = Files.readString(f);
                if (text.startsWith(CLS + "alreadySorted\n")) {
                    Files.writeString(f, CLS + "alreadySorted\nRUNNING\n");
                } else if (text.startsWith(CLS + "emptyArray\n")) {
                    Files.writeString(f, CLS + "emptyArray\nABORTED\n");
                }
            }
        }
        Map<String, TestCoverage> after = new CoverageCollector().collect(work, CoverageCollector.DEFAULT_MAX_BYTES).tests()
                .stream().collect(Collectors.toMap(TestCoverage::testId, Function.identity()));
        assertEquals(4, after.size(), after.keySet().toString());
        assertFalse(after.get(CLS + "alreadySorted").passed());
        assertEquals(List.of(10, 11, 12, 13, 20, 24), after.get(CLS + "alreadySorted").linesByFile().get(FILE));
    }

    @Test
    void withoutTheProbeThereIsNoAgentAndNoCoverage() throws IOException {
        Path work = copy(bubbleSort(), tmp.resolve("without-coverage"));
        OutputCapture log = new OutputCapture(256 * 1024, 256 * 1024, null);
        GateOutcome o = gates.run(work, List.of(), Duration.ofSeconds(120), log, RunWatch.NONE);
        assertEquals(Verdict.FAIL, o.verdict(), o.reason());
        assertFalse(Files.exists(work.resolve(CoverageProbe.AGENT_DIR)));
        assertFalse(Files.exists(work.resolve("target/pavu-coverage")));
        assertFalse(log.text().contains("javaagent"), "no agent on the command line or in the environment");
        CoverageCollector.Collected got = new CoverageCollector().collect(work, CoverageCollector.DEFAULT_MAX_BYTES);
        assertTrue(got.tests().isEmpty());
        assertTrue(got.note().startsWith("no per-test coverage"), got.note());
    }

    private static List<Integer> lines(Map<String, TestCoverage> byId, String method) {
        return byId.get(CLS + method).linesByFile().get(FILE);
    }

    static Path bubbleSort() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("bench/bugs/bubble-sort");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("bench/bugs/bubble-sort not found above " + Path.of("").toAbsolutePath());
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }
}
