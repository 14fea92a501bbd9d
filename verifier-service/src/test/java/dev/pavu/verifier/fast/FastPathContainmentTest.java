package dev.pavu.verifier.fast;

import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.InvoiceProjectAccess;
import dev.pavu.verifier.bench.VerifierBench;
import dev.pavu.verifier.bench.VerifierBench.Candidate;
import dev.pavu.verifier.bench.VerifierBench.Run;
import dev.pavu.verifier.sandbox.BubblewrapSandbox;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.workspace.diff.UnifiedDiffs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hostile tests in the fast path's warm JVM: they try to reach a loopback port the host opened, read a host file
 * outside the workspace, find a host process's secret in {@code /proc/*}{@code /environ}, create a user namespace
 * ({@code unshare -r}), mount, and {@code ptrace}. In the sandbox every attempt fails (only the project's real bug
 * fails); the same candidate run unsandboxed (the control) shows each attempt succeeds there, so the tests can fail.
 * A candidate that leaves a daemon thread forging result files, or a process, gets the warm JVM replaced: the next
 * candidate's verdict is its own.
 */
class FastPathContainmentTest {

    private static final String TEST = "src/test/java/demo/InvoiceTest.java";
    @TempDir
    Path tmp;
    private Path project;
    private String test;
    private Path hostFile;
    private Process secretHolder;
    private String secret;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(BubblewrapSandbox.probe("bwrap").isEmpty(), "bubblewrap does not work here");
        project = Files.createDirectories(tmp.resolve("invoice"));
        for (Map.Entry<String, String> e : InvoiceProjectAccess.files().entrySet()) {
            Path f = project.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
        test = Files.readString(project.resolve(TEST));
        secret = "PAVU-HOST-SECRET-" + UUID.randomUUID();
        hostFile = Files.writeString(Path.of("/tmp", "pavu-host-file-" + UUID.randomUUID() + ".txt"), secret);
        ProcessBuilder pb = new ProcessBuilder("sleep", "600");
        pb.environment().put("PAVU_SECRET", secret);
        secretHolder = pb.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (secretHolder != null) {
            secretHolder.destroyForcibly();
        }
        if (hostFile != null) {
            Files.deleteIfExists(hostFile);
        }
    }

    @Test
    void hostileTestsInTheWarmJvmReachNothingOfTheHost() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Candidate hostile = new Candidate("invoice", "hostile", project, UnifiedDiffs.create(TEST, test, hostileTest(server.getLocalPort())));
            Duration limit = Duration.ofSeconds(90);

            VerifierBench sandboxed = new VerifierBench(Files.createDirectories(tmp.resolve("work")));
            sandboxed.prefetch(project);
            try (FastProject fast = sandboxed.fast(project)) {
                Run r = sandboxed.fast(fast, hostile, limit);
                assertNotNull(r, "the hostile candidate stays on the fast path");
                assertEquals(Verdict.FAIL, r.verdict(), r.reason());
                assertEquals(List.of("demo.InvoiceTest#total"), r.failingTests(), "only the project's own bug fails: " + r.reason());
            }

