package dev.pavu.planner.service;

import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TestCoverage;
import dev.pavu.contracts.TestFailure;
import dev.pavu.planner.config.PlannerConfig;
import dev.pavu.kit.sources.SourceLimitsConfig;
import dev.pavu.kit.sources.SourceLimitsSettings;
import dev.pavu.planner.localisation.FaultLocaliser;
import dev.pavu.planner.localisation.LocalisationInput;
import dev.pavu.planner.localisation.ProjectIndex;
import dev.pavu.planner.localisation.SpectrumFormula;
import dev.pavu.planner.source.BundleStore;
import dev.pavu.planner.source.SourceResolver;
import dev.pavu.workspace.source.SourceCache;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Fault localisation of a job: checks the job's source out of the planner's own bundle store (through
 * the workspace library's {@link SourceCache}), parses it and ranks suspicious statements with
 * {@link FaultLocaliser#standard(SpectrumFormula)}: stack traces, the baseline's per-test coverage scored by
 * {@code pavu.planner.localisation.formula}, and the call graph of the failing tests.
 */
@ApplicationScoped
public class LocalisationService {

    /** Java files parsed per project at most. */
    static final int MAX_FILES = 20_000;

    private final PlannerConfig config;
    private final SourceCache cache;

    public LocalisationService(PlannerConfig config, BundleStore store, SourceLimitsConfig limits) {
        this.config = config;
        this.cache = new SourceCache(config.workDir().resolve("cache"), sha -> Files.newInputStream(store.pathOf(sha)),
                SourceLimitsSettings.limits(limits));
    }

    /**
     * The outcome of localisation.
     *
     * @param ranking ranked locations, most suspicious first (at most {@code pavu.planner.ranking-size})
     * @param problem why nothing could be ranked, or {@code null}
     */
    public record Result(List<SuspiciousLocation> ranking, String problem) {
    }

    /**
     * @param jobId        the job (names the checkout folder, removed afterwards)
     * @param bundleSha    the job's bundle
     * @param commit       the job's commit
     * @param failingTests the baseline's failing tests
     * @param errorLog     the job's error log, or {@code null}
     * @param coverage     the baseline's per-test coverage, empty when the verifier collected none
     * @return the ranking; empty with a problem when the checkout or parsing failed
     */
    public Result localise(UUID jobId, String bundleSha, String commit, List<TestFailure> failingTests, String errorLog,
                           List<TestCoverage> coverage) {
        Path target = config.workDir().resolve("checkouts").resolve(jobId.toString());
        long t0 = System.nanoTime();
        try {
            SourceResolver.deleteQuietly(target);
            cache.checkout(bundleSha, commit, target);
            ProjectIndex index = ProjectIndex.load(target, MAX_FILES);
            SpectrumFormula formula = config.localisation().formula();
            List<SuspiciousLocation> ranking = FaultLocaliser.standard(formula).localise(index,
                    new LocalisationInput(failingTests, errorLog, coverage, config.callDepth()), config.rankingSize());
            Log.infof("job %s: localised %d failing tests to %d statements in %d ms (%d main types; coverage of %d tests, %s)", jobId,
                    failingTests.size(), ranking.size(), (System.nanoTime() - t0) / 1_000_000, index.mainTypeCount(),
                    coverage == null ? 0 : coverage.size(), formula.id());
            return new Result(ranking, null);
        } catch (Exception e) {
            Log.warnf(e, "job %s: fault localisation failed", jobId);
            return new Result(List.of(), "fault localisation failed: " + e.getMessage());
        } finally {
            SourceResolver.deleteQuietly(target);
        }
    }
}
