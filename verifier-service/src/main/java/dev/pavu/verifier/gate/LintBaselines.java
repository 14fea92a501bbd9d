package dev.pavu.verifier.gate;

import dev.pavu.contracts.SourceRef;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.source.Workspaces;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The lint problems of a job's baseline (its source, unpatched), per linter, linted at most once per source, linter
 * and worker: a fresh checkout under {@code <home>/verifier/work/lint-baseline-<uuid>} (deleted afterwards), linted
 * with the same command as the candidates. Kept in memory for the last {@value #MAX_ENTRIES} source/linter pairs; a
 * baseline that could not be linted is not kept (the next candidate tries again).
 */
@ApplicationScoped
public class LintBaselines {

    /** Source/linter pairs kept. */
    static final int MAX_ENTRIES = 64;

    /**
     * A baseline's lint.
     *
     * @param problems the problems found (empty when clean or when it could not be linted)
     * @param error    why it could not be linted, or {@code null}
     */
    public record Baseline(List<LintProblem> problems, String error) {
        public Baseline {
            problems = List.copyOf(problems);
        }

        /** @return true when the baseline was linted */
        public boolean linted() {
            return error == null;
        }
    }

    private final Workspaces workspaces;
    private final Path work;
    private final Map<String, Baseline> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Baseline> eldest) {
            return size() > MAX_ENTRIES;
        }
    };
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public LintBaselines(Workspaces workspaces, VerifierConfig config) {
        this.workspaces = workspaces;
        this.work = Path.of(config.home(), "verifier", "work");
    }

    /**
     * @param source  the job's source (resolved: bundle and commit)
     * @param linter  the linter, with whatever else changes its findings (e.g. {@code checkstyle@<plugin>}) — part of the key
     * @param lintAt  lints a checked-out project root, returning its problems or why it could not
     * @return the baseline's lint, from the cache when this source and linter were linted before
     */
    public Baseline get(SourceRef source, String linter, Function<Path, Baseline> lintAt) {
        if (source == null || !source.resolved()) {
            return new Baseline(List.of(), "the candidate's source is not resolved");
        }
        String key = source.bundleSha() + "@" + source.commit() + "#" + linter;
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            synchronized (cache) {
                Baseline b = cache.get(key);
                if (b != null) {
                    return b;
                }
            }
            Path dir = work.resolve("lint-baseline-" + UUID.randomUUID());
            Baseline b;
            try {
                workspaces.checkout(source, dir);
                b = lintAt.apply(dir);
            } catch (RuntimeException e) {
                Log.warnf("cannot lint the baseline %s@%s with %s: %s", source.bundleSha(), source.commit(), linter, e.getMessage());
                b = new Baseline(List.of(), "cannot check out or lint it: " + e.getMessage());
            } finally {
                Workspaces.deleteRecursively(dir);
            }
            if (b.linted()) {
                synchronized (cache) {
                    cache.put(key, b);
                }
            }
            locks.remove(key);
            return b;
        }
    }
}