            // the control: the same tests without a sandbox do reach the host (run as root here, as the verifier is)
            VerifierBench open = new VerifierBench(Files.createDirectories(tmp.resolve("work-open")), false);
            try (FastProject fast = open.fast(project)) {
                Run r = open.fast(fast, hostile, limit);
                assertNotNull(r);
                for (String attack : HostileTests.ATTACKS) {
                    if (attack.endsWith("escapeUserNamespace") || attack.endsWith("escapeMount")) {
                        if (!"root".equals(System.getProperty("user.name"))) {
                            continue; // only root can mount on the host; unprivileged user namespaces may be off
                        }
                    }
                    assertTrue(r.failingTests().contains(attack), attack + " succeeds without the sandbox: " + r.failingTests());
                }
            }
        }
    }

    @Test
    void aCandidatesLeftoverThreadOrProcessNeverReachesTheNextCandidate() throws Exception {
        VerifierBench bench = new VerifierBench(Files.createDirectories(tmp.resolve("work")));
        bench.prefetch(project);
        Duration limit = Duration.ofSeconds(60);
        Candidate baseline = new Candidate("invoice", "empty", project, "");
        Candidate spy = new Candidate("invoice", "forging-spy", project, UnifiedDiffs.create(TEST, test, test.replace("class InvoiceTest {",
                "class InvoiceTest {\n" + SPY)));
        Candidate orphan = new Candidate("invoice", "orphan-process", project, UnifiedDiffs.create(TEST, test, test.replace("class InvoiceTest {",
                "class InvoiceTest {\n" + ORPHAN)));
        try (FastProject fast = bench.fast(project)) {
            Run alone = bench.fast(fast, baseline, limit);
            assertEquals(Verdict.FAIL, alone.verdict(), alone.reason());
            assertEquals(List.of("demo.InvoiceTest#total"), alone.failingTests());
            int used = fast.jvmsUsed();

            OutputCapture log = new OutputCapture(64 * 1024, 64 * 1024, null);
            assertTrue(fast.verify(spy.diff(), limit, List.of(), log, RunWatch.NONE) instanceof FastAttempt.Judged);
            assertTrue(log.text().contains("the warm JVM is restarted after this candidate: 1 thread(s) and 0 process(es) it started still running"),
                    log.text());
            Run next = bench.fast(fast, baseline, limit);
            assertEquals(Verdict.FAIL, next.verdict(), "a forged result would say PASS: " + next.reason());
            assertEquals(alone.failingTests(), next.failingTests());
            assertEquals(alone.reason(), next.reason());
            assertEquals(used + 1, fast.jvmsUsed(), "the spy's JVM was replaced");

            log = new OutputCapture(64 * 1024, 64 * 1024, null);
            assertTrue(fast.verify(orphan.diff(), limit, List.of(), log, RunWatch.NONE) instanceof FastAttempt.Judged);
            assertTrue(log.text().matches("(?s).*the warm JVM is restarted after this candidate: \\d+ thread\\(s\\) and [1-9]\\d* process\\(es\\) it started.*"),
                    log.text());
            assertFalse(orphanAlive(), "the orphan `sleep 3131` died with the replaced JVM's sandbox");
            Run after = bench.fast(fast, baseline, limit);
            assertEquals(alone.reason(), after.reason());
            assertEquals(used + 2, fast.jvmsUsed());
        }
    }

    private static boolean orphanAlive() {
        return ProcessHandle.allProcesses().anyMatch(h -> h.info().arguments().map(a -> String.join(" ", a)).orElse("").equals("3131")
                && h.info().command().orElse("").endsWith("sleep") && dev.pavu.verifier.sandbox.ProcessRunner.running(h));
    }

    /** A daemon thread that keeps rewriting every result file it can find below the JVM's directory as "all passed". */
    private static final String SPY = """
                @org.junit.jupiter.api.Test
                void leaveSpy() {
                    Thread t = new Thread(() -> {
                        while (true) {
                            try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.walk(java.nio.file.Path.of("."), 3)) {
                                s.filter(p -> p.getFileName().toString().equals("result.tsv")).forEach(p -> {
                                    try {
                                        java.nio.file.Files.writeString(p, "RUN\\t3\\nSKIPPED\\t0\\nOOM\\tfalse\\n");
                                    } catch (Exception e) {
                                    }
                                });
                                Thread.sleep(1);
                            } catch (Exception e) {
                            }
                        }
                    }, "pavu-spy");
                    t.setDaemon(true);
                    t.start();
                }
            """;

    /** A process that outlives its test (re-parented to the sandbox's init). */
    private static final String ORPHAN = """
                @org.junit.jupiter.api.Test
                void leaveOrphan() throws Exception {
                    new ProcessBuilder("sh", "-c", "sleep 3131 >/dev/null 2>&1 &").start().waitFor();
                }
            """;

    private String hostileTest(int port) {
        return HostileTests.withAttacks(test, port, hostFile, secret);
    }
}
