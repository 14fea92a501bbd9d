package dev.pavu.fastrunner;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One run's results as JUnit reports them: counts, failures and per-test times, the fail-fast stop, the memory
 * watch's decision; written to the run's result file and answered on the protocol ({@link PavuFastRunner}).
 */
final class Result implements TestExecutionListener {
    volatile int run;
    volatile int skipped;
    volatile boolean outOfMemory;
    /** Set when the memory watch decided the run (the verifier kills this JVM). */
    volatile boolean memoryDecided;
    boolean timedOut;
    /**
     * A test hit its own limit ({@code @Test(timeout=…)} or JUnit 4's {@code Timeout} rule): it failed as it
     * does under surefire, but its thread may still spin, so the JVM is not reused.
     */
    volatile boolean ownTimeout;
    /** Set when the run was answered at the first failing test while more tests were to run. */
    volatile boolean stopped;
    private final boolean stopAtFirstFailure;
    private volatile boolean failedOnce;
    // written by JUnit's thread, read by the memory watch's (notification) thread when it decides the run
    final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** {@code TEST\t<class>\t<method>\t<ms>\t<timed out>}, in the order the tests finished. */
    final List<String> tests = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.Map<String, Long> started = new java.util.HashMap<>();
    private final PrintStream proto;
    private final String id;
    private final Path resultFile;
    private final long budgetMs;
    private final long coldPerTestMs;
    private long virtualMs;

    /**
     * @param budgetMs      the candidate's time left, ms; once the tests' time, counting each test over its limit
     *                      at {@code coldPerTestMs}, reaches it, the run is decided (TIMEOUT): the results so far
     *                      are written and the verifier kills this JVM. 0 = never.
     * @param coldPerTestMs the cold path's per-test limit, ms
     */
    Result(PrintStream proto, String id, Path resultFile, long budgetMs, long coldPerTestMs, boolean stopAtFirstFailure) {
        this.stopAtFirstFailure = stopAtFirstFailure;
        this.proto = proto;
        this.id = id;
        this.resultFile = resultFile;
        this.budgetMs = budgetMs;
        this.coldPerTestMs = coldPerTestMs;
    }

    private boolean answered;
    /** Threads the run started still alive at its end (daemon threads included); -1 = not counted (run decided early). */
    volatile int threadsLeft = -1;

    /**
     * Writes the results and answers the verifier, once: at the run's end, at a decided timeout or at exhausted
     * memory, whichever comes first (the later ones change nothing, so the file the verifier reads is final).
     */
    synchronized void finish(boolean restart) {
        answer(restart ? "PAVU-FAST-DONE-RESTART " : "PAVU-FAST-DONE ");
    }

    private synchronized void answer(String prefix) {
        if (answered) {
            return;
        }
        try {
            write();
        } catch (java.io.IOException e) {
            // the verifier then reports the run without results
        }
        answered = true;
        synchronized (proto) {
            proto.println(prefix + id + (threadsLeft >= 0 ? " threads=" + threadsLeft : ""));
        }
    }

    /** The old generation stayed 90% full after a collection: the run is over (ERROR); the verifier kills this JVM. */
    void memoryExhausted() {
        outOfMemory = true;
        memoryDecided = true;
        finish(true);
    }

