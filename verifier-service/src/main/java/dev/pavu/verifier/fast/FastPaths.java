package dev.pavu.verifier.fast;

import dev.pavu.contracts.SourceRef;
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
     * @param source  the candidate's source (resolved)
     * @param diff    its diff
     * @param timeout wall-clock limit of its test run
     * @param log     its log
     * @param watch   asked whether to stop early
     * @return the outcome, or empty when the candidate must take the cold path
     */
    public synchronized Optional<GateOutcome> verify(SourceRef source, String diff, Duration timeout, OutputCapture log, RunWatch watch) {
        if (!config.fastPath().enabled()) {
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
        note(log, "fast path: changed sources compiled alone, tests in the warm JVM");
        return r.project().verify(diff, timeout, log, watch);
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
