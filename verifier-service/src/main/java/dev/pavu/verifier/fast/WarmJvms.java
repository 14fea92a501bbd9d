package dev.pavu.verifier.fast;

import dev.pavu.verifier.sandbox.ExecRequest;
import dev.pavu.verifier.sandbox.Limits;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.sandbox.SandboxedProcess;
import io.quarkus.logging.Log;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The warm JVMs of one fast-path project and the line protocol with them: the JVM that runs candidates
 * ({@code dev.pavu.fastrunner.PavuFastRunner}, module {@code fast-runner}, in the sandbox, without network) and
 * its spare, started in the background so that a replacement does not wait for a JVM start. A run that hangs or
 * leaves the JVM unusable gets the JVM killed; the next run takes the spare or starts a new one.
 *
 * <p>Protocol: {@code RUN\t<id>\t<classes>\t<result file>\t<output file>\t<per-test ms>\t<test ids>\t<budget ms>\t<cold
 * per-test ms>\t<stop at the first failure>} on the JVM's stdin; it answers {@code PAVU-FAST-DONE <id>},
 * {@code PAVU-FAST-DONE-RESTART <id>} (kill it after reading), or {@code PAVU-FAST-DONE-STOPPED <id>} (answered at
 * the first failing test; {@code PAVU-FAST-IDLE <id>} follows once the unreported rest is over).
 *
 * <p>Not thread-safe: one run at a time.
 */
final class WarmJvms implements AutoCloseable {

    private static final String DONE = "PAVU-FAST-DONE ";
    private static final String DONE_RESTART = "PAVU-FAST-DONE-RESTART ";
    /** Answered at the first failing test; the runner goes on with the rest unreported, then says {@link #IDLE}. */
    private static final String DONE_STOPPED = "PAVU-FAST-DONE-STOPPED ";
    private static final String IDLE = "PAVU-FAST-IDLE ";
    /** How long a run waits for the runner to finish the unreported rest of the previous run before killing it. */
    private static final long IDLE_WAIT_MS = 1_000;

    private final Path dir;
    private final Path base;
    private final List<Path> classpath;
    private final List<Path> junitJars;
    private final Path depsFile;
    private final Path runnerDir;
    private final Path javaHome;
    private final Sandbox sandbox;
    private final boolean spareEnabled;
    private final AtomicLong sequence;
    /** The run's memory limit (the cold path's cgroup), bytes; the warm JVM sizes its default heap from it. */
    private final long memoryBytes;
    /** The caps of the warm JVM's sandbox, for its whole life (the cold path's caps of one run). */
    private final Limits runLimits;
    /** The runner answered a run at its first failing test and may still be running that run's rest. */
    private boolean runnerBusy;
    /** The JVM that runs candidates; {@code null} until needed or after it was killed. */
    private Jvm runner;
    /** The next JVM, started in the background so that a restart does not wait for a JVM start; at most one. */
    private Jvm spare;
    /** Whether the baseline's timing is over (no spare during it: a JVM starting beside it would slow its tests). */
    private boolean calibrated;
    /** JVM starts, spares included, for statistics. */
    private int starts;
    /** JVMs that ran candidates (the first one and each replacement), for statistics. */
    private int used;
    /** Replacements that were a spare already started, for statistics. */
    private int sparesTaken;
    /** Time candidates waited for a JVM to start, ms, for statistics. */
    private long startWaitMs;

