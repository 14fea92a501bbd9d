package dev.pavu.verifier.sandbox;

import io.quarkus.logging.Log;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts a process tree, feeds its merged output to an {@link OutputSink}, and enforces a wall-clock
 * limit: when the limit passes (or a {@link RunWatch} asks) the whole tree is killed with SIGKILL — the
 * process group (commands are started through {@code setsid} when it exists) and every descendant still
 * visible — so a candidate that loops forever, forks, or daemonizes cannot outlive its run.
 *
 * <p>Stateless and thread-safe.
 */
public final class ProcessRunner {

    private static final long POLL_MS = 200;
    private static final long WATCH_EVERY_MS = 1000;
    private static final long DRAIN_MS = 5000;
    private static final String SETSID = findSetsid();

    private ProcessRunner() {
    }

    /**
     * Runs a command line as given (no sandbox of its own) and waits for it.
     *
     * @param command  program and arguments
     * @param request  working directory, environment, timeout, output and watch (its command is ignored)
     * @return how it ended; never throws for the process's behaviour
     */
    public static ExecResult run(List<String> command, ExecRequest request) {
        long start = System.nanoTime();
        Process process;
        try {
            process = spawn(command, request);
        } catch (IOException e) {
            return new ExecResult(ExecResult.Termination.FAILED_TO_START, -1, elapsedMs(start),
                    "could not start " + command.getFirst() + ": " + e.getMessage());
        }
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        OutputSink target = request.output();
        OutputSink out = new OutputSink() {
            @Override
            public void write(byte[] b, int off, int len) {
                written.addAndGet(len);
                target.write(b, off, len);
            }

            @Override
            public void finish() {
                target.finish();
            }
        };
        long maxOutput = request.limits().outputBytes();
        // a platform thread: a virtual one waits for a free carrier, and a busy verifier could leave it unscheduled past
        // the drain wait below, so the run's output (a Maven run's test lines) was abandoned unread
        Thread reader = Thread.ofPlatform().daemon().name("output-" + process.pid()).start(() -> pump(process.getInputStream(), out));
        long deadline = start + request.timeout().toNanos();
        long nextWatch = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WATCH_EVERY_MS);
        ExecResult.Termination termination = null;
        String detail = null;
        try {
            while (!process.waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    termination = ExecResult.Termination.TIMED_OUT;
                    detail = "timed out after " + describe(request.timeout().toMillis()) + " (limit "
                            + request.timeout().toMillis() + " ms); the process tree was killed";
                    break;
                }
                if (maxOutput > 0 && written.get() > maxOutput) {
                    termination = ExecResult.Termination.LIMIT_EXCEEDED;
                    detail = "output limit of " + Limits.human(maxOutput) + " exceeded; the process tree was killed";
                    break;
                }
                if (now >= nextWatch) {
                    nextWatch = now + TimeUnit.MILLISECONDS.toNanos(WATCH_EVERY_MS);
                    Optional<String> why = safeWatch(request.watch());
                    if (why.isPresent()) {
                        termination = ExecResult.Termination.CANCELLED;
                        detail = why.get();
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            termination = ExecResult.Termination.CANCELLED;
            detail = "the verifier is shutting down";
        }
        if (termination != null) {
            killTree(process);
        } else {
            // the main process exited: anything it left behind in its group goes too
            killGroup(process.pid());
        }
        try {
            reader.join(DRAIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader.isAlive()) {
            Log.warnf("output of pid %d still open %d ms after the process ended; abandoning it", process.pid(), DRAIN_MS);
            reader.interrupt();
        }
        out.finish();
        if (termination != null) {
            return new ExecResult(termination, -1, elapsedMs(start), detail);
        }
        return new ExecResult(ExecResult.Termination.EXITED, process.exitValue(), elapsedMs(start), null);
    }

    /**
     * Starts a command line as given (no sandbox of its own) in a new session (through {@code setsid} when it exists,
     * so that {@link #killTree} also reaches its process group), with exactly the request's environment, in its
     * working directory, stderr merged into stdout.
     *
     * @param command program and arguments
     * @param request working directory and environment (its command is ignored)
     * @return the started process
     * @throws IOException when it cannot be started
     */
    public static Process spawn(List<String> command, ExecRequest request) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (SETSID != null) {
            cmd.add(SETSID);
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(request.workDir().toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(request.env());
        return pb.start();
    }

    /**
     * Kills a process and everything below it with SIGKILL and waits (up to 10 s) until they are gone.
     *
     * @param process the root of the tree
     */
    public static void killTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        killGroup(process.pid());
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            boolean alive = process.isAlive() || tree.stream().anyMatch(ProcessRunner::running);
            if (!alive) {
                return;
            }
            process.descendants().forEach(p -> {
                tree.add(p);
                p.destroyForcibly();
            });
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Log.warnf("process tree of pid %d did not die within 10 s of SIGKILL", process.pid());
    }

    /**
     * Whether a process still runs. A zombie ({@code Z} or {@code X} in {@code /proc/<pid>/stat}) has ended and
     * holds no memory or CPU; only its reaping is left, and an orphan inside a sandbox is reaped by the machine's
     * PID 1, which here does it only about once a second ({@link ProcessHandle#isAlive} stays true until then:
     * waiting for it cost 1–2 s per killed warm JVM).
     *
     * @param h a process
     * @return false once it has exited (reaped or not)
     */
    public static boolean running(ProcessHandle h) {
        Path stat = Path.of("/proc", Long.toString(h.pid()), "stat");
        try {
            String s = Files.readString(stat);
            int close = s.lastIndexOf(')');
            char state = close >= 0 && close + 2 < s.length() ? s.charAt(close + 2) : '?';
            return state != 'Z' && state != 'X' && h.isAlive();
        } catch (IOException e) {
            return Files.isDirectory(Path.of("/proc/self")) ? false : h.isAlive();
        }
    }

    private static void killGroup(long pgid) {
        if (SETSID == null) {
            return;
        }
        try {
            Process k = new ProcessBuilder("kill", "-KILL", "--", "-" + pgid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            k.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            Log.debugf("kill -KILL -%d: %s", pgid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<String> safeWatch(RunWatch watch) {
        try {
            return watch.cancelReason();
        } catch (RuntimeException e) {
            Log.warnf("run watch failed (the run goes on): %s", e.toString());
            return Optional.empty();
        }
    }

    private static void pump(InputStream in, OutputSink out) {
        byte[] buf = new byte[16384];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // stream closed: the process is gone
        }
    }

    /**
     * @param ms a duration in milliseconds
     * @return a short human form: {@code 850 ms}, {@code 10 s}, {@code 2.5 min}
     */
    public static String describe(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 120_000) {
            return (ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.format("%.1f", ms / 1000.0)) + " s";
        }
        return String.format("%.1f min", ms / 60000.0);
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static String findSetsid() {
        for (String p : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }
}
