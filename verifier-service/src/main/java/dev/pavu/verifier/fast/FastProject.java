package dev.pavu.verifier.fast;

import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.gate.GateOutcome;
import dev.pavu.verifier.gate.MavenGates;
import dev.pavu.verifier.report.SurefireReports;
import dev.pavu.verifier.report.TestReport;
import dev.pavu.verifier.sandbox.BubblewrapSandbox;
import dev.pavu.verifier.sandbox.ExecRequest;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.OutputSink;
import dev.pavu.verifier.sandbox.ProcessRunner;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.workspace.diff.ChangeKind;
import dev.pavu.workspace.diff.FilePatch;
import dev.pavu.workspace.diff.PatchRejectedException;
import dev.pavu.workspace.diff.UnifiedDiffs;
import io.quarkus.logging.Log;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
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
 * The fast path for one built JVM project (one source at one commit): the baseline was built once by Maven
 * ({@link FastPath#open}); each candidate's changed {@code .java} files are compiled alone with
 * {@code javax.tools} against the baseline's classes and test classpath, and the test suite runs in a warm
 * JVM ({@code PavuFastRunner}, in the sandbox, without network) in a fresh class loader per candidate.
 * A candidate that hangs or leaves the JVM unusable gets the JVM killed; the next candidate starts a new one.
 *
 * <p>Not thread-safe: one candidate at a time (the verifier's worker is sequential).
 */
public final class FastProject implements AutoCloseable {

    private static final String DONE = "PAVU-FAST-DONE ";
    private static final String DONE_RESTART = "PAVU-FAST-DONE-RESTART ";

    private final Path dir;
    private final Path base;
    private final List<Path> classpath;
    private final List<Path> junitJars;
    private final Path depsFile;
    private final Path runnerDir;
    private final String release;
    private final Path javaHome;
    private final Sandbox sandbox;
    private final SurefireReports limits;
    private Process runner;
    private BlockingQueue<String> protocol;
    private OutputCapture runnerLog;
    private final AtomicLong sequence = new AtomicLong();
    /** JVM starts, for statistics. */
    private int starts;

    FastProject(Path dir, Path base, List<Path> classpath, List<Path> junitJars, Path depsFile, Path runnerDir, String release,
                Path javaHome, Sandbox sandbox, SurefireReports limits) {
        this.dir = dir;
        this.base = base;
        this.classpath = classpath;
        this.junitJars = junitJars;
        this.depsFile = depsFile;
        this.runnerDir = runnerDir;
        this.release = release;
        this.javaHome = javaHome;
        this.sandbox = sandbox;
        this.limits = limits;
    }

    /** @return how many times the warm JVM was started */
    public int jvmStarts() {
        return starts;
    }

    /**
     * Verifies one candidate.
     *
     * @param diff    the candidate's unified diff (blank = the baseline)
     * @param timeout wall-clock limit of the test run
     * @param log     the candidate's log
     * @param watch   asked whether to stop early
     * @return the outcome, or empty when this candidate needs the cold path (it touches more than Java
     *         sources, deletes a file, or its diff cannot be read here)
     */
    public Optional<GateOutcome> verify(String diff, Duration timeout, OutputCapture log, RunWatch watch) {
        long id = sequence.incrementAndGet();
        Path cand = dir.resolve("cand").resolve(Long.toString(id));
        try {
            long t0 = System.nanoTime();
            Files.createDirectories(cand);
            Path src = cand.resolve("src");
            Path classes = Files.createDirectories(cand.resolve("classes"));
            List<Path> sources = new ArrayList<>();
            if (!diff.isBlank()) {
                List<FilePatch> patches;
                try {
                    patches = UnifiedDiffs.parse(diff);
                } catch (PatchRejectedException e) {
                    return Optional.empty(); // the cold path reports it exactly as it always does
                }
                for (FilePatch fp : patches) {
                    if (fp.kind() == ChangeKind.DELETE || !fp.path().endsWith(".java")
                            || !(fp.path().startsWith("src/main/java/") || fp.path().startsWith("src/test/java/"))) {
                        return Optional.empty();
                    }
                    Path from = base.resolve(fp.path());
                    Path to = src.resolve(fp.path());
                    Files.createDirectories(to.getParent());
                    if (Files.exists(from)) {
                        Files.copy(from, to);
                    }
                    sources.add(to);
                }
                try {
                    UnifiedDiffs.apply(src, diff);
                } catch (PatchRejectedException e) {
                    return Optional.of(GateOutcome.early(Verdict.ERROR,
                            (e.reason() == PatchRejectedException.Reason.DOES_NOT_APPLY ? "the patch does not apply: "
                                    : "the patch was refused (" + e.reason().name().toLowerCase().replace('_', ' ') + "): ") + e.getMessage()));
                }
                String errors = compile(sources, classes, src);
                long staticMs = (System.nanoTime() - t0) / 1_000_000;
                if (errors != null) {
                    String why = "does not compile: " + errors;
                    note(log, why);
                    return Optional.of(new GateOutcome(Verdict.FAIL, why, List.of(new GateResult(MavenGates.STATIC, Verdict.FAIL, staticMs,
                            why + " (fast path)")), List.of(), 0, 0));
                }
            }
            long staticMs = (System.nanoTime() - t0) / 1_000_000;
            return Optional.of(runTests(id, cand, classes, staticMs, timeout, log, watch));
        } catch (IOException e) {
            Log.warnf("fast path failed for a candidate (%s); using the cold path", e.getMessage());
            return Optional.empty();
        } finally {
            delete(cand);
        }
    }

    private String compile(List<Path> sources, Path out, Path srcRoot) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, null, StandardCharsets.UTF_8)) {
            List<String> opts = new ArrayList<>(List.of("-d", out.toString(), "-proc:none", "-implicit:none", "-g", "-nowarn",
                    "-encoding", "UTF-8", "-Xlint:none", "-cp", String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList())));
            if (release != null) {
                opts.addAll(List.of("--release", release));
            }
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(sources);
            Boolean ok = javac.getTask(null, fm, diags, opts, null, units).call();
            if (Boolean.TRUE.equals(ok)) {
                return null;
            }
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String file = d.getSource() == null ? "?" : srcRoot.relativize(Path.of(d.getSource().toUri())).toString();
            String msg = d.getMessage(java.util.Locale.ROOT).lines().findFirst().orElse("").trim();
            String e = file + ":[" + d.getLineNumber() + "," + d.getColumnNumber() + "] " + msg;
            if (!errors.contains(e)) {
                errors.add(e);
            }
            if (errors.size() == 3) {
                break;
            }
        }
        return errors.isEmpty() ? "javac failed" : String.join("; ", errors);
    }

    private GateOutcome runTests(long id, Path cand, Path classes, long staticMs, Duration timeout, OutputCapture log, RunWatch watch)
            throws IOException {
        ensureRunner();
        Path result = cand.resolve("result.tsv");
        Path output = cand.resolve("output.txt");
        long t0 = System.nanoTime();
        String line = "RUN\t" + id + "\t" + classes + "\t" + result + "\t" + output + "\n";
        OutputStream stdin = runner.getOutputStream();
        stdin.write(line.getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        long deadline = t0 + timeout.toNanos();
        String answer = null;
        String stopped = null;
        long nextWatch = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (answer == null) {
            try {
                String l = protocol.poll(100, TimeUnit.MILLISECONDS);
                if (l != null && (l.equals(DONE + id) || l.equals(DONE_RESTART + id))) {
                    answer = l;
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = "the verifier is shutting down";
                break;
            }
            if (!runner.isAlive() && protocol.isEmpty()) {
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
        long testsMs = (System.nanoTime() - t0) / 1_000_000;
        appendOutput(output, log);
        GateResult compiled = new GateResult(MavenGates.STATIC, Verdict.PASS, staticMs, "compiled (fast path)");
        if (answer == null) {
            boolean crashed = !runner.isAlive() && stopped == null && System.nanoTime() < deadline;
            killRunner();
            if (stopped != null) {
                return new GateOutcome(Verdict.SKIPPED, "stopped: " + stopped, List.of(compiled,
                        new GateResult(MavenGates.TESTS, Verdict.SKIPPED, testsMs, stopped + " (fast path)")), List.of(), 0, 0);
            }
            if (crashed) {
                String why = "the test JVM crashed: the warm JVM exited during the tests";
                return new GateOutcome(Verdict.FAIL, why, List.of(compiled, new GateResult(MavenGates.TESTS, Verdict.FAIL, testsMs,
                        why + " (fast path)")), List.of(), 0, 0);
            }
            String why = "timed out after " + ProcessRunner.describe(timeout.toMillis()) + " (limit " + timeout.toMillis()
                    + " ms) in the tests gate; the warm JVM was killed";
            return new GateOutcome(Verdict.TIMEOUT, why, List.of(compiled, new GateResult(MavenGates.TESTS, Verdict.TIMEOUT, testsMs,
                    why + " (fast path)")), List.of(), 0, 0);
        }
        if (answer.startsWith(DONE_RESTART)) {
            note(log, "the warm JVM is restarted after this candidate (memory exhausted or threads left running)");
            killRunner();
        }
        if (Files.readAllLines(result, StandardCharsets.UTF_8).contains("OOM\ttrue")) {
            String why = "memory exhausted: the test JVM ran out of memory (java.lang.OutOfMemoryError) in the tests gate";
            return new GateOutcome(Verdict.ERROR, why, List.of(compiled, new GateResult(MavenGates.TESTS, Verdict.ERROR, testsMs,
                    why + " (fast path)")), List.of(), 0, 0);
        }
        TestReport rep = readResult(result);
        if (rep.testsFailed() > 0) {
            String why = MavenGates.failedReason(rep, false);
            return new GateOutcome(Verdict.FAIL, why, List.of(compiled, new GateResult(MavenGates.TESTS, Verdict.FAIL, testsMs,
                    why + " (fast path)")), rep.failures(), rep.testsRun(), rep.testsFailed());
        }
        String why = rep.testsRun() == 0 ? "the build passed; no tests ran" : "all " + rep.testsRun() + " tests passed";
        return new GateOutcome(Verdict.PASS, why, List.of(compiled, new GateResult(MavenGates.TESTS, Verdict.PASS, testsMs,
                why + " (fast path)")), List.of(), rep.testsRun(), 0);
    }

    private TestReport readResult(Path result) throws IOException {
        int run = 0;
        int skipped = 0;
        int failed = 0;
        List<TestFailure> failures = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String l : Files.readAllLines(result, StandardCharsets.UTF_8)) {
            String[] p = l.split("\t", -1);
            switch (p[0]) {
                case "RUN" -> run = Integer.parseInt(p[1]);
                case "SKIPPED" -> skipped = Integer.parseInt(p[1]);
                case "FAIL" -> {
                    failed++;
                    String cls = unesc(p[1]);
                    String method = unesc(p[2]);
                    TestFailure f = new TestFailure(cls + "#" + method, cls, method, p[3],
                            SurefireReports.truncate(unesc(p[4]), limits.messageChars()),
                            SurefireReports.truncate(unesc(p[5]).strip(), limits.stackTraceChars()));
                    if (failures.size() < limits.maxFailures() && seen.add(f.testId())) {
                        failures.add(f);
                    }
                }
                default -> {
                }
            }
        }
        return new TestReport(run, failed, skipped, failures, 1);
    }

    private static String unesc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private void ensureRunner() throws IOException {
        if (runner != null && runner.isAlive()) {
            return;
        }
        killRunner();
        Path work = Files.createDirectories(dir.resolve("cand"));
        // no -Xmx: the JVM's default heap, as surefire's forked JVM gets it on the cold path
        List<String> jvm = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(),
                "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-cp",
                String.join(java.io.File.pathSeparator, concat(runnerDir, junitJars)),
                "PavuFastRunner", depsFile.toString(), base.resolve("target/classes").toString(),
                base.resolve("target/test-classes").toString()));
        List<String> cmd = jvm;
        if (sandbox instanceof BubblewrapSandbox bw) {
            List<Path> ro = new ArrayList<>(List.of(base, runnerDir, depsFile, javaHome));
            ro.addAll(classpath);
            ro.addAll(junitJars);
            cmd = bw.command(new ExecRequest(jvm, work, Map.of(), Duration.ofHours(1), false, List.of(), ro,
                    new OutputCapture(0, 0, null), null));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8", "HOME", "/tmp", "JAVA_HOME", javaHome.toString()));
        runner = pb.start();
        starts++;
        protocol = new LinkedBlockingQueue<>();
        runnerLog = new OutputCapture(64 * 1024, 64 * 1024, null);
        Process p = runner;
        BlockingQueue<String> q = protocol;
        OutputCapture rl = runnerLog;
        Thread.ofVirtual().name("fast-runner-" + p.pid()).start(() -> {
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
        try {
            String ready = protocol.poll(60, TimeUnit.SECONDS);
            if (!"PAVU-FAST-READY".equals(ready)) {
                String out = runnerLog.text();
                killRunner();
                throw new IOException("the warm JVM did not start: " + (ready == null ? "no answer within 60 s" : ready) + " " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the warm JVM");
        }
    }

    private static List<String> concat(Path first, List<Path> rest) {
        List<String> out = new ArrayList<>();
        out.add(first.toString());
        rest.forEach(p -> out.add(p.toString()));
        return out;
    }

    private void killRunner() {
        if (runner != null) {
            ProcessRunner.killTree(runner);
            runner = null;
        }
    }

    private static void appendOutput(Path output, OutputSink log) {
        try {
            if (Files.exists(output)) {
                long size = Files.size(output);
                try (var in = Files.newInputStream(output)) {
                    byte[] b = in.readNBytes(512 * 1024);
                    log.write(b, 0, b.length);
                }
                if (size > 512 * 1024) {
                    note(log, "test output of " + size + " bytes; the first 512 KB are kept");
                }
            }
        } catch (IOException e) {
            Log.debugf("cannot copy test output: %s", e.getMessage());
        }
    }

    private static void note(OutputSink log, String line) {
        byte[] b = ("[pavu] " + line + "\n").getBytes(StandardCharsets.UTF_8);
        log.write(b, 0, b.length);
    }

    static void delete(Path p) {
        dev.pavu.verifier.source.Workspaces.deleteRecursively(p);
    }

    @Override
    public void close() {
        killRunner();
        delete(dir.resolve("cand"));
    }
}
