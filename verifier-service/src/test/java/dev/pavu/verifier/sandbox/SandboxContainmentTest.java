package dev.pavu.verifier.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hostile candidates in the bubblewrap sandbox: each is contained and reported with a clear reason, and the
 * sandbox goes on with the next run. Skipped (with the reason) where bubblewrap or cgroups do not work.
 */
class SandboxContainmentTest {

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "HOME", "/nonexistent", "LANG", "C.UTF-8");
    private static final Limits CAPS = new Limits(256L << 20, 64, 60, 0, 64L << 20, 50L << 20);

    private static String bwrapProblem;
    private static String cgroupProblem;
    private BubblewrapSandbox sandbox;
    private Path work;
    private Path otherJob;

    @TempDir
    Path base;

    @BeforeAll
    static void probe() {
        bwrapProblem = BubblewrapSandbox.probe("bwrap").orElse(null);
        cgroupProblem = Cgroups.unavailableReason().orElse(null);
    }

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(bwrapProblem == null, "bubblewrap does not work here: " + bwrapProblem);
        sandbox = new BubblewrapSandbox("bwrap", BubblewrapSandbox.DEFAULT_SYSTEM_PATHS.stream().map(Path::of).toList(),
                BubblewrapSandbox.DEFAULT_HIDDEN.stream().map(Path::of).toList(), cgroupProblem == null);
        work = Files.createDirectories(base.resolve("home/verifier/work/job-a"));
        otherJob = Files.createDirectories(base.resolve("home/verifier/work/job-b"));
        Files.writeString(otherJob.resolve("secret.txt"), "JOB-B-SECRET");
    }

    @AfterEach
    void theSandboxGoesOn() {
        if (sandbox == null) {
            return;
        }
        OutputCapture out = new OutputCapture(1024, 1024, null);
        ExecResult r = sandbox.run(request("echo still-working", Duration.ofSeconds(20), out));
        assertTrue(r.succeeded(), r + " " + out.text());
        assertTrue(out.text().contains("still-working"));
    }

    @Test
    void networkConnectionsAreRefused() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            OutputCapture out = new OutputCapture(8192, 8192, null);
            String py = "import socket\n"
                    + "for addr in [('127.0.0.1', " + server.getLocalPort() + "), ('1.1.1.1', 53)]:\n"
                    + "    try:\n"
                    + "        socket.create_connection(addr, timeout=3); print('CONNECTED', addr)\n"
                    + "    except OSError as e:\n"
                    + "        print('REFUSED', addr, type(e).__name__, e)\n";
            ExecResult r = sandbox.run(request("python3 -c \"$PY\"", Duration.ofSeconds(30), out, Map.of("PY", py)));
            assertEquals(0, r.exitCode(), out.text());
            assertFalse(out.text().contains("CONNECTED"), out.text());
            assertTrue(out.text().contains("REFUSED ('127.0.0.1', " + server.getLocalPort() + ") ConnectionRefusedError"), out.text());
            assertTrue(out.text().contains("REFUSED ('1.1.1.1', 53)"), out.text());
        }
    }

    @Test
    void writesOutsideTheWorkspaceNeverReachTheMachine() {
        Path outside = base.resolve("outside.txt");
        OutputCapture out = new OutputCapture(8192, 8192, null);
        ExecResult r = sandbox.run(request("touch /etc/pavu-evil 2>&1; touch /usr/pavu-evil 2>&1; echo x > " + outside
                + " 2>&1; echo inside > result.txt; echo done", Duration.ofSeconds(20), out));
        assertEquals(0, r.exitCode(), out.text());
        assertTrue(out.text().contains("Read-only file system"), out.text());
        assertFalse(Files.exists(Path.of("/etc/pavu-evil")));
        assertFalse(Files.exists(Path.of("/usr/pavu-evil")));
        assertFalse(Files.exists(outside), "a write outside the workspace reached the machine");
        assertTrue(Files.exists(work.resolve("result.txt")), "the workspace itself is writable");
    }

    @Test
    void theDirectoriesAboveAReadOnlyPathTakeNoWrites() throws Exception {
        // bwrap makes the directories above a read-only jar on its own root; a test once planted files there (the
        // warm JVM's "shared Maven cache"), so the sandbox's root is read-only too
        Path repo = Files.createDirectories(Path.of("/var/tmp/pavu-ro-" + java.util.UUID.randomUUID(), "org/demo"));
        Path jar = Files.writeString(repo.resolve("demo.jar"), "jar");
        try {
            OutputCapture out = new OutputCapture(8192, 8192, null);
            ExecRequest req = new ExecRequest(List.of("/bin/bash", "-c", "cat " + jar + "; echo; echo x > " + repo.getParent().resolve("planted.txt")
                    + " 2>&1; echo y > /planted 2>&1; echo z > /tmp/scratch && echo TMP-OK"), work, ENV, Duration.ofSeconds(20), false,
                    List.of(), List.of(jar), out, null, CAPS);
            ExecResult r = sandbox.run(req);
            assertEquals(0, r.exitCode(), out.text());
            assertTrue(out.text().startsWith("jar"), "the read-only file is readable: " + out.text());
            assertEquals(2, out.text().split("Read-only file system", -1).length - 1, out.text().replace('\n', '|'));
            assertTrue(out.text().contains("TMP-OK"), "/tmp stays writable: " + out.text());
            assertFalse(Files.exists(repo.getParent().resolve("planted.txt")));
        } finally {
            Files.deleteIfExists(jar);
        }
    }

    @Test
    void anotherJobsWorkspaceIsInvisible() {
        OutputCapture out = new OutputCapture(8192, 8192, null);
        ExecResult r = sandbox.run(request("cat " + otherJob.resolve("secret.txt") + " 2>&1; echo \"LISTING: $(ls " + otherJob.getParent() + " | tr '\\n' ' ')\"; "
                + "cat /etc/shadow | wc -c; ls /root 2>&1 | head -3", Duration.ofSeconds(20), out));
        assertEquals(0, r.exitCode(), out.text());
        assertFalse(out.text().contains("JOB-B-SECRET"), out.text());
        assertTrue(out.text().contains("No such file or directory"), out.text());
        assertTrue(out.text().contains("LISTING: job-a \n"), "only its own workspace is there: " + out.text());
    }

    @Test
    void aForkBombHitsTheProcessCap() {
        assumeTrue(cgroupProblem == null, "cgroups unavailable: " + cgroupProblem);
        OutputCapture out = new OutputCapture(8192, 8192, null);
        long t0 = System.nanoTime();
        ExecResult r = sandbox.run(request("bomb() { bomb | bomb & }; bomb; sleep 5", Duration.ofSeconds(15), out));
        assertEquals(ExecResult.Termination.LIMIT_EXCEEDED, r.termination(), r + " " + out.text());
        assertTrue(r.detail().startsWith("process limit of 64 processes/threads reached"), r.detail());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 30_000);
    }

    @Test
    void unboundedAllocationHitsTheMemoryCap() {
        assumeTrue(cgroupProblem == null, "cgroups unavailable: " + cgroupProblem);
        OutputCapture out = new OutputCapture(8192, 8192, null);
        ExecResult r = sandbox.run(request("python3 -c \"$PY\"", Duration.ofSeconds(30), out,
                Map.of("PY", "x = []\nwhile True:\n    x.append(bytearray(10**7))\n")));
        assertEquals(ExecResult.Termination.LIMIT_EXCEEDED, r.termination(), r + " " + out.text());
        assertEquals("memory limit of 256 MB exceeded: the kernel killed a process of the run", r.detail());
        assertTrue(r.peakMemoryBytes() > 200L << 20, "peak " + r.peakMemoryBytes());
    }

    @Test
    void anInfiniteLoopTimesOut() {
        ExecResult r = sandbox.run(request("while :; do :; done", Duration.ofSeconds(2), new OutputCapture(64, 64, null)));
        assertEquals(ExecResult.Termination.TIMED_OUT, r.termination());
        assertTrue(r.detail().startsWith("timed out after 2 s"), r.detail());
    }

    @Test
    void floodsOfOutputAreCutOff() {
        OutputCapture out = new OutputCapture(256 * 1024, 256 * 1024, null);
        ExecResult r = sandbox.run(request("yes 'pavu flood'", Duration.ofSeconds(60), out));
        assertEquals(ExecResult.Termination.LIMIT_EXCEEDED, r.termination(), r.toString());
        assertEquals("output limit of 50 MB exceeded; the process tree was killed", r.detail());
        assertTrue(out.text().length() < 600 * 1024);
    }

    @Test
    void hugeFilesAreRefused() {
        OutputCapture out = new OutputCapture(8192, 8192, null);
        ExecResult r = sandbox.run(request("head -c 200000000 /dev/zero > big.bin; echo exit=$?; ls -l big.bin",
                Duration.ofSeconds(30), out));
        assertTrue(out.text().contains("exit=153") || out.text().contains("File size limit exceeded"), out.text());
        assertTrue(Files.notExists(work.resolve("big.bin")) || sizeOf(work.resolve("big.bin")) <= 64L << 20);
    }

    @Test
    void commandsRunAsNobodyAndTheWorkspaceStaysWritable() throws Exception {
        Files.writeString(work.resolve("checked-out.txt"), "from the verifier\n");
        OutputCapture out = new OutputCapture(8192, 8192, null);
        ExecResult r = sandbox.run(request("id -u; id -g; grep -E '^(Seccomp|CapEff):' /proc/self/status; echo more >> checked-out.txt && "
                + "echo new > made-inside.txt && echo WRITABLE", Duration.ofSeconds(20), out));
        assertEquals(0, r.exitCode(), out.text());
        assertTrue(out.text().startsWith("65534\n65534\n"), out.text());
        assertTrue(out.text().contains("CapEff:\t0000000000000000"), out.text());
        assertTrue(out.text().matches("(?s).*Seccomp:\\s+2.*"), "a seccomp filter is loaded: " + out.text());
        assertTrue(out.text().contains("WRITABLE"), out.text());
        assertEquals("from the verifier\nmore\n", Files.readString(work.resolve("checked-out.txt")));
        assertEquals("new\n", Files.readString(work.resolve("made-inside.txt")), "what the command creates is the verifier's outside");
        assertEquals(Files.getOwner(work), Files.getOwner(work.resolve("made-inside.txt")));
    }

    @Test
    void namespacesMountsAndPtraceAreDenied() {
        OutputCapture out = new OutputCapture(8192, 8192, null);
        String py = "import ctypes, os\n"
                + "libc = ctypes.CDLL(None, use_errno=True)\n"
                + "for name, call in [('ptrace', lambda: libc.ptrace(0, 0, 0, 0)), ('unshare', lambda: libc.unshare(0x10000000)),\n"
                + "                   ('mount', lambda: libc.mount(b'none', b'/tmp', b'tmpfs', 0, None)), ('setns', lambda: libc.setns(0, 0)),\n"
                + "                   ('keyctl', lambda: libc.syscall(250, 0, 0, 0, 0, 0)), ('bpf', lambda: libc.syscall(321, 0, 0, 0))]:\n"
                + "    rc = call(); print(name, rc, os.strerror(ctypes.get_errno()) if rc != 0 else 'ok')\n";
        ExecResult r = sandbox.run(request("python3 -c \"$PY\"; unshare -r true; echo unshare-r=$?; unshare -U true; echo unshare-U=$?", Duration.ofSeconds(30), out,
                Map.of("PY", py)));
        assertEquals(0, r.exitCode(), out.text());
        for (String call : List.of("ptrace", "unshare", "mount", "setns", "keyctl", "bpf")) {
            assertTrue(out.text().contains(call + " -1 Operation not permitted"), call + ": " + out.text());
        }
        assertFalse(out.text().contains("unshare-r=0"), out.text());
        assertFalse(out.text().contains("unshare-U=0"), out.text());
    }

    @Test
    void aStartedProcessHasTheSameContainmentAndDiesOnClose() throws Exception {
        Path hostFile = Files.writeString(Path.of("/tmp", "pavu-host-" + java.util.UUID.randomUUID()), "HOST-SECRET");
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String script = "id -u; cat " + hostFile + " 2>&1; (exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort()
                    + ") 2>/dev/null && echo CONNECTED || echo REFUSED; echo ready; sleep 3000 & read line; echo got $line";
            SandboxedProcess p = sandbox.start(request(script, Duration.ofSeconds(1), new OutputCapture(64, 64, null)));
            try {
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.process().getInputStream()));
                assertEquals("65534", in.readLine());
                assertTrue(in.readLine().contains("No such file or directory"), "the host's /tmp is not there");
                assertEquals("REFUSED", in.readLine());
                assertEquals("ready", in.readLine());
                Thread.sleep(1500);
                assertTrue(p.isAlive(), "not ended by the request's timeout: the caller ends it");
                assertTrue(p.liveDescendants() >= 2, "bwrap's init, the shell and its sleep: " + p.liveDescendants());
                p.process().getOutputStream().write("hello\n".getBytes());
                p.process().getOutputStream().flush();
                assertEquals("got hello", in.readLine());
            } finally {
                p.close();
            }
            assertFalse(p.isAlive());
            assertFalse(ProcessHandle.allProcesses().anyMatch(h -> h.info().arguments().map(a -> String.join(" ", a)).orElse("").equals("3000")
                    && h.info().command().orElse("").endsWith("sleep") && ProcessRunner.running(h)), "the sandbox's sleep died with it");
        } finally {
            Files.deleteIfExists(hostFile);
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private ExecRequest request(String script, Duration timeout, OutputCapture out) {
        return request(script, timeout, out, Map.of());
    }

    private ExecRequest request(String script, Duration timeout, OutputCapture out, Map<String, String> extraEnv) {
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.putAll(extraEnv);
        return new ExecRequest(List.of("/bin/bash", "-c", script), work, env, timeout, false, List.of(), List.of(), out, null, CAPS);
    }
}
