package dev.pavu.verifier.service;

import dev.pavu.verifier.config.LogFiles;
import dev.pavu.contracts.SourceRef;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.prefetch.BuildFingerprint;
import dev.pavu.verifier.prefetch.DependencyPrefetch;
import dev.pavu.verifier.prefetch.GradlePrefetch;
import dev.pavu.verifier.prefetch.MavenDefaults;
import dev.pavu.verifier.prefetch.PrefetchReport;
import dev.pavu.verifier.source.Workspaces;
import dev.pavu.verifier.toolchain.CheckstyleToolchain;
import dev.pavu.verifier.toolchain.MavenToolchain;
import dev.pavu.verifier.toolchain.SpotbugsToolchain;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Resolves a source's dependencies and build plugins into the local repository before its first offline run, WITH
 * network and WITHOUT running any of the project's code: {@link DependencyPrefetch} reads the poms as data and
 * downloads with Maven Resolver in this JVM into a private staging repository (checksums verified), then adds the
 * files to the shared local repository without overwriting any. When a job's policy names {@code checkstyle} or
 * {@code spotbugs}, the linter's plugin ({@link CheckstyleToolchain#plugin()}, {@link SpotbugsToolchain#plugin()}) is
 * resolved too, so the lint gate can run it offline. Each source (bundle + commit) is prefetched once per worker (a
 * marker file under {@code <home>/verifier/prefetched}, one more per linter plugin), on a fresh checkout of the
 * baseline; the limit is {@code pavu.verifier.maven.prefetch-timeout}. A source whose build files (poms, {@code .mvn/})
 * and resolution settings have the {@link BuildFingerprint} of a source resolved completely before is not resolved
 * again (a marker {@code build-<sha256>}; also not when the local repository has been emptied since). A failed
 * prefetch is logged, not fatal: the offline run then says what is missing.
 */
@ApplicationScoped
public class Prefetcher {

    private final VerifierConfig config;
    private final MavenToolchain maven;
    private final CheckstyleToolchain checkstyle;
    private final SpotbugsToolchain spotbugs;
    private final Workspaces workspaces;
    private final Path markers;
    private final Path logs;
    private DependencyPrefetch prefetch;

    public Prefetcher(VerifierConfig config, MavenToolchain maven, CheckstyleToolchain checkstyle, SpotbugsToolchain spotbugs,
                      Workspaces workspaces) {
        this.spotbugs = spotbugs;
        this.config = config;
        this.maven = maven;
        this.checkstyle = checkstyle;
        this.workspaces = workspaces;
        this.markers = Path.of(config.home(), "verifier", "prefetched");
        this.logs = LogFiles.dir(config);
    }

