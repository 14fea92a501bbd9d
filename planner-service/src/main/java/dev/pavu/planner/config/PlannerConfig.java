package dev.pavu.planner.config;

import dev.pavu.planner.localisation.SpectrumFormula;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the planner (prefix {@code pavu.planner}).
 */
@ConfigMapping(prefix = "pavu.planner")
public interface PlannerConfig {

    /** The service name written as {@code producer} into every event envelope. */
    String PRODUCER = "planner-service";

    /**
     * Pavu's data directory ({@code PAVU_HOME}, default {@code ~/.pavu}); the planner keeps its files under
     * {@code <home>/planner}: {@code sources/<sha256>.bundle}, {@code uploads/}, {@code checkouts/}.
     * A leading {@code ~} is expanded to the user's home directory.
     */
    @WithDefault("${user.home}/.pavu")
    String home();

    /** Wall-clock limit of resolving a job's source (clone + bundle); past it the job concludes FAILED. */
    @WithDefault("90s")
    Duration sourceTimeout();

    /** Candidates asked for per repair iteration at most; the job's remaining candidate budget caps it further. */
    @WithDefault("60")
    int maxCandidatesPerIteration();

    /** Suspicious locations handed to the actuator per repair iteration (the next iteration takes the next ones). */
    @WithDefault("40")
    int locationsPerIteration();

    /** Length of the whole ranking kept per job (all iterations draw from it). */
    @WithDefault("400")
    int rankingSize();

    /** Call depth followed from the failing tests into main code (0 = only methods the tests call). */
    @WithDefault("2")
    int callDepth();

    /** Fault localisation settings ({@code pavu.planner.localisation.*}). */
    Localisation localisation();

    /** Fault localisation settings. */
    interface Localisation {
        /**
         * Suspiciousness formula over the baseline's per-test coverage: {@code ochiai} (Abreu et al. 2007),
         * {@code tarantula} (Jones &amp; Harrold 2005) or {@code dstar} (Wong et al. 2014, * = 2).
         */
        @WithDefault("ochiai")
        SpectrumFormula formula();

        /** Ask the verifier for per-test coverage on the baseline run (spectrum-based fault localisation). */
        @WithDefault("true")
        boolean collectCoverage();
    }

    /** An error log given with a job is truncated to this many characters (its end is kept). */
    @WithDefault("16000")
    int errorLogMaxChars();

    /** How often jobs past their {@code jobTimeoutMs} are looked for. */
    @WithDefault("5s")
    Duration timeoutCheckEvery();

    /** An SSE stream of a concluded job ends this long after conclusion even if the audit log never shows JobConcluded. */
    @WithDefault("30s")
    Duration sseGraceAfterConclusion();

    /** @return {@link #home()} with {@code ~} expanded, as an absolute path */
    default Path homeDir() {
        String h = home();
        if (h.equals("~") || h.startsWith("~/")) {
            h = System.getProperty("user.home") + h.substring(1);
        }
        return Path.of(h).toAbsolutePath().normalize();
    }

    /** @return {@code <home>/planner/sources}: the bundle store */
    default Path sourcesDir() {
        return homeDir().resolve("planner").resolve("sources");
    }

    /** @return {@code <home>/planner/work}: scratch space for clones, uploads and checkouts */
    default Path workDir() {
        return homeDir().resolve("planner").resolve("work");
    }
}
