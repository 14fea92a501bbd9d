package dev.pavu.verifier.fast;

import dev.pavu.verifier.sandbox.Limits;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import io.quarkus.logging.Log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
 * {@code PAVU-FAST-DONE-RESTART <id>} (kill it after reading; also a run answered at its first failing test when that
 * test hit its own time limit, so the JVM will not be reused), or {@code PAVU-FAST-DONE-STOPPED <id>} (answered at
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

    private final WarmJvm.Setup setup;
    private final AtomicLong sequence;
    /** The runner answered a run at its first failing test and may still be running that run's rest. */
    private boolean runnerBusy;
    /** The JVM that runs candidates; {@code null} until needed or after it was killed. */
    private WarmJvm runner;
    /** The next JVM, started in the background so that a restart does not wait for a JVM start; at most one. */
    private WarmJvm spare;
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
     * @param setup    what the JVMs start from
     * @param sequence run ids, shared with the project
     */
    WarmJvms(WarmJvm.Setup setup, AtomicLong sequence) {
        this.setup = setup;
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
    }

    /**
     * One run of the tests in the warm JVM: the protocol's {@code RUN} line.
     *
     * @param id            the run's id (answers carry it)
     * @param cand          the run's own fresh directory (result and output files)
     * @param classes       the candidate's compiled classes (before the baseline's on the class path)
     * @param perTestMs     JUnit's per-test limit, ms; 0 = none
     * @param only          test ids to run; empty = all
     * @param budgetMs      time left of the candidate's limit, ms, against which the runner counts each abandoned test
     *                      at {@code coldPerTestMs} and stops once it is used up; 0 = never
     * @param coldPerTestMs the cold path's per-test limit, ms
     * @param stop          stop at the first failing test (answered {@code PAVU-FAST-DONE-STOPPED}, see {@link #awaitIdle})
     */
    record RunOrder(long id, Path cand, Path classes, long perTestMs, List<String> only, long budgetMs, long coldPerTestMs,
                    boolean stop) {
        RunOrder {
            only = List.copyOf(only);
        }

        Path result() {
            return cand.resolve("result.tsv");
        }

        Path output() {
            return cand.resolve("output.txt");
        }

        /** @return the protocol line */
        String line() {
            return "RUN\t" + id + "\t" + classes + "\t" + result() + "\t" + output() + "\t" + perTestMs + "\t" + String.join(",", only)
                    + "\t" + budgetMs + "\t" + coldPerTestMs + "\t" + stop + "\n";
        }
    }

    /**
     * Runs the tests once in the warm JVM.
     *
     * @param order what to run
     * @param run   the wall-clock deadline, the log (the tests' output and notes) and the stop signal
     * @return how the run ended
     * @throws IOException when no warm JVM starts, or it answered without a result file
     */
    Exec execute(RunOrder order, dev.pavu.verifier.gate.RunContext run) throws IOException {
        long id = order.id();
        long deadline = run.deadlineNanos();
        OutputCapture log = run.log();
        RunWatch watch = run.watch();
        awaitIdle();
        ensureRunner();
        Path result = order.result();
        Path output = order.output();
        long t0 = System.nanoTime();
        String line = order.line();
        WarmJvm jvm = runner;
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
            RunContainment.leftBehind(answer, jvm.leftBehind()).ifPresent(why -> {
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
                    Optional<String> left = RunContainment.leftBehind(l, runner.leftBehind());
                    if (left.isPresent()) {
                        Log.debugf("fast path %s: replacing the warm JVM: %s", setup.dir(), left.get());
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
     * Makes sure a warm JVM is ready for a run: the current one, else the spare (started earlier, normally ready by
     * now), else a new one (the run waits for its start). A replacement starts the next spare in the background.
     */
    private void ensureRunner() throws IOException {
        Limits runLimits = setup.runLimits();
        if (runner != null && runner.process().isAlive() && runLimits.cpuSeconds() > 0
                && runner.sandboxed().cpuSeconds() > runLimits.cpuSeconds() / 2) {
            // RLIMIT_CPU counts the JVM's whole life: replace it before a candidate could be killed by the earlier ones' CPU time
            Log.infof("fast path %s: the warm JVM used %d s of its %d s CPU limit; starting a new one", setup.dir(),
                    runner.sandboxed().cpuSeconds(), runLimits.cpuSeconds());
            killRunner();
        }
        if (runner != null && runner.process().isAlive()) {
            return;
        }
        killRunner();
        WarmJvm next = spare;
        spare = null;
        boolean fromSpare = next != null && next.process().isAlive();
        if (!fromSpare) {
            kill(next);
            next = launch();
        }
        long t0 = System.nanoTime();
        next.awaitReady();
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
        if (!setup.spareJvm() || !calibrated || hasSpare()) {
            return;
        }
        kill(spare);
        spare = null;
        try {
            WarmJvm j = launch();
            long id = sequence.incrementAndGet();
            Path warm = RunContainment.freshDir(setup.dir(), "warm-" + id);
            Path classes = Files.createDirectories(warm.resolve("classes"));
            // a test id that matches no test: discovery only (loads the engine and the test classes, runs nothing)
            String line = new RunOrder(id, warm, classes, 0, List.of("pavu.NoSuchTest#warmUp"), 0, 0, false).line();
            j.process().getOutputStream().write(line.getBytes(StandardCharsets.UTF_8));
            j.process().getOutputStream().flush();
            spare = j;
        } catch (IOException | RuntimeException e) {
            Log.debugf("fast path %s: no spare JVM (%s)", setup.dir(), e.getMessage());
        }
    }

    /** Starts a warm JVM ({@link WarmJvm#launch}) and counts it. */
    private WarmJvm launch() throws IOException {
        WarmJvm j = WarmJvm.launch(setup);
        starts++;
        return j;
    }

    private void killRunner() {
        kill(runner);
        runner = null;
    }

    private static void kill(WarmJvm j) {
        if (j != null) {
            j.kill();
        }
    }

    @Override
    public void close() {
        killRunner();
        kill(spare);
        spare = null;
    }
}
