package dev.pavu.verifier.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timeout and kill logic on real small processes. */
class ProcessRunnerTest {

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

    @Test
    void anUnreapedZombieCountsAsGone() throws Exception {
        // the subshell exits at once; its parent then becomes "sleep", which never reaps it: a zombie for 5 s
        Process p = new ProcessBuilder("sh", "-c", "(exit 0) & exec sleep 5").start();
        try {
            ProcessHandle zombie = null;
            for (int i = 0; i < 100 && zombie == null; i++) {
                zombie = p.descendants().filter(h -> !ProcessRunner.running(h)).findFirst().orElse(null);
                Thread.sleep(20);
            }
            assertTrue(zombie != null, "the exited subshell is a zombie child of sleep");
            assertTrue(zombie.isAlive(), "ProcessHandle.isAlive is still true until it is reaped");
            assertFalse(ProcessRunner.running(zombie), "but it runs no more");
            assertTrue(ProcessRunner.running(p.toHandle()), "sleep itself runs");
        } finally {
            p.destroyForcibly().waitFor();
        }
        assertFalse(ProcessRunner.running(p.toHandle()), "a reaped process is gone");
    }

    @Test
    void exitCodeAndOutput(@TempDir Path dir) {
        OutputCapture out = new OutputCapture(1024, 1024, null);
        ExecResult r = new UnsandboxedSandbox().run(request(dir, "echo hello; echo oops >&2; exit 3", Duration.ofSeconds(10), out, null));
        assertEquals(ExecResult.Termination.EXITED, r.termination());
        assertEquals(3, r.exitCode());
        assertTrue(out.text().contains("hello"));
        assertTrue(out.text().contains("oops"), "stderr is merged");
    }

    @Test
    void environmentIsOnlyWhatIsGiven(@TempDir Path dir) {
        OutputCapture out = new OutputCapture(4096, 0, null);
        new UnsandboxedSandbox().run(request(dir, "env", Duration.ofSeconds(10), out, null));
        assertFalse(out.text().contains("PAVU_"), out.text());
        assertTrue(out.text().contains("PATH=/usr/bin:/bin"));
    }

    @Test
    void timeoutKillsTheWholeTree(@TempDir Path dir) throws Exception {
        Path pids = dir.resolve("pids");
        // a parent that forks two sleepers (one in a subshell that ignores TERM) and loops itself
        String script = "(trap '' TERM; sleep 600) & echo $! >> " + pids + "; sleep 600 & echo $! >> " + pids
                + "; echo $$ >> " + pids + "; while true; do :; done";
        OutputCapture out = new OutputCapture(1024, 1024, null);
        long t0 = System.nanoTime();
        ExecResult r = new UnsandboxedSandbox().run(request(dir, script, Duration.ofSeconds(2), out, null));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(ExecResult.Termination.TIMED_OUT, r.termination());
        assertTrue(r.detail().contains("timed out after 2 s (limit 2000 ms)"), r.detail());
        assertTrue(ms < 8000, "stopped promptly, took " + ms + " ms");
        List<String> lines = Files.readAllLines(pids);
        assertEquals(3, lines.size(), lines.toString());
        for (String pid : lines) {
            assertTrue(diesSoon(Long.parseLong(pid.trim())), "pid " + pid + " still alive");
        }
    }

    @Test
    void aDaemonizedGrandchildDiesWithItsGroup(@TempDir Path dir) throws Exception {
        Path pid = dir.resolve("pid");
        // the grandchild is reparented to init: only the process group kill reaches it
        String script = "(sleep 600 & echo $! > " + pid + ") ; sleep 600";
        ExecResult r = new UnsandboxedSandbox().run(request(dir, script, Duration.ofSeconds(1), new OutputCapture(64, 64, null), null));
        assertEquals(ExecResult.Termination.TIMED_OUT, r.termination());
        long p = Long.parseLong(Files.readString(pid).trim());
        assertTrue(diesSoon(p), "daemonized sleeper " + p + " survived");
    }

    @Test
    void aWatchCancelsTheRun(@TempDir Path dir) {
        AtomicInteger asked = new AtomicInteger();
        RunWatch watch = () -> asked.incrementAndGet() >= 2 ? Optional.of("the job concluded") : Optional.empty();
        ExecResult r = new UnsandboxedSandbox().run(request(dir, "sleep 600", Duration.ofSeconds(60), new OutputCapture(64, 64, null), watch));
        assertEquals(ExecResult.Termination.CANCELLED, r.termination());
        assertEquals("the job concluded", r.detail());
        assertTrue(r.durationMs() < 10_000);
    }

    @Test
    void hugeOutputIsCappedNotBuffered(@TempDir Path dir) {
        OutputCapture out = new OutputCapture(256 * 1024, 256 * 1024, null);
        ExecResult r = new UnsandboxedSandbox().run(request(dir, "head -c 100000000 /dev/zero | tr '\\0' 'x'; echo; echo THE-END",
                Duration.ofSeconds(60), out, null));
        assertEquals(0, r.exitCode());
        assertTrue(out.totalBytes() > 100_000_000L);
        assertTrue(out.text().length() < 600 * 1024);
        assertTrue(out.text().contains("bytes of output omitted"));
        assertTrue(out.text().endsWith("THE-END\n"));
    }

    /**
     * The whole output of a process that prints a lot quickly is read before the run's result is, every time: a
     * Maven run whose output was partly lost was read as "no tests ran". 30 runs of 20 000 lines each.
     */
    @Test
    void everyLineOfAFastPrinterIsRead(@TempDir Path dir) {
        int lines = 20_000;
        for (int i = 0; i < 30; i++) {
            List<String> read = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            ExecResult r = new UnsandboxedSandbox().run(request(dir, "seq 1 " + lines + "; echo THE-END", Duration.ofSeconds(30),
                    new OutputCapture(0, 0, read::add), null));
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals(lines + 1, read.size(), "run " + i + ": every line read");
            assertEquals("THE-END", read.getLast(), "run " + i);
        }
    }

    @Test
    void aMissingProgramFailsToStart(@TempDir Path dir) {
        ExecRequest req = new ExecRequest(List.of("/nonexistent/program"), dir, ENV, Duration.ofSeconds(5), false, List.of(), List.of(),
                new OutputCapture(64, 64, null), null);
        ExecResult r = new UnsandboxedSandbox().run(req);
        // with setsid in front the exec failure surfaces as exit 127 from setsid; without it, as FAILED_TO_START
        assertTrue(r.termination() == ExecResult.Termination.FAILED_TO_START || r.exitCode() != 0, r.toString());
    }

    /** Dead, or a zombie waiting for a (container) init to reap it, within 5 s. */
    static boolean diesSoon(long pid) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            Optional<ProcessHandle> ph = ProcessHandle.of(pid);
            if (ph.isEmpty() || !ph.get().isAlive() || zombie(pid)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException | RuntimeException e) {
            return true;
        }
    }

    static ExecRequest request(Path dir, String script, Duration timeout, OutputCapture out, RunWatch watch) {
        return new ExecRequest(List.of("/bin/sh", "-c", script), dir, ENV, timeout, false, List.of(), List.of(), out, watch);
    }
}