    private void write() throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("RUN\t").append(run).append('\n');
        sb.append("SKIPPED\t").append(skipped).append('\n');
        sb.append("OOM\t").append(outOfMemory).append('\n');
        sb.append("STOPPED\t").append(stopped).append('\n');
        for (String t : tests) {
            sb.append(t).append('\n');
        }
        for (String f : failures) {
            sb.append(f).append('\n');
        }
        Files.writeString(resultFile, sb.toString(), StandardCharsets.UTF_8);
    }

    @Override
    public void executionStarted(TestIdentifier tid) {
        if (stopAtFirstFailure && failedOnce && !stopped) {
            // a test failed and more are to run: answer now with what ran so far (the cold path's surefire
            // skips the rest, skipAfterFailureCount=1); the rest runs on unreported
            stopped = true;
            // a test that hit its own limit may still spin: this JVM is not reused whatever the rest does, so the
            // verifier may kill it now and take the spare instead of waiting for the rest (a looping candidate's rest
            // usually loops too: the next candidate used to wait 1 s for it before the kill)
            answer(ownTimeout || timedOut || outOfMemory ? "PAVU-FAST-DONE-RESTART " : "PAVU-FAST-DONE-STOPPED ");
        }
        started.put(tid.getUniqueId(), System.nanoTime());
        if (!tid.isTest() && tid.getSource().orElse(null) instanceof ClassSource c) {
            synchronized (proto) {
                proto.println("PAVU-FAST-CLASS " + id + " " + c.getClassName());
            }
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            skipped++;
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult r) {
        if (r.getStatus() == TestExecutionResult.Status.FAILED && ownTimeout(r.getThrowable().orElse(null))) {
            ownTimeout = true;
        }
        if (stopped) {
            return; // answered at the first failing test: the rest is not reported
        }
        if (r.getStatus() == TestExecutionResult.Status.ABORTED) {
            if (id.isTest()) {
                skipped++;
            }
            return;
        }
        if (id.isTest()) {
            run++;
        }
        boolean timeout = r.getStatus() == TestExecutionResult.Status.FAILED
                && r.getThrowable().orElse(null) instanceof java.util.concurrent.TimeoutException;
        timedOut |= timeout;
        if (id.isTest() && id.getSource().orElse(null) instanceof MethodSource m) {
            Long t0 = started.get(id.getUniqueId());
            long ms = t0 == null ? 0 : (System.nanoTime() - t0) / 1_000_000;
            if (timeout) {
                waitWhileRetaining(coldPerTestMs - ms);
            }
            tests.add("TEST\t" + esc(m.getClassName()) + "\t" + esc(m.getMethodName()) + "\t" + ms + "\t" + timeout);
            virtualMs += timeout ? coldPerTestMs : ms;
        }
        if (r.getStatus() == TestExecutionResult.Status.FAILED) {
            failedOnce = true;
            Throwable t = r.getThrowable().orElse(new AssertionError("failed"));
            TestSource src = id.getSource().orElse(null);
            if (src instanceof MethodSource m) {
                fail(m.getClassName(), m.getMethodName(), t);
            } else if (src instanceof ClassSource c) {
                if (!id.isTest()) {
                    run++;
                }
                // surefire's JUnit 4 provider reports a class-level failure (@BeforeClass, a Parameterized
                // class's parameters) with an empty test name, which the cold path reads as "(unknown)"
                fail(c.getClassName(), id.getUniqueId().startsWith("[engine:junit-vintage]") ? ""
                        : c.getClassName().substring(c.getClassName().lastIndexOf('.') + 1), t);
            }
        }
        if (timeout && budgetMs > 0 && virtualMs >= budgetMs) {
            decidedTimeout();
        }
    }

    /**
     * A test abandoned at the fast per-test limit whose thread goes on filling the heap would, on the cold path,
     * have run until its cold per-test limit and might have hit the memory cap there (ERROR rather than a
     * time-out). So the next test waits while the old generation keeps growing (by 16 MB or more per 250 ms),
     * at most the rest of the cold path's per-test limit; the memory watch decides the run if the cap comes
     * first. A test that only spins (no retained allocation) is not waited for.
     *
     * @param maxMs the rest of the cold path's per-test limit, ms
     */
    private void waitWhileRetaining(long maxMs) {
        long until = System.nanoTime() + Math.max(0, maxMs) * 1_000_000L;
        long last = Memory.oldUsed();
        while (System.nanoTime() < until && !memoryDecided) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            long now = Memory.oldUsed();
            if (now - last < 16L * 1024 * 1024) {
                return;
            }
            last = now;
        }
        while (memoryDecided) {
            try {
                Thread.sleep(60_000); // decided: the verifier kills this JVM
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * @return whether a failure is a test's own JUnit 4 time limit ({@code TestTimedOutException} since 4.12,
     *         before that an {@code Exception} "test timed out after N milliseconds")
     */
    private static boolean ownTimeout(Throwable t) {
        return t != null && (t.getClass().getName().equals("org.junit.runners.model.TestTimedOutException")
                || t.getClass() == Exception.class && t.getMessage() != null && t.getMessage().startsWith("test timed out after "));
    }

    /** The candidate's limit is used up, counting abandoned tests at the cold path's limit: answer now, stop here. */
    private void decidedTimeout() {
        finish(true);
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // the verifier kills this JVM
            }
        }
    }

    void fail(String cls, String method, Throwable t) {
        if (t instanceof OutOfMemoryError || t.getCause() instanceof OutOfMemoryError) {
            outOfMemory = true;
        }
        String kind = t instanceof AssertionError ? "failure" : "error";
        String msg = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        failures.add("FAIL\t" + esc(cls) + "\t" + esc(method) + "\t" + kind + "\t" + esc(msg) + "\t" + esc(sw.toString()));
    }

    static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
