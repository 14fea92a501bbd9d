package dev.pavu.planner.strategy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Settings of the strategy step ({@code pavu.planner.strategy.*}): the repair-vs-regenerate cost model and the
 * LLM planner's exploration call.
 *
 * <p><b>Where the coefficients come from.</b> They are hand-set priors, not fitted: chosen so that the model
 * says what experience with automated repair suggests — template and line-level repair work when localisation
 * is confident (a high top score clearly ahead of the next) and few tests fail; regenerating a method works
 * when the method is short and the model capable; every failed attempt of a strategy makes it less likely to
 * work next time. Each logistic model is
 * {@code logit = intercept + failingTests·ln(1+tests) + topScore·top + margin·(top − second) + methodLines·ln(lines)
 * + capability·cap + pastSuccess·(pastRate − priorRate) + earlierAttempts·attempts}. Once the updater has recorded
 * enough jobs, fit them by logistic regression on its audit log (one row per plan: these features, and whether
 * the plan produced a PASS) and put the fitted values here.
 */
@ConfigMapping(prefix = "pavu.planner.strategy")
public interface StrategyConfig {

    /** @return coefficients and cost of patching the suspicious lines (templates, plus the LLM's line patches) */
    Repair repair();

    /** @return coefficients and cost of regenerating the suspicious method with the model */
    Regenerate regenerate();

    /**
     * Capability score (0..1) of a model alias when the gateway's {@code GET /v1/models} gives none.
     *
     * @return the score
     */
    @WithDefault("0.5")
    double defaultCapability();

    /**
     * Size of the suspicious method when the source cannot be read (lines).
     *
     * @return the size
     */
    @WithDefault("20")
    int defaultMethodLines();

    /**
     * Weight of the prior success rate against the updater's counts, in jobs: rate = (passes + w·prior) / (jobs + w).
     *
     * @return the weight
     */
    @WithDefault("5")
    double priorWeight();

    /**
     * How long the gateway's alias list is reused before it is asked again.
     *
     * @return the time
     */
    @WithDefault("30s")
    Duration modelsCacheFor();

    /** @return the LLM planner's exploration call (a job naming a {@code planner} alias) */
    Exploration exploration();

    /** Coefficients of P(repair succeeds in one attempt). Hand-set priors (see the interface's Javadoc). */
    interface Repair {
        /** @return the intercept */
        @WithDefault("0.3")
        double intercept();

        /** @return per ln(1 + failing tests): many failing tests mean a broad fault */
        @WithDefault("-0.4")
        double failingTests();

        /** @return per unit of the top suspiciousness score */
        @WithDefault("1.2")
        double topScore();

        /** @return per unit of the top score's lead over the next location */
        @WithDefault("1.5")
        double margin();

        /** @return per ln(lines of the suspicious method): more places to look */
        @WithDefault("-0.3")
        double methodLines();

        /** @return per unit of the proposer model's capability (0 without a model: templates only) */
        @WithDefault("0.8")
        double capability();

        /** @return per unit of (past repair success rate − prior rate) */
        @WithDefault("3.0")
        double pastSuccess();

        /** @return per earlier repair iteration of the same job that found nothing */
        @WithDefault("-0.6")
        double earlierAttempts();

        /** @return prior success rate of a repair attempt, used while the updater has no counts */
        @WithDefault("0.5")
        double priorRate();

        /**
         * Cost of one repair attempt, in seconds: verifying an iteration's candidates (tens of template
         * candidates on the warm path) plus the model's answers.
         *
         * @return the cost
         */
        @WithDefault("120")
        double costPerAttempt();
    }

    /** Coefficients of P(regenerating the method succeeds in one attempt). Hand-set priors. */
    interface Regenerate {
        /** @return the intercept */
        @WithDefault("-0.5")
        double intercept();

        /** @return per ln(1 + failing tests) */
        @WithDefault("-0.2")
        double failingTests();

        /** @return per unit of the top suspiciousness score (is it the right method?) */
        @WithDefault("0.8")
        double topScore();

        /** @return per unit of the top score's lead */
        @WithDefault("0.5")
        double margin();

        /** @return per ln(lines of the method): long methods are hard to rewrite whole */
        @WithDefault("-0.7")
        double methodLines();

        /** @return per unit of the proposer model's capability */
        @WithDefault("3.0")
        double capability();

        /** @return per unit of (past regeneration success rate − prior rate) */
        @WithDefault("3.0")
        double pastSuccess();

        /** @return per earlier regeneration of the same job that failed */
        @WithDefault("-0.8")
        double earlierAttempts();

        /** @return prior success rate of a regeneration */
        @WithDefault("0.4")
        double priorRate();

        /**
         * Cost of one regeneration, in seconds: the model's answers plus verifying a few candidates.
         *
         * @return the cost
         */
        @WithDefault("60")
        double costPerAttempt();
    }

    /** The LLM planner's exploration: a summary of the relevant code and a proposed strategy, kept in the decision. */
    interface Exploration {
        /** @return most completion tokens */
        @WithDefault("600")
        int maxTokens();

        /** @return characters of the answer kept in the decision's rationale */
        @WithDefault("1500")
        int keepChars();

        /** @return lines of code shown per suspicious method */
        @WithDefault("80")
        int maxMethodLines();
    }
}
