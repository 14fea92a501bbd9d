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

    /** @return settings of the LLM proposer (used when a job's {@code models} names a {@code proposer} alias) */
    Llm llm();

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

        /** @return bounds of the statement insertion with renaming ({@code renamed-ingredient-insertion}) */
        Insertion insertion();
    }

    /**
     * Bounds of the statement insertion with renaming (see
     * {@code dev.pavu.actuator.proposer.patterns.RenamedIngredientInsertion}); each must be at least 1, or the
     * proposer is not built and the service does not start.
     */
    interface Insertion {
        /**
         * @return mutations per suspicious statement, at most
         */
        @WithDefault("4")
        int perLocation();

        /**
         * @return ingredients (statements to copy) renamed per suspicious statement, at most: the target's own method
         *         first, then the most similar in context
         */
        @WithDefault("12")
        int ingredients();

        /**
         * @return in-scope variables tried per variable of an ingredient, at most
         */
        @WithDefault("3")
        int choicesPerVariable();

        /**
         * @return renamings (whole variable bindings) per ingredient and insertion point, at most, fewest renamed first
         */
        @WithDefault("16")
        int renamings();

        /**
         * @return statements of the class looked at as ingredients per suspicious statement, at most, nearest first
         *         (bounds the work on a huge class or method)
         */
        @WithDefault("400")
        int pool();
    }

    /**
     * The LLM proposer: asks the model gateway's {@code proposer} alias of the job (its URL is
     * {@code quarkus.rest-client.gateway.url}, {@code PAVU_GATEWAY_URL}) for candidate patches.
     */
    interface Llm {
        /**
         * Answers asked for per plan (best-of-N): each is parsed, placed and checked on its own.
         *
         * @return N
         */
        @WithDefault("3")
        int samples();

        /**
         * Ask for all samples in one request with OpenAI's {@code n} (for gateways that support it); the
         * Pavu gateway serves one choice per call, so by default the samples are separate requests with
         * seeds {@code seed … seed + N - 1}. A gateway that refuses {@code n} is asked N times.
         *
         * @return whether to send {@code n}
         */
        @WithDefault("false")
        boolean useN();

        /**
         * Seed of the first sample: seeded requests are deterministic for the gateway, so it caches them and
         * can replay a job without a model.
         *
         * @return the first seed
         */
        @WithDefault("1")
        int seed();

        /**
         * Sampling temperature: high enough that the N samples differ.
         *
         * @return the temperature
         */
        @WithDefault("0.7")
        double temperature();

        /**
         * Most completion tokens per answer.
         *
         * @return the limit
         */
        @WithDefault("2048")
        int maxTokens();

        /**
         * Samples asked for at the same time.
         *
         * @return the parallelism
         */
        @WithDefault("4")
        int parallelism();

        /**
         * Lines shown around a suspicious line of a file too large to show whole.
         *
         * @return the lines above and below
         */
        @WithDefault("12")
        int contextLines();

        /**
         * Files up to this many lines are shown whole in the prompt.
         *
         * @return the line count
         */
        @WithDefault("200")
        int wholeFileLines();

        /**
         * Suspicious locations put into the prompt, most suspicious first.
         *
         * @return the count
         */
        @WithDefault("8")
        int maxLocations();

        /**
         * Characters of the prompt's user message at most (the gateway refuses prompts over a backend's
         * context window).
         *
         * @return the limit
         */
        @WithDefault("24000")
        int maxPromptChars();

        /**
         * Earlier failed candidates of the job shown in the prompt (read from the planner's
         * {@code GET /jobs/{id}/events}; skipped when the planner cannot serve them).
         *
         * @return the count
         */
        @WithDefault("3")
        int triedInPrompt();

        /**
         * Fuzzy re-anchoring: lowest mean line similarity of the place a hunk is moved to.
         *
         * @return a similarity in [0, 1]
         */
        @WithDefault("0.85")
        double anchorThreshold();

        /**
         * Fuzzy re-anchoring: how much more similar the chosen place must be than the best other place, or the
         * hunk is refused as ambiguous.
         *
         * @return a similarity difference
         */
        @WithDefault("0.08")
        double anchorMargin();

        /**
         * Fuzzy re-anchoring: lowest similarity of each line a hunk removes to the file line it deletes.
         *
         * @return a similarity in [0, 1]
         */
        @WithDefault("0.9")
        double removedLineThreshold();

        /**
         * Ask the model to review every checked candidate before it is sent for verification (with the job's
         * {@code reviewer} alias, else its {@code proposer} alias); a {@code REJECT} answer vetoes the candidate.
         * A job naming a {@code reviewer} alias is reviewed whatever this says.
         *
         * @return whether to review
         */
        @WithDefault("false")
        boolean selfReview();
    }
}
