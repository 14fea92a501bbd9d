package dev.pavu.planner.config;

import dev.pavu.planner.localisation.SpectrumFormula;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import io.quarkus.runtime.configuration.MemorySize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /**
     * Progress watchdog: a job whose current plan has had no answer (no candidate count, no verdict) for this long has
     * that plan sent again — the same event, so an actuator that answered it already skips it — at most once per this
     * period, long before the job's own timeout.
     */
    @WithDefault("5m")
    Duration stallAfter();

    /** Candidates asked for per repair iteration at most; the job's remaining candidate budget caps it further. */
    @WithDefault("60")
    int maxCandidatesPerIteration();

    /** Suspicious locations handed to the actuator per repair iteration (the next iteration takes the next ones). */
    @WithDefault("40")
    int locationsPerIteration();

    /**
     * Partial fixes (candidates that made some, not all, failing tests pass) a repair plan carries at most, fewest
     * failures first, for the actuator to combine into two-location patches; 0 turns two-location patches off.
     */
    @WithDefault("4")
    int maxPartialFixes();

    /** Length of the whole ranking kept per job (all iterations draw from it). */
    @WithDefault("400")
    int rankingSize();

    /** Call depth followed from the failing tests into main code (0 = only methods the tests call). */
    @WithDefault("2")
    int callDepth();

    /** Plausible-patch ranking ({@code pavu.planner.ranking.*}). */
    Ranking ranking();

    /**
     * Plausible-patch ranking: after a job's first plausible patch it goes on verifying its current plan's candidates
     * a little longer, then concludes with the best-ranked plausible patch ({@code dev.pavu.planner.ranking.PatchRanker}).
     * The extra search ends at whichever limit comes first, or when the current plan has no candidate left; either set
     * to 0 concludes at the first plausible patch, as without ranking.
     */
    interface Ranking {
        /** Repair verdicts counted after the first plausible patch at most (SKIPPED ones excluded). */
        @WithDefault("3")
        int extraCandidates();

        /** Time after the first plausible patch at most (e.g. {@code 15s}, {@code 500ms}). */
        @WithDefault("5s")
        Duration extraTime();
    }

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

    /** Where a submitted git URL may point ({@code pavu.planner.sources.*}). */
    Sources sources();

    /** Where a submitted git URL may point. */
    interface Sources {
        /**
         * Hosts a submitted {@code http(s)://} URL may name although they are not public: host names as written in
         * URLs ({@code git.internal}), addresses ({@code 10.0.0.5}, {@code ::1}) or CIDR blocks ({@code 10.1.0.0/16}),
         * comma-separated (env {@code PAVU_PLANNER_SOURCES_ALLOWED_HOSTS}). Empty by default: only hosts whose every
         * address is public are cloned. {@code file://} URLs and local paths are never accepted over HTTP.
         */
        Optional<List<String>> allowedHosts();
    }

    /** Size limits of {@code POST /jobs} ({@code pavu.planner.limits.*}); a request past one is answered 413. */
    Limits limits();

    /**
     * Size limits of {@code POST /jobs}. The defaults keep every event of a job well under Kafka's default
     * {@code max.request.size} of 1 MiB: the task (64 KiB, at most 384 KiB once JSON-escaped) and the kept end of the
     * error log ({@link #errorLogMaxChars()}) travel in the events, the rest of the error log does not.
     */
    interface Limits {
        /** Largest {@code task} text, UTF-8 bytes. */
        @WithDefault("65536")
        int maxTaskBytes();

        /** Largest {@code errorLog}, UTF-8 bytes (of which the last {@code error-log-max-chars} characters are kept). */
        @WithDefault("1048576")
        int maxErrorLogBytes();

        /** Largest {@code testCommand}, UTF-8 bytes. */
        @WithDefault("8192")
        int maxTestCommandBytes();

        /** Largest JSON job document (the body of a JSON request, the {@code job} part of an upload), bytes. */
        @WithDefault("4M")
        MemorySize maxJsonBytes();

        /**
         * Largest uploaded git bundle, bytes. {@code quarkus.http.limits.max-body-size} (256M) is the hard ceiling
         * above it: a request larger than that is cut off by the HTTP layer with a bare 413.
         */
        @WithDefault("200M")
        MemorySize maxUploadBytes();
    }

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
