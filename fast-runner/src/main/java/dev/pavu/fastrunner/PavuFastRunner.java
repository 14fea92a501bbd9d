package dev.pavu.fastrunner;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
}
