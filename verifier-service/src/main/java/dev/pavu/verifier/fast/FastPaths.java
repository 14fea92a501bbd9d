package dev.pavu.verifier.fast;

import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.gate.GateOutcome;
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
import java.util.Optional;

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
    /** Maven builds of the fast path's own ({@code test-compile dependency:build-classpath}), for statistics and tests. */
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
     * @return the outcome, or empty when the candidate must take the cold path
     */
    public synchronized Optional<GateOutcome> verify(SourceRef source, String diff, VerifySpec spec, Duration timeout, OutputCapture log,
                                                     RunWatch watch) {
        if (!config.fastPath().enabled()) {
            return Optional.empty();
        }
        if (!sandbox.canStart()) {
            note(log, "cold path: the " + sandbox.name() + " sandbox cannot host the warm JVM");
            return Optional.empty();
        }
        if (spec.collectCoverage()) {
            note(log, "cold path: a coverage run (coverage is recorded on the cold path)");
            return Optional.empty();
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
                r = new FastPath.Result(null, e.getMessage());
            }
            if (r.project() == null) {
                Log.infof("source %s takes the cold path: %s", key, r.whyNot());
            }
            projects.put(key, r);
            evict();
        }
        if (r.project() == null) {
            note(log, "cold path: " + r.whyNot());
            return Optional.empty();
        }
        Optional<GateOutcome> out = r.project().verify(diff, timeout, spec.testsFirst(), log, watch);
        if (out.isEmpty()) {
            note(log, "cold path: the candidate changes more than Java sources under src/main/java and src/test/java");
        }
        return out;
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
                r = new FastPath.Result(null, e.toString());
            }
            if (r.project() == null) {
                Log.infof("source %s takes the cold path: %s", key, r.whyNot());
            }
            return r;
        }, opener));
        note(log, "fused build: the baseline's workspace becomes the fast path's build (" + dir + "), opened in the background");
        return true;
    }

    /** @return how many times the fast path ran its own Maven build (not counting baselines it took over) */
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
        }
    }

    synchronized void onStop(@Observes ShutdownEvent ev) {
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
