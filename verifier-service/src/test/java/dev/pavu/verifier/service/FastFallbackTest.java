package dev.pavu.verifier.service;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.verifier.InvoiceProjectAccess;
import dev.pavu.verifier.bench.VerifierBench;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.fast.FastPath;
import dev.pavu.verifier.fast.FastPaths;
import dev.pavu.verifier.gate.GateOutcome;
import dev.pavu.verifier.gate.GatePipeline;
import dev.pavu.verifier.gate.MavenGates;
import dev.pavu.verifier.gate.RunContext;
import dev.pavu.verifier.sandbox.BubblewrapSandbox;
import dev.pavu.verifier.sandbox.Cgroups;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.toolchain.MavenToolchain;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fast path's own failures send a candidate to the cold path, in the same sandbox, and its verdict says so
 * ({@link MavenPaths}): a warm JVM that cannot start (its runner classes damaged, the running JVMs gone) gives the cold
 * path's PASS; a candidate that halts the warm JVM (hostile) is verified on the cold path, where it crashes surefire's
 * JVM too: FAIL, never an escape into a PASS. A failing test, a compile error and a loop are the fast path's own
 * verdicts: no fallback.
 */
class FastFallbackTest {

    private static final String MAIN = "src/main/java/demo/Invoice.java";
    private static final SourceRef SOURCE = new SourceRef("bundle", null, null, "fa11bac4".repeat(5), "0dd5".repeat(16));

