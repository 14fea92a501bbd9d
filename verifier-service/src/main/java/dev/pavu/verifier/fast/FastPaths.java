package dev.pavu.verifier.fast;

import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.source.Workspaces;
import dev.pavu.verifier.toolchain.MavenToolchain;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fast-path projects of this worker, one per source (bundle + commit), built on first use and kept for the
 * job's following candidates (least recently used evicted beyond {@code pavu.verifier.fast-path.max-projects}).
 *
 * <p>The fused build: the baseline's cold coverage run also writes the fast path's test classpath
 * ({@link FastPath#CLASSPATH_GOALS}, {@link #wantsBaselineBuild}); its workspace is then moved to the source's
 * fast-path directory ({@link #adopt}) and opened there without a Maven build of its own ({@code FastPath.open(…,
 * prebuilt=true)}), in the background while the planner and the actuator make the next candidates; the first candidate
 * waits for it if it comes sooner.
 */
@ApplicationScoped
public class FastPaths {

    private final VerifierConfig config;
    private final MavenToolchain maven;
    private final Sandbox sandbox;
    private final Workspaces workspaces;
    private final Map<String, FastPath.Result> projects = new LinkedHashMap<>(16, 0.75f, true);
    /** Projects adopted from a baseline's workspace and being opened in the background, by key. */
    private final Map<String, java.util.concurrent.CompletableFuture<FastPath.Result>> opening = new java.util.HashMap<>();
    /** Opens adopted projects, one at a time (a platform thread: it waits on processes). */
    private final java.util.concurrent.ExecutorService opener = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("fast-path-open").unstarted(r));
    /** A source's fast path is closed after this many failures of its machinery in a row ({@link FastAttempt.Failed}). */
    static final int MAX_FAILURES = 3;
    /** Failures in a row of each source's fast path. */
    private final Map<String, Integer> failures = new java.util.HashMap<>();
    /** Baselines the fast path built itself (in-process or {@code mvn test-compile dependency:build-classpath}), for statistics and tests. */
    private int ownBuilds;

    public FastPaths(VerifierConfig config, MavenToolchain maven, Sandbox sandbox, Workspaces workspaces) {
        this.config = config;
        this.maven = maven;
        this.sandbox = sandbox;
        this.workspaces = workspaces;
    }

    /**
     * Verifies a candidate through the fast path when it can; says in the candidate's log which path it takes and
     * why (lines {@code [pavu] fast path: …} / {@code [pavu] cold path: …}); the fast path's gate details end
     * with {@code (fast path)}.
     *
     * @param source  the candidate's source (resolved)
     * @param diff    its diff
     * @param spec    how to verify it: {@code collectCoverage} runs take the cold path (coverage is recorded
     *                there), {@code testsFirst} run first as on the cold path
     * @param timeout wall-clock limit of the candidate
     * @param log     its log
     * @param watch   asked whether to stop early
     * @return the fast path's verdict; {@link FastAttempt.NotTaken} when the candidate takes the cold path by design
     *         (said in the log); {@link FastAttempt.Failed} when the fast path's own machinery failed: the caller verifies
     *         it on the cold path. After {@value #MAX_FAILURES} such failures in a row a source's fast path is closed and
     *         its later candidates are {@code Failed} at once, with the last cause.
     */
    public synchronized FastAttempt verify(SourceRef source, String diff, VerifySpec spec, Duration timeout, OutputCapture log,
                                           RunWatch watch) {
        if (!config.fastPath().enabled()) {
            return new FastAttempt.NotTaken("the fast path is off (pavu.verifier.fast-path.enabled)");
        }
        if (!sandbox.canStart()) {
            return notTaken(log, "the " + sandbox.name() + " sandbox cannot host the warm JVM");
        }
        if (spec.collectCoverage()) {
            return notTaken(log, "a coverage run (coverage is recorded on the cold path)");
        }
        String key = key(source);
        java.util.concurrent.CompletableFuture<FastPath.Result> adopted = opening.remove(key);
        if (adopted != null) {
            long t0 = System.nanoTime();
            FastPath.Result a = adopted.join();
            long waited = (System.nanoTime() - t0) / 1_000_000;
            note(log, "fast path: built by the baseline's run (no build of its own)" + (waited > 0 ? "; waited " + waited + " ms for it to open" : "")
                    + (a.project() == null ? "; unusable: " + a.whyNot() : ""));
            projects.put(key, a);
            evict();
        }
        FastPath.Result r = projects.get(key);
        if (r == null) {
            ownBuilds++;
            Path dir = Path.of(config.home(), "verifier", "fast", key);
            Workspaces.deleteRecursively(dir);
            OutputCapture buildLog = new OutputCapture(64 * 1024, 64 * 1024, null);
            try {
                workspaces.checkout(source, dir.resolve("base"));
                r = FastPath.open(dir, maven, sandbox, config, buildLog);
            } catch (RuntimeException e) {
                r = FastPath.Result.failed(e.toString());
            }
            if (r.project() == null) {
                Log.infof("source %s takes the cold path: %s", key, r.whyNot());
            }
            projects.put(key, r);
            evict();
        }
        if (r.project() == null) {
            if (!r.failed()) {
                note(log, "cold path: " + r.whyNot());
            }
            return r.attempt();
        }
        FastAttempt out = r.project().verify(diff, timeout, spec.testsFirst(), log, watch);
        switch (out) {
            case FastAttempt.NotTaken n -> note(log, "cold path: " + n.why());
            case FastAttempt.Failed f -> {
                int inARow = failures.merge(key, 1, Integer::sum);
                Log.warnf("fast path of %s failed (%d in a row): %s", key, inARow, f.cause());
                if (inARow >= MAX_FAILURES) {
                    r.project().close();
                    projects.put(key, FastPath.Result.failed("closed after " + inARow + " failures in a row; the last: " + f.cause()));
                    failures.remove(key);
                }
            }
            case FastAttempt.Judged j -> failures.remove(key);
        }
        return out;
    }

    private static FastAttempt notTaken(OutputCapture log, String why) {
        note(log, "cold path: " + why);
        return new FastAttempt.NotTaken(why);
    }

    /**
     * Whether the baseline's cold run should also write the fast path's test classpath (the fused build): the fast path
     * is on, the sandbox can host the warm JVM, the source has no fast-path project yet (nor one being opened), and its
     * pom does not rule the fast path out.
     *
     * @param source the baseline's source
     * @param work   its workspace (checked out)
     * @param log    the baseline's log (says why not, when it is not)
     * @return true to add {@link FastPath#CLASSPATH_GOALS} to its run and {@link #adopt} its workspace afterwards
     */
    public synchronized boolean wantsBaselineBuild(SourceRef source, Path work, OutputCapture log) {
        if (!config.fastPath().enabled() || !sandbox.canStart()) {
            return false;
        }
        String key = key(source);
        if (projects.containsKey(key) || opening.containsKey(key)) {
            note(log, "fused build: no: this source's fast path is built already; the baseline's run does not build it again");
            return false;
        }
        if (config.keepWorkspaces()) {
            note(log, "fused build: no: workspaces are kept (pavu.verifier.keep-workspaces), so the baseline's cannot move");
            return false;
        }
        String why = FastPath.ineligible(work);
        if (why != null) {
            note(log, "fused build: no: " + why);
            return false;
        }
        return true;
    }

    /**
     * Takes over a baseline's workspace after its fused run as the source's fast-path baseline: moves it to
     * {@code <home>/verifier/fast/<key>/base} (the caller's workspace is then gone) and opens it in the background with
     * no Maven build ({@code FastPath.open(…, prebuilt=true)}: the classpath file is checked as always). Nothing is
     * taken when the run did not build the project (no {@link FastPath#CLASSPATH_FILE}) or the source has a project
     * already; the first candidate then builds it as before.
     *
     * @param source the baseline's source
     * @param work   its workspace after the run
     * @param log    the baseline's log
     * @return whether the workspace was taken
     */
    public synchronized boolean adopt(SourceRef source, Path work, OutputCapture log) {
        String key = key(source);
        if (projects.containsKey(key) || opening.containsKey(key)) {
            return false;
        }
        if (!java.nio.file.Files.isRegularFile(work.resolve(FastPath.CLASSPATH_FILE), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            note(log, "fused build: the baseline's run wrote no test classpath; the first candidate builds the fast path");
            return false;
        }
        Path dir = Path.of(config.home(), "verifier", "fast", key);
        try {
            Workspaces.deleteRecursively(dir);
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.move(work, dir.resolve("base"));
        } catch (java.io.IOException | RuntimeException e) {
            note(log, "fused build: cannot take over the baseline's workspace (" + e.getMessage() + "); the first candidate builds it");
            Workspaces.deleteRecursively(dir);
            return false;
        }
        OutputCapture openLog = new OutputCapture(64 * 1024, 64 * 1024, null);
        opening.put(key, java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            FastPath.Result r;
            try {
                r = FastPath.open(dir, maven, sandbox, config, openLog, true);
            } catch (RuntimeException e) {
                r = FastPath.Result.failed(e.toString());
            }
            if (r.project() == null) {
                Log.infof("source %s takes the cold path: %s", key, r.whyNot());
            }
            return r;
        }, opener));
        note(log, "fused build: the baseline's workspace becomes the fast path's build (" + dir + "), opened in the background");
        return true;
    }

    /** @return how many times the fast path built a baseline of its own, in-process or with Maven (not counting baselines it took over) */
    public synchronized int ownBuilds() {
        return ownBuilds;
    }

    private static String key(SourceRef source) {
        return source.bundleSha().substring(0, 16) + "-" + source.commit().substring(0, 16);
    }

    private void evict() {
        while (projects.size() > Math.max(1, config.fastPath().maxProjects())) {
            var eldest = projects.entrySet().iterator().next();
            if (eldest.getValue().project() != null) {
                eldest.getValue().project().close();
            }
            projects.remove(eldest.getKey());
            failures.remove(eldest.getKey());
        }
    }

    void onStop(@Observes ShutdownEvent ev) {
        close();
    }

    /** Closes every project's warm JVMs and the background opener (at shutdown; tests). */
    public synchronized void close() {
        opening.values().forEach(f -> {
            FastPath.Result r = f.join();
            if (r.project() != null) {
                r.project().close();
            }
        });
        opening.clear();
        opener.shutdownNow();
        projects.values().forEach(r -> {
            if (r.project() != null) {
                r.project().close();
            }
        });
        projects.clear();
    }

    private static void note(OutputCapture log, String line) {
        byte[] b = ("[pavu] " + line + "\n").getBytes(StandardCharsets.UTF_8);
        log.write(b, 0, b.length);
    }
}