    /**
     * @param dir         the project's fast-path directory (runs' scratch under {@code cand/})
     * @param base        the built baseline
     * @param classpath   the project's test classpath (read-only in the sandbox)
     * @param junitJars   the runner's own class path after its classes ({@link TestPlatform#runnerJars})
     * @param depsFile    the dependencies' jars, one a line (the runner's child class loader)
     * @param runnerDir   the runner's classes
     * @param javaHome    the JDK the JVMs run on
     * @param sandbox     where they run
     * @param spareJvm    keep a spare JVM once {@link #allowSpare} was called
     * @param memoryBytes the run's memory limit, bytes; 0 = none
     * @param sequence    run ids, shared with the project
     * @param runLimits   the sandbox's caps of each warm JVM (memory, processes, CPU time, file size)
     */
    WarmJvms(Path dir, Path base, List<Path> classpath, List<Path> junitJars, Path depsFile, Path runnerDir, Path javaHome,
             Sandbox sandbox, boolean spareJvm, long memoryBytes, AtomicLong sequence, Limits runLimits) {
        this.runLimits = runLimits;
        this.dir = dir;
        this.base = base;
        this.classpath = classpath;
        this.junitJars = junitJars;
        this.depsFile = depsFile;
        this.runnerDir = runnerDir;
        this.javaHome = javaHome;
        this.sandbox = sandbox;
        this.spareEnabled = spareJvm;
        this.memoryBytes = memoryBytes;
        this.sequence = sequence;
    }

    /** @return how many warm JVMs were started (spares included) */
    int starts() {
        return starts;
    }

    /** @return how many warm JVMs ran tests: the first one and each replacement after a kill */
    int used() {
        return used;
    }

    /** @return how many replacements were a spare JVM started beforehand */
    int sparesTaken() {
        return sparesTaken;
    }

    /** @return the time runs waited for a warm JVM to start, ms */
    long startWaitMs() {
        return startWaitMs;
    }

    /** @return whether a spare JVM is started and alive (for tests) */
    boolean hasSpare() {
        return spare != null && spare.process().isAlive();
    }

    /** The baseline's timing is over: from now on a spare JVM is kept (when enabled); starts it. */
    void allowSpare() {
        calibrated = true;
        startSpare();
    }

    /**
     * How the warm JVM's run ended: {@code answer} null = no answer (timed out, crashed or stopped).
     *
     * @param crash when the JVM exited during the run (before the candidate's limit, not stopped): how, one line; else
     *              {@code null}
     */
    record Exec(String answer, String crash, String stopped, String lastClass, long ms, Path result) {
        /** @return whether the warm JVM exited during the run */
        boolean crashed() {
            return crash != null;
        }
    }