    @TempDir
    Path tmp;
    private VerifierConfig config;
    private MavenGates gates;
    private FastPaths paths;
    private MavenPaths mavenPaths;
    private String main;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(BubblewrapSandbox.probe("bwrap").isEmpty(), "bubblewrap does not work here");
        Path home = tmp.resolve("home");
        SmallRyeConfig c = new SmallRyeConfigBuilder().addDefaultInterceptors().addDefaultSources()
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new io.smallrye.config.PropertiesConfigSource(Map.of("pavu.verifier.home", home.toString()),
                        "fast-fallback-test", 900))
                .withMapping(VerifierConfig.class).build();
        config = c.getConfigMapping(VerifierConfig.class);
        MavenToolchain maven = new MavenToolchain(config);
        Sandbox sandbox = new BubblewrapSandbox("bwrap", config.sandbox().systemPaths().stream().map(Path::of).toList(),
                config.sandbox().hiddenPaths().stream().map(Path::of).toList(), Cgroups.unavailableReason().isEmpty());
        gates = new MavenGates(maven, sandbox, config);
        paths = new FastPaths(config, maven, sandbox, null);
        mavenPaths = new MavenPaths(gates, paths, null, null);
        main = InvoiceProjectAccess.files().get(MAIN);

        // the fused baseline: its cold run builds the fast path, whose project then opens without a build of its own
        Path project = write(tmp.resolve("invoice"));
        new VerifierBench(Files.createDirectories(tmp.resolve("bench"))).prefetch(project);
        Path work = write(home.resolve("verifier/work/baseline"));
        OutputCapture log = log();
        assertTrue(paths.wantsBaselineBuild(SOURCE, work, log), log.text());
        GateOutcome baseline = gates.run(work, List.of(), Duration.ofSeconds(120), log, RunWatch.NONE, null, FastPath.CLASSPATH_GOALS);
        assertEquals(Verdict.FAIL, baseline.verdict(), baseline.reason() + "\n" + log.text());
        assertTrue(paths.adopt(SOURCE, work, log), log.text());
    }

    @AfterEach
    void tearDown() {
        if (paths != null) {
            paths.close();
        }
    }

    @Test
    void failingCompileErrorAndLoopingCandidatesKeepTheFastPathsVerdictsAndAHaltedJvmIsJudgedOnTheColdPath() throws Exception {
        Verified wrong = verify(main.replace("return sum;", "return sum + 1;"), 60_000);
        assertEquals(Verdict.FAIL, wrong.outcome().verdict(), wrong.outcome().reason());
        assertFastPathsOwn(wrong);

        Verified noCompile = verify(main.replace("int sum = 0;", "int sum = 0"), 60_000);
        assertEquals(Verdict.FAIL, noCompile.outcome().verdict(), noCompile.outcome().reason());
        assertTrue(noCompile.outcome().reason().startsWith("does not compile: "), noCompile.outcome().reason());
        assertFastPathsOwn(noCompile);

        Verified loops = verify(main.replace("int sum = 0;", "int sum = 0; while (amounts.size() >= 0) { Thread.onSpinWait(); }")
                .replace("return amounts.size();", "while (amounts.size() >= 0) { Thread.onSpinWait(); } return 0;"), 15_000);
        assertEquals(Verdict.TIMEOUT, loops.outcome().verdict(), loops.outcome().reason());
        assertFastPathsOwn(loops);

        // hostile: the candidate halts the JVM its tests run in. The warm JVM's exit is the fast path's failure, so the
        // cold path judges it in the same sandbox: surefire's JVM dies the same way, FAIL (never a PASS)
        Verified halts = verify(main.replace("return amounts.size();", "Runtime.getRuntime().halt(7); return amounts.size();"), 60_000);
        GateOutcome o = halts.outcome();
        assertEquals(Verdict.FAIL, o.verdict(), o.reason() + "\n" + halts.log());
        assertTrue(o.reason().startsWith("the test JVM crashed"), "the cold path's verdict: " + o.reason());
        assertTrue(o.reason().endsWith("; fast path failed (the warm JVM exited during the tests (exit code 7)); verified on the cold path"),
                o.reason());
        assertTrue(o.gates().stream().map(GateResult::detail).noneMatch(d -> d.contains("(fast path)")), o.gates().toString());
        assertTrue(o.gates().getLast().detail().endsWith("verified on the cold path"), o.gates().toString());
        assertTrue(halts.log().contains("[pavu] fast path failed (the warm JVM exited during the tests (exit code 7)); verifying on the cold path"),
                halts.log());
        assertTrue(halts.log().contains("$ ") && halts.log().contains(" test"), "the cold path's Maven ran: " + halts.log());

        // the fast path still serves the next candidate: a crash is not the end of it
        Verified fix = verify(main.replace("int i = 1;", "int i = 0;"), 60_000);
        assertEquals(Verdict.PASS, fix.outcome().verdict(), fix.outcome().reason());
        assertFastPathsOwn(fix);
    }

    @Test
    void aWarmJvmThatCannotStartSendsTheCandidateToTheColdPathWithItsVerdict() throws Exception {
        Verified first = verify(main.replace("return sum;", "return sum + 1;"), 60_000);
        assertFastPathsOwn(first);

        // damage the runner the warm JVMs start from, then end the JVMs already running (the runner and its spare)
        Path fastDir = Path.of(config.home(), "verifier", "fast");
        try (Stream<Path> s = Files.walk(fastDir)) {
            List<Path> classes = s.filter(p -> p.toString().contains("/runner/dev/pavu/fastrunner/") && p.toString().endsWith(".class")).toList();
            assertFalse(classes.isEmpty(), "the runner's classes are in " + fastDir);
            for (Path cls : classes) {
                Files.writeString(cls, "not a class file");
            }
        }
        List<ProcessHandle> jvms = ProcessHandle.allProcesses().filter(h -> h.info().commandLine()
                .filter(cmd -> cmd.contains("PavuFastRunner") && cmd.contains(fastDir.toString())).isPresent()).toList();
        assertFalse(jvms.isEmpty(), "warm JVMs run");
        jvms.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : jvms) {
            h.onExit().get();
        }

        Verified fix = verify(main.replace("int i = 1;", "int i = 0;"), 60_000);
        GateOutcome o = fix.outcome();
        assertEquals(Verdict.PASS, o.verdict(), o.reason() + "\n" + fix.log());
        assertTrue(o.reason().startsWith("all 3 tests passed; fast path failed (the warm JVM did not start: it exited with code "), o.reason());
        assertTrue(o.reason().endsWith("); verified on the cold path"), o.reason());
        assertTrue(o.gates().stream().map(GateResult::detail).noneMatch(d -> d.contains("(fast path)")), o.gates().toString());

        // the same holds for a failing candidate: the cold path's FAIL, naming the cold path's failing test
        Verified wrong = verify(main.replace("return sum;", "return sum + 1;"), 60_000);
        assertEquals(Verdict.FAIL, wrong.outcome().verdict(), wrong.outcome().reason());
        assertEquals(first.outcome().failingTests().stream().map(t -> t.testId()).toList(),
                wrong.outcome().failingTests().stream().map(t -> t.testId()).toList());
        assertTrue(wrong.outcome().reason().contains("; fast path failed (the warm JVM did not start"), wrong.outcome().reason());
    }

    private record Verified(GateOutcome outcome, String log) {
    }

    private Verified verify(String newMain, long timeoutMs) throws Exception {
        String diff = UnifiedDiffs.create(MAIN, main, newMain);
        Path work = write(Path.of(config.home(), "verifier", "work", UUID.randomUUID().toString()));
        UnifiedDiffs.apply(work, diff);
        DiffProposed d = new DiffProposed(Envelope.of(EventTypes.DIFF_PROPOSED, UUID.randomUUID(), 1, UUID.randomUUID(), "actuator-service"),
                UUID.randomUUID(), UUID.randomUUID(), SOURCE, diff, "template", "p", "p", 1.0, 0,
                new VerifySpec(null, timeoutMs, List.of(), false));
        OutputCapture log = log();
        PathChoice choice = PathChoice.of(false, false, false, false);
        MavenPaths.Ran ran = mavenPaths.run(choice, d, null, work, new GatePipeline.Policy(List.of(), true, null),
                RunContext.startingNow(Duration.ofMillis(timeoutMs), log, RunWatch.NONE));
        return new Verified(ran.outcome(), log.text());
    }

    private static void assertFastPathsOwn(Verified v) {
        GateOutcome o = v.outcome();
        assertTrue(o.gates().getLast().detail().endsWith("(fast path)"), "judged on the fast path: " + o.gates());
        assertFalse(o.reason().contains("fast path failed"), o.reason());
        assertFalse(v.log().contains("verifying on the cold path"), v.log());
    }

    private static OutputCapture log() {
        return new OutputCapture(256 * 1024, 256 * 1024, null);
    }

    private static Path write(Path dir) throws Exception {
        for (Map.Entry<String, String> e : InvoiceProjectAccess.files().entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
        return dir;
    }
}
