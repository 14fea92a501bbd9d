package dev.pavu.actuator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the actuator ({@code pavu.actuator.*} in {@code application.properties}).
 */
@ConfigMapping(prefix = "pavu.actuator")
public interface ActuatorConfig {

    /**
     * Pavu's data directory ({@code PAVU_HOME}); the actuator keeps its bundle cache and checkouts under
     * {@code <home>/actuator}.
     *
     * @return the data directory
     */
    Path home();

    /**
     * Base URL of the planner ({@code PAVU_PLANNER_URL}), which serves source bundles at
     * {@code GET /sources/{sha}}.
     *
     * @return the planner's base URL
     */
    URI plannerUrl();

    /** @return settings of the bundle download */
    Fetch fetch();

    /** @return settings of the template proposer */
    Template template();

    /** Bundle download from the planner. */
    interface Fetch {
        /**
         * Connect timeout of one download attempt.
         *
         * @return the timeout
         */
        @WithDefault("5s")
        Duration connectTimeout();

        /**
         * Time limit of one download attempt (headers and body).
         *
         * @return the timeout
         */
        @WithDefault("5m")
        Duration requestTimeout();
    }

    /** The template proposer. */
    interface Template {
        /**
         * Upper bound of candidates per plan, whatever the plan's {@code maxCandidates} says.
         *
         * @return the bound
         */
        @WithDefault("500")
        int maxCandidates();

        /**
         * Only the most suspicious locations of a plan are mutated.
         *
         * @return how many locations at most
         */
        @WithDefault("60")
        int maxLocations();

        /**
         * Checkouts kept on disk (least recently used removed first).
         *
         * @return how many checkouts at most
         */
        @WithDefault("8")
        int keepCheckouts();
    }
}