    /**
     * Runs the tests once in the warm JVM.
     *
     * @param perTestMs     JUnit's per-test limit, ms
     * @param only          test ids to run; empty = all
     * @param budgetMs      time left of the candidate's limit, ms, against which the runner counts each abandoned test
     *                      at {@code coldPerTestMs} and stops once it is used up; 0 = never
     * @param coldPerTestMs the cold path's per-test limit, ms
     * @param stop          stop at the first failing test (answered {@code PAVU-FAST-DONE-STOPPED}, see {@link #awaitIdle})
     * @param deadline      wall-clock deadline ({@link System#nanoTime()})
     */
    Exec execute(long id, Path cand, Path classes, long perTestMs, List<String> only, long budgetMs, long coldPerTestMs,
                         boolean stop, long deadline, OutputCapture log, RunWatch watch) throws IOException {
        awaitIdle();
        ensureRunner();
        Path result = cand.resolve("result.tsv");
        Path output = cand.resolve("output.txt");
        long t0 = System.nanoTime();
        String line = "RUN\t" + id + "\t" + classes + "\t" + result + "\t" + output + "\t" + perTestMs + "\t" + String.join(",", only)
                + "\t" + budgetMs + "\t" + coldPerTestMs + "\t" + stop + "\n";
        Jvm jvm = runner;
        OutputStream stdin = jvm.process().getOutputStream();
        stdin.write(line.getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        String answer = null;
        String stopped = null;
        String lastClass = null;
        String classPrefix = "PAVU-FAST-CLASS " + id + " ";
        long nextWatch = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (answer == null) {
            try {
                String l = jvm.protocol().poll(20, TimeUnit.MILLISECONDS);
                if (l != null && (RunContainment.doneFor(l, DONE, id) || RunContainment.doneFor(l, DONE_RESTART, id)
                        || RunContainment.doneFor(l, DONE_STOPPED, id))) {
                    answer = l;
                    break;
                }
                if (l != null && l.startsWith(classPrefix)) {
                    lastClass = l.substring(classPrefix.length());
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = "the verifier is shutting down";
                break;
            }
            if (!jvm.process().isAlive() && jvm.protocol().isEmpty()) {
                // the JVM exited: its last lines (the answer among them) may still be on their way from the pipe
                if (jvm.drained(2_000) && !jvm.protocol().isEmpty()) {
                    continue;
                }
                break;
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
            if (System.nanoTime() >= nextWatch) {
                nextWatch = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                Optional<String> why = watch.cancelReason();
                if (why.isPresent()) {
                    stopped = why.get();
                    break;
                }
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        RunResults.appendOutput(output, log);
        String crash = null;
        if (answer == null) {
            if (!jvm.process().isAlive() && stopped == null && System.nanoTime() < deadline) {
                crash = "the warm JVM exited during the tests (exit code " + jvm.process().exitValue() + ")"
                        + jvm.sandboxed().limitHit().map(why -> "; its sandbox: " + why).orElse("");
            }
            killRunner();
        } else if (answer.startsWith(DONE_RESTART)) {
            RunResults.note(log, "the warm JVM is restarted after this candidate (memory exhausted, a test abandoned after its limit, or threads left running)");
            killRunner();
        } else if (answer.startsWith(DONE_STOPPED)) {
            runnerBusy = true;
        } else {
            RunContainment.leftBehind(answer, jvm.sandboxed().liveDescendants() - jvm.baseline().get()).ifPresent(why -> {
                RunResults.note(log, "the warm JVM is restarted after this candidate: " + why);
                killRunner();
            });
        }
        if (answer == null) {
            jvm.sandboxed().limitHit().ifPresent(why -> RunResults.note(log, "the warm JVM's sandbox: " + why));
        } else if (!Files.isRegularFile(result, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            killRunner();
            throw new IOException("the warm JVM answered but " + result + " is not a regular file");
        }
        return new Exec(answer, crash, stopped, lastClass, ms, result);
    }

    /**
     * After a run answered at its first failing test, the runner goes on with that run's rest (unreported; a JUnit
     * Platform 1.x run cannot be stopped): waits up to {@value #IDLE_WAIT_MS} ms for its {@code PAVU-FAST-IDLE},
     * else (the rest is slow or loops, or the runner exited as unusable) kills it; {@link #ensureRunner} then takes
     * the spare.
     */
    private void awaitIdle() {
        if (!runnerBusy) {
            return;
        }
        runnerBusy = false;
        if (runner == null) {
            return;
        }
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IDLE_WAIT_MS);
        try {
            while (System.nanoTime() < until && runner.process().isAlive()) {
                String l = runner.protocol().poll(20, TimeUnit.MILLISECONDS);
                if (l != null && l.startsWith(IDLE)) {
                    // the dropped rest may have left threads or processes too
                    Optional<String> left = RunContainment.leftBehind(l, runner.sandboxed().liveDescendants() - runner.baseline().get());
                    if (left.isPresent()) {
                        Log.debugf("fast path %s: replacing the warm JVM: %s", dir, left.get());
                        killRunner();
                    }
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        killRunner();
    }

    /**
     * A started warm JVM: its sandboxed process, its protocol lines ({@code PAVU-FAST-…}), the rest of its output, and
     * the processes of its sandbox once it was ready ({@link SandboxedProcess#liveDescendants}).
     */
    private record Jvm(SandboxedProcess sandboxed, BlockingQueue<String> protocol, OutputCapture log, AtomicLong baseline, Thread reader) {
        Process process() {
            return sandboxed.process();
        }

        /**
         * Waits until the JVM's output is read to its end (the process has exited).
         *
         * @param ms the longest wait, milliseconds
         * @return whether the reader reached the end of the output
         */
        boolean drained(long ms) {
            try {
                reader.join(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return !reader.isAlive();
        }
    }

    /**
     * Makes sure a warm JVM is ready for a run: the current one, else the spare (started earlier, normally ready by
     * now), else a new one (the run waits for its start). A replacement starts the next spare in the background.
     */
    private void ensureRunner() throws IOException {
        if (runner != null && runner.process().isAlive() && runLimits.cpuSeconds() > 0
                && runner.sandboxed().cpuSeconds() > runLimits.cpuSeconds() / 2) {
            // RLIMIT_CPU counts the JVM's whole life: replace it before a candidate could be killed by the earlier ones' CPU time
            Log.infof("fast path %s: the warm JVM used %d s of its %d s CPU limit; starting a new one", dir,
                    runner.sandboxed().cpuSeconds(), runLimits.cpuSeconds());
            killRunner();
        }
        if (runner != null && runner.process().isAlive()) {
            return;
        }
        killRunner();
        Jvm next = spare;
        spare = null;
        boolean fromSpare = next != null && next.process().isAlive();
        if (!fromSpare) {
            kill(next);
            next = launch();
        }
        long t0 = System.nanoTime();
        awaitReady(next);
        startWaitMs += (System.nanoTime() - t0) / 1_000_000;
        runner = next;
        used++;
        sparesTaken += fromSpare ? 1 : 0;
        startSpare();
    }

    /**
     * Starts the spare JVM in the background (when enabled, after the baseline's timing, and none is alive) and
     * has it discover the baseline's tests without running any, so that JUnit's discovery is loaded when it takes
     * over. Never throws: without a spare the next restart waits for a start, as before.
     */
    private void startSpare() {
        if (!spareEnabled || !calibrated || hasSpare()) {
            return;
        }
        kill(spare);
        spare = null;
        try {
            Jvm j = launch();
            long id = sequence.incrementAndGet();
            Path warm = RunContainment.freshDir(dir, "warm-" + id);
            Path classes = Files.createDirectories(warm.resolve("classes"));
            // a test id that matches no test: discovery only (loads the engine and the test classes, runs nothing)
            String line = "RUN\t" + id + "\t" + classes + "\t" + warm.resolve("result.tsv") + "\t" + warm.resolve("output.txt")
                    + "\t0\tpavu.NoSuchTest#warmUp\t0\t0\n";
            j.process().getOutputStream().write(line.getBytes(StandardCharsets.UTF_8));
            j.process().getOutputStream().flush();
            spare = j;
        } catch (IOException | RuntimeException e) {
            Log.debugf("fast path %s: no spare JVM (%s)", dir, e.getMessage());
        }
    }

    /**
     * Starts a warm JVM without waiting for it, in the sandbox ({@link Sandbox#start}) with the cold path's caps: the
     * JVM sees the baseline, the runner, the JDK and the dependencies read-only and only {@code cand/} writable (each
     * run's own fresh directory below it, see {@link RunContainment#freshDir}).
     */
    private Jvm launch() throws IOException {
        Path work = Files.createDirectories(dir.resolve("cand"));
        // the cold path runs surefire's JVM under the run's cgroup memory cap, which that JVM does not see (no /sys in
        // the sandbox: it sizes its heap from the machine's memory), so a runaway allocation there ends when the
        // kernel kills the run at the cap (ERROR). The warm JVM's heap is capped that much, less what Maven's own JVM
        // and the test JVM's non-heap take on the cold path, and its memory watch (PavuFastRunner.Memory) decides the
        // run as soon as the heap stays full after a collection; MaxRAM sizes the rest of its ergonomics alike.
        List<String> jvm = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(),
                "-XX:+UseSerialGC", "-Djava.awt.headless=true"));
        if (memoryBytes > 0) {
            jvm.add("-XX:MaxRAM=" + memoryBytes);
            jvm.add("-Xmx" + heapBytes(memoryBytes));
        }
        jvm.addAll(List.of("-cp",
                String.join(java.io.File.pathSeparator, concat(runnerDir, junitJars)),
                FastPath.RUNNER_CLASS, depsFile.toString(), base.resolve("target/classes").toString(),
                base.resolve("target/test-classes").toString()));
        List<Path> ro = new ArrayList<>(List.of(base, runnerDir, depsFile, javaHome));
        ro.addAll(classpath);
        ro.addAll(junitJars);
        SandboxedProcess sp = sandbox.start(new ExecRequest(jvm, work, Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8", "HOME", "/tmp",
                "JAVA_HOME", javaHome.toString()), Duration.ofDays(1), false, List.of(), ro, new OutputCapture(0, 0, null), null, runLimits));
        Process p = sp.process();
        starts++;
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        OutputCapture rl = new OutputCapture(64 * 1024, 64 * 1024, null);
        // a platform thread, as ProcessRunner's: the protocol's answers must be read even when the verifier is busy
        Thread reader = Thread.ofPlatform().daemon().name("fast-runner-" + p.pid()).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    if (l.startsWith("PAVU-FAST-")) {
                        q.add(l);
                    } else {
                        byte[] b = (l + "\n").getBytes(StandardCharsets.UTF_8);
                        rl.write(b, 0, b.length);
                    }
                }
            } catch (IOException e) {
                // the JVM is gone
            }
        });
        return new Jvm(sp, q, rl, new AtomicLong(), reader);
    }

    /**
     * Waits (at most 60 s) for a JVM's {@code PAVU-FAST-READY}; kills it and throws when it does not come (a JVM that
     * exits at once, e.g. its runner classes are damaged, is given up as soon as its output is read to the end).
     */
    private void awaitReady(Jvm j) throws IOException {
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String ready = null;
            while (ready == null && System.nanoTime() < until) {
                ready = j.protocol().poll(100, TimeUnit.MILLISECONDS);
                if (ready == null && !j.process().isAlive() && j.drained(2_000) && j.protocol().isEmpty()) {
                    break;
                }
            }
            if (!"PAVU-FAST-READY".equals(ready)) {
                String out = j.log().text().strip();
                String how = ready != null ? ready : j.process().isAlive() ? "no answer within 60 s"
                        : "it exited with code " + j.process().exitValue();
                kill(j);
                throw new IOException("the warm JVM did not start: " + how + (out.isEmpty() ? "" : ": " + out));
            }
            j.baseline().set(j.sandboxed().liveDescendants());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(j);
            throw new IOException("interrupted while starting the warm JVM");
        }
    }

    /**
     * The warm JVM's heap cap for a run memory limit: the limit less what the cold path spends beside the tests'
     * heap under the same cgroup (Maven's JVM, about 300–450 MB resident here, and the test JVM's non-heap), i.e.
     * {@code limit - min(512 MB, limit / 4)}.
     *
     * @param memoryBytes the run's memory limit, bytes (&gt; 0)
     * @return the heap cap, bytes
     */
    static long heapBytes(long memoryBytes) {
        return memoryBytes - Math.min(512L * 1024 * 1024, memoryBytes / 4);
    }

    private static List<String> concat(Path first, List<Path> rest) {
        List<String> out = new ArrayList<>();
        out.add(first.toString());
        rest.forEach(p -> out.add(p.toString()));
        return out;
    }

    private void killRunner() {
        kill(runner);
        runner = null;
    }

    private static void kill(Jvm j) {
        if (j != null) {
            j.sandboxed().close();
        }
    }

    @Override
    public void close() {
        killRunner();
        kill(spare);
        spare = null;
    }
}
