package dev.pavu.planner.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.planner.client.UpdaterStatsClient;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Past success rates of the two strategies from the updater's {@code GET /stats/patterns}, smoothed towards the
 * configured priors: {@code (passes + w·prior) / (jobs + w)}. A regeneration is a job whose candidates include
 * pattern {@code llm-regenerate}; repair is every other verified job (summed over failure kinds, minus the
 * regenerations). Without the updater the priors are used.
 */
@ApplicationScoped
public class PastSuccess {

    /** The pattern of regenerated methods (the actuator's GENERATE candidates). */
    public static final String REGENERATE_PATTERN = "llm-regenerate";

    /**
     * @param repair      smoothed repair success rate
     * @param regenerate  smoothed regeneration success rate
     * @param repairJobs  jobs counted for repair (0 when the updater gave nothing)
     * @param regenJobs   jobs counted for regeneration
     * @param fromUpdater whether the updater answered
     */
    public record Rates(double repair, double regenerate, long repairJobs, long regenJobs, boolean fromUpdater) {
    }

    private final UpdaterStatsClient stats;
    private final StrategyConfig config;

    /**
     * @param stats  the updater's statistics
     * @param config the priors and their weight
     */
    public PastSuccess(@RestClient UpdaterStatsClient stats, StrategyConfig config) {
        this.stats = stats;
        this.config = config;
    }

    /** @return the rates now */
    public Rates rates() {
        try {
            return of(stats.patterns(), config.repair().priorRate(), config.regenerate().priorRate(), config.priorWeight());
        } catch (RuntimeException e) {
            Log.debugf("updater statistics unavailable, priors used: %s", e.toString());
            return new Rates(config.repair().priorRate(), config.regenerate().priorRate(), 0, 0, false);
        }
    }

    /**
     * @param view        the updater's answer
     * @param repairPrior prior repair rate
     * @param regenPrior  prior regeneration rate
     * @param weight      prior weight in jobs
     * @return the smoothed rates
     */
    static Rates of(JsonNode view, double repairPrior, double regenPrior, double weight) {
        long jobs = 0;
        long passes = 0;
        for (JsonNode r : view.path("failureKinds")) {
            jobs += r.path("jobs").asLong();
            passes += Math.min(r.path("passes").asLong(), r.path("jobs").asLong());
        }
        long regenJobs = 0;
        long regenPasses = 0;
        for (JsonNode r : view.path("patterns")) {
            if (REGENERATE_PATTERN.equals(r.path("pattern").asText())) {
                regenJobs = r.path("jobs").asLong();
                regenPasses = Math.min(r.path("passes").asLong(), regenJobs);
            }
        }
        long repairJobs = Math.max(0, jobs - regenJobs);
        long repairPasses = Math.max(0, Math.min(repairJobs, passes - regenPasses));
        return new Rates((repairPasses + weight * repairPrior) / (repairJobs + weight),
                (regenPasses + weight * regenPrior) / (regenJobs + weight), repairJobs, regenJobs, true);
    }
}
