package dev.pavu.actuator.proposer.priors;

import dev.pavu.actuator.config.PriorsConfig;
import dev.pavu.actuator.proposer.PatternPriors;
import dev.pavu.actuator.proposer.StaticPatternPriors;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The {@link PatternPriors} in use, after {@code pavu.actuator.priors.source}: the static table, or priors
 * learned from the updater's statistics (the default). Replaces the static default bean of
 * {@code ProposerBeans}.
 */
@ApplicationScoped
public class PriorsBeans {

    /**
     * @param config the priors settings
     * @param client the updater's statistics
     * @return the priors
     */
    @Produces
    @Singleton
    public PatternPriors patternPriors(PriorsConfig config, UpdaterStatsClient client) {
        StaticPatternPriors table = new StaticPatternPriors();
        if (config.source() == PriorsConfig.Source.STATIC) {
            Log.info("pattern priors: the static table");
            return table;
        }
        Log.infof("pattern priors: learned from %s/stats/patterns (strength %.1f, cached %s), the static table as fallback",
                config.updaterUrl(), config.strength(), config.cacheTtl());
        return new LearnedPatternPriors(client, table, config.strength(), config.cacheTtl(), System::nanoTime);
    }
}
