package dev.pavu.planner.strategy;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The repair-vs-regenerate decision as an explicit cost model. For each strategy a logistic model gives the
 * probability that one attempt succeeds, {@code P = 1 / (1 + e^-logit)} with the logit a weighted sum of the
 * {@link Features}; the expected cost of succeeding is {@code cost per attempt / P} (the mean of a geometric
 * number of attempts); the cheaper strategy is chosen. Regenerating needs a proposer model: without one it is
 * not an option. A task that asks for generation (IMPLEMENT) always regenerates.
 */
public final class CostModel {

    private CostModel() {
    }

    /**
     * The coefficients of one strategy's logistic model and its cost per attempt.
     *
     * @param intercept       the intercept
     * @param failingTests    per ln(1 + failing tests)
     * @param topScore        per unit of top score
     * @param margin          per unit of the top score's lead
     * @param methodLines     per ln(method lines)
     * @param capability      per unit of model capability
     * @param pastSuccess     per unit of (past rate − prior rate)
     * @param earlierAttempts per earlier attempt of this strategy in the job
     * @param priorRate       the prior success rate
     * @param costPerAttempt  cost of one attempt, seconds
     */
    public record Coefficients(double intercept, double failingTests, double topScore, double margin, double methodLines,
                               double capability, double pastSuccess, double earlierAttempts, double priorRate,
                               double costPerAttempt) {

        /** @param c config @return the repair coefficients */
        public static Coefficients of(StrategyConfig.Repair c) {
            return new Coefficients(c.intercept(), c.failingTests(), c.topScore(), c.margin(), c.methodLines(),
                    c.capability(), c.pastSuccess(), c.earlierAttempts(), c.priorRate(), c.costPerAttempt());
        }

        /** @param c config @return the regeneration coefficients */
        public static Coefficients of(StrategyConfig.Regenerate c) {
            return new Coefficients(c.intercept(), c.failingTests(), c.topScore(), c.margin(), c.methodLines(),
                    c.capability(), c.pastSuccess(), c.earlierAttempts(), c.priorRate(), c.costPerAttempt());
        }
    }

    /**
     * The decision and every number behind it.
     *
     * @param strategy   {@code repair} or {@code regenerate}
     * @param numbers    features, each logit term and total, both probabilities and both expected costs (the
     *                   regeneration cost is absent when no model can regenerate)
     * @param summary    one sentence with the costs that decided
     */
    public record Estimate(String strategy, Map<String, Double> numbers, String summary) {
    }

    /**
     * @param f          the features
     * @param repair     repair coefficients
     * @param regenerate regeneration coefficients
     * @param generation whether the task asks for generation (forces regenerate when a model is there)
     * @return the estimate
     */
    public static Estimate estimate(Features f, Coefficients repair, Coefficients regenerate, boolean generation) {
        Map<String, Double> n = new LinkedHashMap<>();
        n.put("failingTests", (double) f.failingTests());
        n.put("topScore", f.topScore());
        n.put("scoreMargin", f.margin());
        n.put("methodLines", (double) f.methodLines());
        n.put("capability", f.capability());
        n.put("pastRepairRate", f.pastRepairRate());
        n.put("pastRegenerateRate", f.pastRegenerateRate());
        n.put("earlierRepairs", (double) f.earlierRepairs());
        n.put("earlierRegenerations", (double) f.earlierRegenerations());
        n.put("modelAvailable", f.modelAvailable() ? 1.0 : 0.0);
        double logitRepair = logit("repair", f, repair, f.pastRepairRate(), f.earlierRepairs(), n);
        double logitRegenerate = logit("regenerate", f, regenerate, f.pastRegenerateRate(), f.earlierRegenerations(), n);
        double pRepair = sigmoid(logitRepair);
        double pRegenerate = f.modelAvailable() ? sigmoid(logitRegenerate) : 0.0;
        double costRepair = repair.costPerAttempt() / pRepair;
        n.put("logitRepair", round(logitRepair));
        n.put("logitRegenerate", round(logitRegenerate));
        n.put("pRepair", round(pRepair));
        n.put("pRegenerate", round(pRegenerate));
        n.put("costPerRepairAttempt", repair.costPerAttempt());
        n.put("costPerRegeneration", regenerate.costPerAttempt());
        n.put("expectedCostRepair", round(costRepair));
        String strategy;
        String summary;
        if (!f.modelAvailable()) {
            strategy = "repair";
            summary = String.format(Locale.ROOT, "repair: P(success) %.2f, expected cost %.0f s (%.0f s / %.2f); "
                    + "regenerating needs a proposer model, none is available", pRepair, costRepair, repair.costPerAttempt(), pRepair);
        } else {
            double costRegenerate = regenerate.costPerAttempt() / pRegenerate;
            n.put("expectedCostRegenerate", round(costRegenerate));
            strategy = generation || costRegenerate < costRepair ? "regenerate" : "repair";
            summary = String.format(Locale.ROOT, "expected cost of repairing %.0f s (%.0f s / P %.2f) vs regenerating "
                            + "%.0f s (%.0f s / P %.2f): %s%s", costRepair, repair.costPerAttempt(), pRepair, costRegenerate,
                    regenerate.costPerAttempt(), pRegenerate, strategy,
                    generation ? " (the task asks for generation)" : " is cheaper");
        }
        return new Estimate(strategy, n, summary);
    }

    private static double logit(String name, Features f, Coefficients c, double pastRate, int earlier, Map<String, Double> n) {
        double[] terms = {
                c.intercept(),
                c.failingTests() * Math.log1p(f.failingTests()),
                c.topScore() * f.topScore(),
                c.margin() * f.margin(),
                c.methodLines() * Math.log(Math.max(1, f.methodLines())),
                c.capability() * f.capability(),
                c.pastSuccess() * (pastRate - c.priorRate()),
                c.earlierAttempts() * earlier};
        String[] names = {"intercept", "failingTests", "topScore", "scoreMargin", "methodLines", "capability", "pastSuccess",
                "earlierAttempts"};
        double sum = 0;
        for (int i = 0; i < terms.length; i++) {
            n.put(name + "Term." + names[i], round(terms[i]));
            sum += terms[i];
        }
        return sum;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