    /**
     * Prefetches a source unless it was done before (or prefetching is off).
     *
     * @param source  the resolved source
     * @param workDir an unused directory for the baseline checkout and the staging repository (deleted afterwards)
     * @param linters the job's linters: {@code checkstyle} and {@code spotbugs} add their plugin
     * @param note    receives one line about what happened, for the candidate's log
     */
    public synchronized void ensure(SourceRef source, Path workDir, List<String> linters, Consumer<String> note) {
        if (!config.maven().prefetch()) {
            return;
        }
        String id = source.bundleSha() + "-" + source.commit();
        Path marker = markers.resolve(id);
        List<Path> todo = new ArrayList<>();
        List<String> plugins = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (!Files.exists(marker)) {
            todo.add(marker);
            names.add("dependencies");
        }
        if (linters.contains("checkstyle")) {
            try {
                String p = checkstyle.plugin();
                Path m = markers.resolve(id + "-checkstyle-" + p.replace(':', '_'));
                if (!Files.exists(m)) {
                    todo.add(m);
                    plugins.add(p);
                    names.add("the Checkstyle plugin");
                }
            } catch (IllegalArgumentException e) {
                note.accept("Checkstyle plugin not prefetched: " + e.getMessage());
            }
        }
        if (linters.contains("spotbugs")) {
            try {
                String p = spotbugs.plugin().coordinates();
                Path m = markers.resolve(id + "-spotbugs-" + p.replace(':', '_'));
                if (!Files.exists(m)) {
                    todo.add(m);
                    plugins.add(p);
                    names.add("the SpotBugs plugin");
                }
            } catch (IllegalArgumentException e) {
                note.accept("SpotBugs plugin not prefetched: " + e.getMessage());
            }
        }
        if (todo.isEmpty()) {
            return;
        }
        String suffix = todo.getFirst().equals(marker) ? "" : "-linters";
        once(source, workDir, todo, names, suffix, note, (project, resolve) -> {
            long t0 = System.nanoTime();
            // a new commit with the poms of one resolved before needs nothing new (unless a linter's plugin is wanted)
            Optional<BuildFingerprint> build = todo.getFirst().equals(marker) ? fingerprint(project) : Optional.empty();
            Optional<Path> known = build.map(b -> markers.resolve("build-" + b.sha256()));
            if (plugins.isEmpty() && known.isPresent() && Files.exists(known.get()) && populated(maven.localRepository())) {
                return PrefetchReport.unchanged(build.get(), (System.nanoTime() - t0) / 1_000_000);
            }
            DependencyPrefetch p = prefetch();
            PrefetchReport r = runWithLimit(limit -> p.run(project, maven.localRepository(), resolve, plugins, limit));
            if (r.complete() && known.isPresent()) {
                writeMarker(known.get(), "resolved completely for " + id + "\n");
            }
            return r;
        });
    }

    /**
     * @return the project's build fingerprint over the settings that decide its resolution; empty when it has none or
     * the tree cannot be read (then it is resolved as before)
     */
    private Optional<BuildFingerprint> fingerprint(Path project) {
        String settings = String.join("\n", "repositories " + config.maven().repositories(),
                "lifecycle plugins " + config.maven().lifecyclePlugins().orElse(List.of()),
                "vintage " + config.fastPath().vintageVersion(), "local repository " + maven.localRepository(),
                "maven " + maven.mavenHome(), "java " + maven.javaHome());
        try {
            return BuildFingerprint.of(project, settings);
        } catch (UncheckedIOException e) {
            Log.debugf("no build fingerprint of %s: %s", project, e.getMessage());
            return Optional.empty();
        }
    }

    /** A local repository emptied since (a fresh one at the same path) makes every fingerprint marker stale. */
    private static boolean populated(Path repository) {
        try (Stream<Path> entries = Files.list(repository)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeMarker(Path marker, String text) {
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, text);
        } catch (IOException e) {
            Log.warnf("cannot write the prefetch marker %s: %s", marker, e.getMessage());
        }
    }

    /**
     * Prefetches a Gradle project's declared dependencies unless it was done before (or prefetching is off): its build
     * scripts are read as text, never run ({@link GradlePrefetch}), and what they declare is resolved into the local
     * Maven repository the offline Gradle run reads.
     *
     * @param source  the resolved source
     * @param workDir an unused directory for the baseline checkout and the staging repository (deleted afterwards)
     * @param note    receives one line about what happened, for the candidate's log
     */
    public synchronized void ensureGradle(SourceRef source, Path workDir, Consumer<String> note) {
        if (!config.maven().prefetch()) {
            return;
        }
        Path marker = markers.resolve(source.bundleSha() + "-" + source.commit() + "-gradle");
        if (Files.exists(marker)) {
            return;
        }
        once(source, workDir, List.of(marker), List.of("Gradle dependencies"), "-gradle", note, (project, resolve) -> {
            GradlePrefetch g = new GradlePrefetch(config.maven().repositories(),
                    DependencyPrefetch.systemProperties(maven.javaHome(), maven.environment()));
            return runWithLimit(limit -> g.run(project, maven.localRepository(), resolve, limit));
        });
    }

    /** One prefetch of a source in a work directory. */
    @FunctionalInterface
    private interface Task {
        PrefetchReport run(Path project, Path resolve) throws InterruptedException, ExecutionException, TimeoutException;
    }

