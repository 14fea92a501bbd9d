package dev.pavu.verifier.fast;

import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.verifier.InvoiceProjectAccess;
import dev.pavu.verifier.bench.VerifierBench;
import dev.pavu.verifier.bench.VerifierBench.Candidate;
import dev.pavu.verifier.bench.VerifierBench.Run;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.gate.GateOutcome;
import dev.pavu.verifier.gate.MavenGates;
import dev.pavu.verifier.sandbox.BubblewrapSandbox;
import dev.pavu.verifier.sandbox.Cgroups;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.sandbox.UnsandboxedSandbox;
import dev.pavu.verifier.toolchain.MavenToolchain;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fused build: the baseline's cold coverage-style run also writes the fast path's test classpath, its workspace
 * becomes the fast path's build ({@link FastPaths#adopt}), and the candidates after it get the cold path's verdicts
 * with no second Maven build (every Maven invocation is logged by a wrapper of {@code mvn}). A hostile baseline stays
 * contained on the fused path too: its tests' escapes ({@link HostileTests}) fail in the sandboxed run, writes outside
 * the workspace (host {@code /tmp}, the verifier's fast-path and work directories) land nowhere, and a process it
 * leaves to rewrite the classpath file with {@code /root} dies with the run; what it wrote during the run is refused
 * ({@link ClasspathFile}), so no warm JVM gets {@code /root}: the candidate takes the cold path. (The warm JVM's own
 * containment of such tests: {@code FastPathContainmentTest}.)
 */
class FusedBaselineTest {

    private static final String TEST = "src/test/java/demo/InvoiceTest.java";
    private static final String MAIN = "src/main/java/demo/Invoice.java";
    private static final SourceRef SOURCE = new SourceRef("bundle", null, null, "c0ffee".repeat(7),
            "b0b0".repeat(16));

    @TempDir
    Path tmp;

    @Test
    void theFastPathAfterAFusedBaselineGivesTheColdVerdictsWithoutASecondMavenBuild() throws Exception {
        Path project = invoice(tmp.resolve("invoice"), null);
        String main = Files.readString(project.resolve(MAIN));
        List<Candidate> candidates = List.of(
                new Candidate("invoice", "empty", project, ""),
                new Candidate("invoice", "fix", project, UnifiedDiffs.create(MAIN, main, main.replace("int i = 1;", "int i = 0;"))),
                new Candidate("invoice", "no-compile", project, UnifiedDiffs.create(MAIN, main, main.replace("int sum = 0;", "int sum = 0"))),
                new Candidate("invoice", "wrong", project, UnifiedDiffs.create(MAIN, main, main.replace("return sum;", "return sum + 1;"))));
        VerifierBench bench = new VerifierBench(Files.createDirectories(tmp.resolve("bench")));
        bench.prefetch(project);
        Duration limit = Duration.ofSeconds(90);
        List<Run> cold = new ArrayList<>();
        for (Candidate c : candidates) {
            cold.add(bench.cold(c, limit));
        }

        Path mavenLog = tmp.resolve("maven-invocations.log");
        Path mvn = tmp.resolve("mvn-logged");
        Files.writeString(mvn, "#!/bin/sh\necho \"$*\" >> " + mavenLog + "\nexec mvn \"$@\"\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Fused f = new Fused(tmp.resolve("home"), mvn.toString(), new UnsandboxedSandbox());
        Path work = copyInto(project, f.work());
        OutputCapture log = new OutputCapture(256 * 1024, 256 * 1024, null);

        GateOutcome baseline = f.baseline(work, log);

        assertEquals(cold.getFirst().verdict(), baseline.verdict(), baseline.reason());
        assertEquals(List.of("demo.InvoiceTest#total"), baseline.failingTests().stream().map(t -> t.testId()).toList());
        assertTrue(f.paths().adopt(SOURCE, work, log), log.text());
        assertFalse(Files.exists(work), "the workspace moved to the fast path's directory");
        for (int i = 0; i < candidates.size(); i++) {
            Optional<GateOutcome> o = judged(f.paths().verify(SOURCE, candidates.get(i).diff(), new VerifySpec(null, limit.toMillis(), List.of(), false),
                    limit, log, RunWatch.NONE));
            assertTrue(o.isPresent(), candidates.get(i).name() + " takes the fast path: " + log.text());
            assertEquals(cold.get(i).verdict(), o.get().verdict(), candidates.get(i).name() + ": " + o.get().reason());
            assertEquals(cold.get(i).failingTests(), o.get().failingTests().stream().map(t -> t.testId()).sorted().toList(), candidates.get(i).name());
        }
        assertTrue(log.text().contains("fast path: built by the baseline's run (no build of its own)"), log.text());
        List<String> invocations = Files.readAllLines(mavenLog);
        assertEquals(1, invocations.size(), "one Maven build in all, the baseline's: " + invocations);
        assertTrue(invocations.getFirst().matches(".* test .*dependency:build-classpath.*"), invocations.getFirst());
        assertEquals(0, f.paths().ownBuilds());
        f.close();
    }

    @Test
    void aHostileBaselineStaysContainedOnTheFusedPath() throws Exception {
        assumeTrue(BubblewrapSandbox.probe("bwrap").isEmpty(), "bubblewrap does not work here");
        String secret = "PAVU-HOST-SECRET-" + UUID.randomUUID();
        Path hostFile = Files.writeString(Path.of("/tmp", "pavu-host-file-" + UUID.randomUUID() + ".txt"), secret);
        Path planted = Path.of("/tmp", "pavu-fused-planted-" + UUID.randomUUID());
        Path home = tmp.resolve("home");
        Path fastDir = home.resolve("verifier/fast");
        Files.createDirectories(fastDir);
        assertTrue(Files.isWritable(planted.getParent()) && Files.isWritable(fastDir), "the targets are writable outside the sandbox");
        Path workDir = Files.createDirectories(home.resolve("verifier/work"));
        List<Path> targets = List.of(planted, fastDir.resolve("planted"), workDir.resolve("planted"));
        ProcessBuilder pb = new ProcessBuilder("sleep", "600");
        pb.environment().put("PAVU_SECRET", secret);
        Process holder = pb.start();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path project = invoice(tmp.resolve("invoice"), t -> HostileTests.withAttacks(t, server.getLocalPort(), hostFile, secret)
                    .replace("class InvoiceTest {", "class InvoiceTest {\n" + writes(targets)));
            new VerifierBench(Files.createDirectories(tmp.resolve("bench"))).prefetch(project);
            Fused f = new Fused(home, "mvn", null);
            Path work = copyInto(project, f.work());
            OutputCapture log = new OutputCapture(256 * 1024, 256 * 1024, null);

            GateOutcome baseline = f.baseline(work, log);

            assertEquals(Verdict.FAIL, baseline.verdict(), baseline.reason());
            assertEquals(List.of("demo.InvoiceTest#total"), baseline.failingTests().stream().map(t -> t.testId()).toList(),
                    "only the project's own bug fails in the baseline's sandboxed run: " + baseline.reason());
            Path cpFile = work.resolve(FastPath.CLASSPATH_FILE);
            String afterRun = Files.readString(cpFile);
            assertTrue(f.paths().adopt(SOURCE, work, log), log.text());
            Thread.sleep(3000); // the rewriter, were it still alive, would have struck again by now
            Path moved = home.resolve("verifier/fast").resolve(f.key()).resolve("base").resolve(FastPath.CLASSPATH_FILE);
            assertEquals(afterRun, Files.readString(moved), "the left-behind rewriter died with the baseline's run");
            String main = Files.readString(project.resolve(MAIN));
            Optional<GateOutcome> fix = judged(f.paths().verify(SOURCE, UnifiedDiffs.create(MAIN, main, main.replace("int i = 1;", "int i = 0;")),
                    new VerifySpec(null, 90_000, List.of(), false), Duration.ofSeconds(90), log, RunWatch.NONE));
            if (afterRun.strip().equals("/root")) {
                // the rewriter struck within the run, after Maven wrote the file (the workspace is writable then): the file
                // is refused, so the candidate takes the cold path rather than a warm JVM with /root mounted
                assertTrue(fix.isEmpty(), "no fast path on a tampered classpath file");
                assertTrue(log.text().contains("was refused: '/root' is outside the workspace and the local Maven repository"), log.text());
            } else {
                // Maven wrote the file last (the run ended within the rewriter's 100 ms): the fast path runs, and the
                // hostile tests' escapes fail in the warm JVM too
                assertTrue(afterRun.contains("junit-jupiter-api"), afterRun);
                assertTrue(fix.isPresent(), log.text());
                assertEquals(Verdict.PASS, fix.get().verdict(), "every attack failed in the warm JVM: " + fix.get().reason());
            }
            for (Path t : targets) {
                assertFalse(Files.exists(t), "nothing written outside the workspace: " + t);
            }
            f.close();
        } finally {
            holder.destroyForcibly();
            Files.deleteIfExists(hostFile);
            Files.deleteIfExists(planted);
        }
    }

    /**
     * A test that tries to write outside the workspace (judged on the host afterwards: inside the sandbox a private
     * {@code /tmp} may take the write), and one that leaves a process to rewrite the classpath file later.
     */
    private static String writes(List<Path> targets) {
        return """
                    @Test
                    void tryWrites() {
                        for (String p : "%s".split(",")) {
                            try {
                                java.nio.file.Files.createDirectories(java.nio.file.Path.of(p).getParent());
                                java.nio.file.Files.writeString(java.nio.file.Path.of(p), "planted");
                            } catch (Exception e) {
                                // refused: as it should be
                            }
                        }
                    }

                    @Test
                    void leaveRewriter() throws Exception {
                        new ProcessBuilder("sh", "-c", "(for i in $(seq 300); do echo /root > target/pavu-test-classpath.txt; sleep 0.1; done) >/dev/null 2>&1 &")
                                .start().waitFor();
                    }
                """.formatted(String.join(",", targets.stream().map(Path::toString).toList()));
    }

    private static Path invoice(Path dir, java.util.function.UnaryOperator<String> test) throws Exception {
        for (Map.Entry<String, String> e : InvoiceProjectAccess.files().entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, test != null && e.getKey().equals(TEST) ? test.apply(e.getValue()) : e.getValue());
        }
        return dir;
    }

    /** @return the fast path's verdict, or empty when the candidate goes to the cold path (not taken, or the fast path failed) */
    private static Optional<GateOutcome> judged(FastAttempt a) {
        return a instanceof FastAttempt.Judged j ? Optional.of(j.outcome()) : Optional.empty();
    }

    private static Path copyInto(Path project, Path work) throws Exception {
        for (Map.Entry<String, String> e : InvoiceProjectAccess.files().entrySet()) {
            Path f = work.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.copy(project.resolve(e.getKey()), f);
        }
        return work;
    }

    /** The verifier's pieces of the fused path, as CandidateVerifier uses them, on one verifier home. */
    private static final class Fused implements AutoCloseable {
        private final VerifierConfig config;
        private final MavenGates gates;
        private final FastPaths paths;

        Fused(Path home, String mvn, Sandbox sandboxOrNull) {
            SmallRyeConfig c = new SmallRyeConfigBuilder().addDefaultInterceptors().addDefaultSources()
                    .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                    .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                    // above application.properties (whose home is ${PAVU_HOME}): this test's own home
                    .withSources(new io.smallrye.config.PropertiesConfigSource(Map.of("pavu.verifier.home", home.toString(),
                            "pavu.verifier.maven.command", mvn), "fused-baseline-test", 900))
                    .withMapping(VerifierConfig.class).build();
            config = c.getConfigMapping(VerifierConfig.class);
            MavenToolchain maven = new MavenToolchain(config);
            Sandbox sandbox = sandboxOrNull != null ? sandboxOrNull : new BubblewrapSandbox("bwrap",
                    config.sandbox().systemPaths().stream().map(Path::of).toList(),
                    config.sandbox().hiddenPaths().stream().map(Path::of).toList(), Cgroups.unavailableReason().isEmpty());
            gates = new MavenGates(maven, sandbox, config);
            paths = new FastPaths(config, maven, sandbox, null);
        }

        Path work() {
            return Path.of(config.home(), "verifier", "work", UUID.randomUUID().toString());
        }

        FastPaths paths() {
            return paths;
        }

        String key() {
            return SOURCE.bundleSha().substring(0, 16) + "-" + SOURCE.commit().substring(0, 16);
        }

        GateOutcome baseline(Path work, OutputCapture log) {
            assertTrue(paths.wantsBaselineBuild(SOURCE, work, log), log.text());
            return gates.run(work, List.of(), Duration.ofSeconds(120), log, RunWatch.NONE, null, FastPath.CLASSPATH_GOALS);
        }

        @Override
        public void close() {
            paths.onStop(null);
        }
    }
}
