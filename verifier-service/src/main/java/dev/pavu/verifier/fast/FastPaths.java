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
 */
@ApplicationScoped
public class FastPaths {

    private final VerifierConfig config;
    private final MavenToolchain maven;
    private final Sandbox sandbox;
    private final Workspaces workspaces;
    private final Map<String, FastPath.Result> projects = new LinkedHashMap<>(16, 0.75f, true);

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
        String key = source.bundleSha().substring(0, 16) + "-" + source.commit().substring(0, 16);
        FastPath.Result r = projects.get(key);
        if (r == null) {
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
