package dev.pavu.fastrunner;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Pavu's warm test JVM (module {@code fast-runner}; the verifier copies its classes, listed in
 * {@code dev/pavu/fastrunner/classes.txt}, next to the project's JUnit Platform jars, or the JUnit Vintage ones for a
 * JUnit 3/4 project). Compiled against the launcher API of JUnit Platform 1.9 and using only calls present since 1.0,
 * so it runs on any 1.x or 6.x platform. Protocol on stdin/stdout, one line each: {@code RUN\t<id>\t<candidate classes
 * dir>\t<result file>\t<output file>\t<per-test limit ms, 0 = none>\t<test ids to run, comma-separated, empty =
 * all>\t<budget ms>\t<cold per-test limit ms>\t<stop at the first failing test: true|false>} → runs the project's test classes
 * (surefire's default name patterns) in a fresh class loader [candidate classes, main classes, test classes]
 * over a shared loader of the dependencies, writes the results, answers {@code PAVU-FAST-DONE <id>} (or
 * {@code PAVU-FAST-DONE-RESTART <id>} when the JVM should not be reused: memory exhausted, a test abandoned
 * after its limit (its thread may still spin) or threads left running). While it runs it announces each test
 * class it enters: {@code PAVU-FAST-CLASS <id> <class>}. Containment: the answer of a run that ended normally carries
 * {@code  threads=<n>}, the threads the run started still alive after a 500 ms grace (daemon threads included); the
 * verifier replaces the JVM when it is not 0.
 *
 * <p>Stop at the first failing test (surefire's {@code skipAfterFailureCount=1}, which the cold path passes): once a
 * test failed and another test or class starts, the results so far are written and the run is answered with
 * {@code PAVU-FAST-DONE-STOPPED <id>} at once; the remaining tests go on in the background (there is no way to stop a
 * JUnit Platform 1.x run) and their results are dropped. When they are over the JVM says {@code PAVU-FAST-IDLE <id>},
 * or exits when it should not be reused (the verifier waits briefly for that line before the next run, and else
 * kills the JVM and takes the spare).
 *
 * <p>The per-test limit is JUnit Jupiter's default timeout in a separate thread, as the cold path passes it to
 * surefire ({@code junit.jupiter.execution.timeout.default}); a test over it fails with a
 * {@code java.util.concurrent.TimeoutException} and the other tests still run.
 */
public final class PavuFastRunner {

    private static final Pattern TEST_CLASS = Pattern.compile("^(Test[^.$]*|[^.$]*Test|[^.$]*Tests|[^.$]*TestCase)$");

    public static void main(String[] args) throws Exception {
        PrintStream proto = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        List<URL> deps = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of(args[0]))) {
            if (!l.isBlank()) {
                deps.add(Path.of(l.trim()).toUri().toURL());
            }
        }
        Path mainClasses = Path.of(args[1]);
        Path testClasses = Path.of(args[2]);
        ClassLoader junit = PavuFastRunner.class.getClassLoader();
        URLClassLoader depsLoader = new URLClassLoader(deps.toArray(new URL[0]), junit);
        Launcher launcher = LauncherFactory.create();
        Memory.watch();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        proto.println("PAVU-FAST-READY");
        String line;
        while ((line = in.readLine()) != null) {
            String[] p = line.split("\t");
            if (p.length < 5 || !p[0].equals("RUN")) {
                continue;
            }
            long perTestMs = p.length > 5 && !p[5].isEmpty() ? Long.parseLong(p[5]) : 0;
            List<String> only = p.length > 6 && !p[6].isEmpty() ? List.of(p[6].split(",")) : List.of();
            long budgetMs = p.length > 7 && !p[7].isEmpty() ? Long.parseLong(p[7]) : 0;
            long coldPerTestMs = p.length > 8 && !p[8].isEmpty() ? Long.parseLong(p[8]) : perTestMs;
            boolean stopAtFirstFailure = p.length > 9 && Boolean.parseBoolean(p[9]);
            Result result = new Result(proto, p[1], Path.of(p[3]), budgetMs, coldPerTestMs, stopAtFirstFailure);
            Memory.current = result;
            boolean restart = run(launcher, depsLoader, mainClasses, testClasses, Path.of(p[2]), Path.of(p[4]), perTestMs, only, result);
            Memory.current = null;
            result.finish(restart);
            if (result.stopped) {
                if (restart) {
                    System.exit(0); // answered already; a test of the dropped rest left this JVM unusable
                }
                synchronized (proto) {
                    proto.println("PAVU-FAST-IDLE " + p[1] + " threads=" + result.threadsLeft);
                }
            }
        }
    }

    private static boolean run(Launcher launcher, ClassLoader deps, Path main, Path test, Path cand, Path outFile,
                               long perTestMs, List<String> only, Result result) throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ClassLoader oldCtx = Thread.currentThread().getContextClassLoader();
        try (PrintStream out = new PrintStream(new FileOutputStream(outFile.toFile()), true, StandardCharsets.UTF_8);
             URLClassLoader loader = new URLClassLoader(new URL[] {cand.toUri().toURL(), main.toUri().toURL(), test.toUri().toURL()}, deps)) {
            System.setOut(out);
            System.setErr(out);
            Thread.currentThread().setContextClassLoader(loader);
            Set<String> names = new TreeSet<>();
            collect(test, names);
            collect(cand, names);
            List<org.junit.platform.engine.DiscoverySelector> selectors = new ArrayList<>();
            for (String n : names) {
                try {
                    selectors.add(DiscoverySelectors.selectClass(loader.loadClass(n)));
                } catch (ClassNotFoundException | LinkageError e) {
                    result.fail(n, "initializationError", e);
                }
            }
            if (!selectors.isEmpty()) {
                LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request().selectors(selectors);
                if (perTestMs > 0) {
                    b.configurationParameter("junit.jupiter.execution.timeout.default", perTestMs + " ms");
                    b.configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD");
                }
                if (!only.isEmpty()) {
                    b.filters((PostDiscoveryFilter) d -> selected(d, only));
                }
                LauncherDiscoveryRequest req = b.build();
                launcher.execute(req, result);
            }
        } catch (Throwable t) {
            result.fail("(runner)", "run", t);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            Thread.currentThread().setContextClassLoader(oldCtx);
        }
        // threads a test started, or JUnit's per-test timeout threads still winding down: give them 500 ms to end
        long until = System.nanoTime() + 500_000_000L;
        boolean leftThreads = false;
        int left = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t)) {
                t.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
                leftThreads |= t.isAlive() && !t.isDaemon();
                left += t.isAlive() ? 1 : 0;
            }
        }
        result.threadsLeft = left; // containment: the verifier replaces this JVM when a run left any thread, daemon or not
        return result.outOfMemory || result.timedOut || result.ownTimeout || leftThreads;
    }

    /** Surefire's {@code -Dtest=Class#method}: the class by simple or qualified name, the method by name. */
    private static FilterResult selected(TestDescriptor d, List<String> only) {
        if (!(d.getSource().orElse(null) instanceof MethodSource m)) {
            return FilterResult.included("not a method");
        }
        for (String t : only) {
            int hash = t.indexOf('#');
            String cls = hash < 0 ? t : t.substring(0, hash);
            String method = hash < 0 ? null : t.substring(hash + 1);
            boolean clsOk = m.getClassName().equals(cls) || m.getClassName().endsWith("." + cls);
            if (clsOk && (method == null || method.equals(m.getMethodName()))) {
                return FilterResult.included("selected");
            }
        }
        return FilterResult.excluded("not selected");
    }

    private static void collect(Path root, Set<String> names) throws Exception {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                String rel = root.relativize(f).toString();
                String cls = rel.substring(0, rel.length() - 6).replace('/', '.');
                String simple = cls.substring(cls.lastIndexOf('.') + 1);
                if (!simple.contains("$") && Selection.INSTANCE.selects(rel.substring(0, rel.length() - 6), simple)) {
                    names.add(cls);
                }
            });
        }
    }

    /**
     * Which test classes run, as surefire picks them: its default name patterns, or the project's own
     * {@code <includes>}/{@code <excludes>} as regular expressions over the class path without {@code .class}, which
     * the verifier writes to {@code pavu-test-selection.txt} in this runner's class directory.
     */
    record Selection(List<Pattern> includes, List<Pattern> excludes) {
        static final Selection INSTANCE = load();

        static Selection load() {
            List<Pattern> in = new ArrayList<>();
            List<Pattern> ex = new ArrayList<>();
            try (java.io.InputStream s = PavuFastRunner.class.getResourceAsStream("/pavu-test-selection.txt")) {
                if (s != null) {
                    for (String l : new String(s.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        if (l.startsWith("include ")) {
                            in.add(Pattern.compile(l.substring(8)));
                        } else if (l.startsWith("exclude ")) {
                            ex.add(Pattern.compile(l.substring(8)));
                        }
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new Selection(List.copyOf(in), List.copyOf(ex));
        }

        boolean selects(String path, String simpleName) {
            boolean included = includes.isEmpty() ? TEST_CLASS.matcher(simpleName).matches()
                    : includes.stream().anyMatch(p -> p.matcher(path).matches());
            return included && excludes.stream().noneMatch(p -> p.matcher(path).matches());
        }
    }

    /**
     * The cold path's memory limit, mimicked: the cold path runs the tests under a cgroup memory cap (the JVM there
     * does not see it and sizes its heap from the machine), so a test that keeps allocating is killed by the
     * kernel when the run reaches the cap (ERROR). This JVM's heap is capped a little under that limit ({@code
     * -Xmx}, set by the verifier), and once the old generation is still 90% full after a collection the run is
     * decided as memory exhausted at once, instead of after the collector's thrashing towards an
     * {@code OutOfMemoryError} (seconds to tens of seconds).
     */
    static final class Memory {
        static volatile Result current;
        private static MemoryPoolMXBean old;

        static void watch() {
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported() && p.getUsage().getMax() > 0
                        && (old == null || p.getUsage().getMax() > old.getUsage().getMax())) {
                    old = p;
                }
            }
            if (old == null) {
                return;
            }
            old.setCollectionUsageThreshold((long) (old.getUsage().getMax() * 0.9));
            ((javax.management.NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener((n, h) -> {
                if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(n.getType())) {
                    Result r = current;
                    if (r != null) {
                        r.memoryExhausted();
                    }
                }
            }, null, null);
        }

        /** @return bytes used in the old generation now (garbage included), 0 when unknown */
        static long oldUsed() {
            return old == null ? 0 : old.getUsage().getUsed();
        }
    }

    static final class Result implements TestExecutionListener {
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
                answer("PAVU-FAST-DONE-STOPPED ");
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
}
