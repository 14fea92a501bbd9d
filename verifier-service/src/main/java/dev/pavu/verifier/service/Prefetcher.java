package dev.pavu.verifier.service;

import dev.pavu.contracts.SourceRef;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.sandbox.ExecRequest;
import dev.pavu.verifier.sandbox.ExecResult;
import dev.pavu.verifier.sandbox.Limits;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.source.Workspaces;
import dev.pavu.verifier.toolchain.CheckstyleToolchain;
import dev.pavu.verifier.toolchain.MavenToolchain;
import dev.pavu.verifier.toolchain.SpotbugsToolchain;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Resolves a source's dependencies and build plugins into the local repository before its first offline
 * run, WITH network and without running any of the project's code (see {@link MavenToolchain#prefetchCommands()}).
 * When a job's policy names {@code checkstyle}, also the Checkstyle plugin and what its {@code check} goal needs
 * (one networked {@code check} run on the baseline, {@link CheckstyleToolchain}), and for {@code spotbugs} the SpotBugs
 * plugin ({@link SpotbugsToolchain}: {@code compile} and its {@code check} goal), so the lint gate can run them offline.
 * Each step runs once per source (bundle + commit) and worker (a marker file under {@code <home>/verifier/prefetched}),
 * on a fresh copy of the baseline, in the sandbox with network allowed and the local repository writable. A failed
 * prefetch is logged, not fatal: the offline run then says what is missing.
 */
@ApplicationScoped
public class Prefetcher {

    private final VerifierConfig config;
    private final MavenToolchain maven;
    private final CheckstyleToolchain checkstyle;
    private final SpotbugsToolchain spotbugs;
    private final Sandbox sandbox;
    private final Workspaces workspaces;
    private final Path markers;
    private final Path logs;

    public Prefetcher(VerifierConfig config, MavenToolchain maven, CheckstyleToolchain checkstyle, SpotbugsToolchain spotbugs,
                      Sandbox sandbox, Workspaces workspaces) {
        this.spotbugs = spotbugs;
        this.config = config;
        this.maven = maven;
        this.checkstyle = checkstyle;
        this.sandbox = sandbox;
        this.workspaces = workspaces;
        this.markers = Path.of(config.home(), "verifier", "prefetched");
        this.logs = Path.of(config.home(), "verifier", "logs");
    }

    /** One prefetch step: its name in notes, its marker, its commands for a checked-out baseline. */
    private record Step(String name, Path marker, Function<Path, List<List<String>>> commands) {
    }

    /**
     * Prefetches a source unless it was done before (or prefetching is off).
     *
     * @param source  the resolved source
     * @param workDir an unused directory for the baseline copy (deleted afterwards)
     * @param linters the job's linters: {@code checkstyle} and {@code spotbugs} add their plugin's step
     * @param note    receives one line about what happened, for the candidate's log
     */
    public synchronized void ensure(SourceRef source, Path workDir, List<String> linters, Consumer<String> note) {
        if (!config.maven().prefetch()) {
            return;
        }
        String id = source.bundleSha() + "-" + source.commit();
        List<Step> steps = new ArrayList<>();
        Path marker = markers.resolve(id);
        if (!Files.exists(marker)) {
            steps.add(new Step("dependencies", marker, dir -> maven.prefetchCommands()));
        }
        if (linters.contains("checkstyle")) {
            try {
                Path cs = markers.resolve(id + "-checkstyle-" + checkstyle.plugin().replace(':', '_'));
                if (!Files.exists(cs)) {
                    steps.add(new Step("the Checkstyle plugin", cs, dir -> List.of(checkstyle.command(CheckstyleToolchain.config(dir), false))));
                }
            } catch (IllegalArgumentException e) {
                note.accept("Checkstyle plugin not prefetched: " + e.getMessage());
            }
        }
        if (linters.contains("spotbugs")) {
            try {
                Path sb = markers.resolve(id + "-spotbugs-" + spotbugs.plugin().coordinates().replace(':', '_'));
                if (!Files.exists(sb)) {
                    steps.add(new Step("the SpotBugs plugin", sb, dir -> List.of(spotbugs.command(false))));
                }
            } catch (IllegalArgumentException e) {
                note.accept("SpotBugs plugin not prefetched: " + e.getMessage());
            }
        }
        if (steps.isEmpty()) {
            return;
        }
        String suffix = steps.getFirst().marker().equals(marker) ? "" : "-linters";
        Path log = logs.resolve("prefetch-" + source.bundleSha().substring(0, 12) + "-" + source.commit().substring(0, 12) + suffix + ".log");
        long start = System.nanoTime();
        OutputCapture out = new OutputCapture(config.limits().headBytes(), config.limits().tailBytes(), null);
        List<Path> done = new ArrayList<>();
        boolean ok = true;
        try {
            workspaces.checkout(source, workDir);
            long deadline = System.nanoTime() + config.maven().prefetchTimeout().toNanos();
            for (Step step : steps) {
                for (List<String> cmd : step.commands().apply(workDir)) {
                    ok &= run(cmd, workDir, deadline, out, source, log);
                }
                done.add(step.marker());
            }
        } catch (RuntimeException e) {
            ok = false;
            Log.warnf("dependency prefetch of %s failed: %s", source.bundleSha(), e.getMessage());
            write(out, "[pavu] prefetch failed: " + e.getMessage() + "\n");
        } finally {
            Workspaces.deleteRecursively(workDir);
        }
        try {
            Files.createDirectories(logs);
            out.writeTo(log);
            // once per source and worker, even when it had problems: a project that does not build would
            // otherwise pay for a networked build on every candidate
            Files.createDirectories(markers);
            for (Path m : done) {
                Files.writeString(m, ok ? "ok\n" : "with problems, see " + log + "\n");
            }
        } catch (IOException e) {
            Log.warnf("cannot write prefetch log/marker: %s", e.getMessage());
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        note.accept(String.join(" and ", steps.stream().map(Step::name).toList()) + " prefetched with network in " + ms + " ms"
                + (ok ? "" : " (with problems)") + "; log: " + log);
    }

    private boolean run(List<String> cmd, Path workDir, long deadline, OutputCapture out, SourceRef source, Path log) {
        long left = Math.max(1000, (deadline - System.nanoTime()) / 1_000_000);
        write(out, "[pavu] $ " + String.join(" ", cmd) + "\n");
        Duration limit = Duration.ofMillis(left);
        ExecResult r = sandbox.run(new ExecRequest(cmd, workDir, maven.environment(), limit, true,
                List.of(maven.localRepository()), maven.readOnlyPaths(), out, RunWatch.NONE, Limits.of(config.sandbox(), limit)));
        if (!r.succeeded()) {
            Log.warnf("dependency prefetch step of %s@%s did not succeed (%s); see %s", source.bundleSha().substring(0, 12),
                    source.commit().substring(0, 12), r.detail() != null ? r.detail() : "exit code " + r.exitCode(), log);
        }
        return r.succeeded();
    }

    private static void write(OutputCapture out, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }
}
