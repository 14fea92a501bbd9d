package dev.pavu.verifier.service;

import dev.pavu.contracts.SourceRef;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.sandbox.ExecRequest;
import dev.pavu.verifier.sandbox.ExecResult;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.Sandbox;
import dev.pavu.verifier.source.Workspaces;
import dev.pavu.verifier.toolchain.MavenToolchain;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves a source's dependencies and build plugins into the local repository before its first offline
 * run, WITH network and without running any of the project's code (see {@link MavenToolchain#prefetchCommands()}).
 * Runs once per source (bundle + commit) and worker, on a fresh copy of the baseline, in the sandbox with
 * network allowed and the local repository writable. A failed prefetch is logged, not fatal: the offline
 * run then says what is missing.
 */
@ApplicationScoped
public class Prefetcher {

    private final VerifierConfig config;
    private final MavenToolchain maven;
    private final Sandbox sandbox;
    private final Workspaces workspaces;
    private final Path markers;
    private final Path logs;

    public Prefetcher(VerifierConfig config, MavenToolchain maven, Sandbox sandbox, Workspaces workspaces) {
        this.config = config;
        this.maven = maven;
        this.sandbox = sandbox;
        this.workspaces = workspaces;
        this.markers = Path.of(config.home(), "verifier", "prefetched");
        this.logs = Path.of(config.home(), "verifier", "logs");
    }

    /**
     * Prefetches a source unless it was done before (or prefetching is off).
     *
     * @param source  the resolved source
     * @param workDir an unused directory for the baseline copy (deleted afterwards)
     * @param note    receives one line about what happened, for the candidate's log
     */
    public synchronized void ensure(SourceRef source, Path workDir, java.util.function.Consumer<String> note) {
        if (!config.maven().prefetch()) {
            return;
        }
        Path marker = markers.resolve(source.bundleSha() + "-" + source.commit());
        if (Files.exists(marker)) {
            return;
        }
        Path log = logs.resolve("prefetch-" + source.bundleSha().substring(0, 12) + "-" + source.commit().substring(0, 12) + ".log");
        long start = System.nanoTime();
        OutputCapture out = new OutputCapture(config.limits().headBytes(), config.limits().tailBytes(), null);
        boolean ok = true;
        try {
            workspaces.checkout(source, workDir);
            long deadline = System.nanoTime() + config.maven().prefetchTimeout().toNanos();
            for (List<String> cmd : maven.prefetchCommands()) {
                long left = Math.max(1000, (deadline - System.nanoTime()) / 1_000_000);
                byte[] head = ("[pavu] $ " + String.join(" ", cmd) + "\n").getBytes();
                out.write(head, 0, head.length);
                java.time.Duration limit = java.time.Duration.ofMillis(left);
                ExecResult r = sandbox.run(new ExecRequest(cmd, workDir, maven.environment(), limit, true,
                        List.of(maven.localRepository()), maven.readOnlyPaths(), out, RunWatch.NONE,
                        dev.pavu.verifier.sandbox.Limits.of(config.sandbox(), limit)));
                if (!r.succeeded()) {
                    ok = false;
                    Log.warnf("dependency prefetch step of %s@%s did not succeed (%s); see %s", source.bundleSha().substring(0, 12),
                            source.commit().substring(0, 12), r.detail() != null ? r.detail() : "exit code " + r.exitCode(), log);
                }
            }
        } catch (RuntimeException e) {
            ok = false;
            Log.warnf("dependency prefetch of %s failed: %s", source.bundleSha(), e.getMessage());
            byte[] b = ("[pavu] prefetch failed: " + e.getMessage() + "\n").getBytes();
            out.write(b, 0, b.length);
        } finally {
            Workspaces.deleteRecursively(workDir);
        }
        try {
            Files.createDirectories(logs);
            out.writeTo(log);
            // once per source and worker, even when it had problems: a project that does not build would
            // otherwise pay for a networked build on every candidate
            Files.createDirectories(markers);
            Files.writeString(marker, ok ? "ok\n" : "with problems, see " + log + "\n");
        } catch (IOException e) {
            Log.warnf("cannot write prefetch log/marker: %s", e.getMessage());
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        note.accept("dependencies prefetched with network in " + ms + " ms" + (ok ? "" : " (with problems)") + "; log: " + log);
    }
}