    /** A resolution bounded by {@code pavu.verifier.maven.prefetch-timeout}. */
    @FunctionalInterface
    private interface Limited {
        PrefetchReport run(Duration limit) throws Exception;
    }

    private void once(SourceRef source, Path workDir, List<Path> todo, List<String> names, String suffix, Consumer<String> note, Task task) {
        Path log = logs.resolve("prefetch-" + source.bundleSha().substring(0, 12) + "-" + source.commit().substring(0, 12) + suffix + ".log");
        long start = System.nanoTime();
        StringBuilder text = new StringBuilder();
        boolean ok;
        boolean reused = false;
        String summary;
        try {
            Path project = workDir.resolve("project");
            workspaces.checkout(source, project);
            PrefetchReport r = task.run(project, workDir.resolve("resolve"));
            ok = r.complete();
            reused = r.sameBuildAs() != null;
            summary = r.note();
            text.append("[pavu] ").append(summary).append('\n');
            r.problems().forEach(p -> text.append("[pavu] problem: ").append(p).append('\n'));
            r.ignoredRepositories().forEach(p -> text.append("[pavu] ignored repository declared in a pom: ").append(p).append('\n'));
            if (!ok) {
                Log.warnf("dependency prefetch of %s@%s had problems: %s", source.bundleSha().substring(0, 12),
                        source.commit().substring(0, 12), summary);
            }
        } catch (RuntimeException | TimeoutException | ExecutionException e) {
            ok = false;
            String why = e instanceof TimeoutException ? "did not finish within " + config.maven().prefetchTimeout()
                    : String.valueOf(e instanceof ExecutionException && e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            summary = "prefetch failed: " + why;
            Log.warnf("dependency prefetch of %s failed: %s", source.bundleSha(), why);
            text.append("[pavu] ").append(summary).append('\n');
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
            summary = "prefetch interrupted";
            text.append("[pavu] ").append(summary).append('\n');
        } finally {
            Workspaces.deleteRecursively(workDir);
        }
        try {
            Files.createDirectories(logs);
            Files.writeString(log, text);
            // once per source and worker, even when it had problems: a project whose dependencies cannot be had
            // would otherwise be resolved again on every candidate
            Files.createDirectories(markers);
            for (Path m : todo) {
                Files.writeString(m, ok ? "ok\n" : "with problems, see " + log + "\n");
            }
        } catch (IOException e) {
            Log.warnf("cannot write prefetch log/marker: %s", e.getMessage());
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        note.accept(String.join(" and ", names) + (reused ? " not resolved again (" + ms + " ms, no network)" : " prefetched with network in " + ms + " ms")
                + (ok ? "" : " (with problems)") + ": " + summary + "; log: " + log);
    }

    private PrefetchReport runWithLimit(Limited work) throws InterruptedException, ExecutionException, TimeoutException {
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pavu-prefetch");
            t.setDaemon(true);
            return t;
        });
        try {
            Duration limit = config.maven().prefetchTimeout();
            Future<PrefetchReport> f = ex.submit(() -> work.run(limit));
            try {
                // the run itself starts nothing after the limit; the grace covers a download under way
                return f.get(limit.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                throw e;
            }
        } finally {
            ex.shutdownNow();
            // the work directory is deleted by the caller; give an interrupted resolution a moment to stop writing
            ex.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private synchronized DependencyPrefetch prefetch() {
        if (prefetch == null) {
            prefetch = create(config, maven);
        }
        return prefetch;
    }

    /**
     * @param config the verifier's settings (repositories, lifecycle plugins, JUnit Vintage version)
     * @param maven  the Maven toolchain (installed Maven, target JDK, environment)
     * @return the prefetch the verifier uses
     */
    public static DependencyPrefetch create(VerifierConfig config, MavenToolchain maven) {
        return new DependencyPrefetch(config.maven().repositories(), MavenDefaults.of(config.maven().lifecyclePlugins(), maven.mavenHome()),
                config.fastPath().vintageVersion(), DependencyPrefetch.systemProperties(maven.javaHome(), maven.environment()));
    }
}
