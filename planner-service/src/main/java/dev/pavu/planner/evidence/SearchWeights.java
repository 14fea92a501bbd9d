package dev.pavu.planner.evidence;

/**
 * The evidence settings as a plain value (the {@code Job} aggregate's rules carry it; see {@link EvidenceConfig} for
 * each number's meaning). Out-of-range settings are brought into range rather than refused: β to [0, 1], γ to
 * [0, 10], the strength to [0.01, 10⁶], the weights to [{@code PlanProposed.MIN_PATTERN_WEIGHT},
 * {@code PlanProposed.MAX_PATTERN_WEIGHT}] with {@code min ≤ 1 ≤ max}, extra locations to [0, 50].
 *
 * @param enabled           whether evidence steers plans at all
 * @param locationWeight    β
 * @param patternWeight     γ
 * @param priorStrength     s
 * @param minWeight         smallest pattern weight
 * @param maxWeight         largest pattern weight
 * @param maxExtraLocations locations a plan gains from partial fixes at most
 */
public record SearchWeights(boolean enabled, double locationWeight, double patternWeight, double priorStrength,
                            double minWeight, double maxWeight, int maxExtraLocations) {

    /** The defaults of {@link EvidenceConfig}. */
    public static final SearchWeights DEFAULTS = new SearchWeights(true, 0.5, 1.0, 2.0, 0.25, 4.0, 3);

    /** Evidence off: plans as before. */
    public static final SearchWeights OFF = new SearchWeights(false, 0, 0, 2.0, 1, 1, 0);

    public SearchWeights {
        locationWeight = clamp(locationWeight, 0, 1);
        patternWeight = clamp(patternWeight, 0, 10);
        priorStrength = clamp(priorStrength, 0.01, 1e6);
        minWeight = clamp(minWeight, dev.pavu.contracts.PlanProposed.MIN_PATTERN_WEIGHT, 1);
        maxWeight = clamp(maxWeight, 1, dev.pavu.contracts.PlanProposed.MAX_PATTERN_WEIGHT);
        maxExtraLocations = Math.max(0, Math.min(50, maxExtraLocations));
    }

    /**
     * @param c the configuration
     * @return its values
     */
    public static SearchWeights of(EvidenceConfig c) {
        return new SearchWeights(c.enabled(), c.locationWeight(), c.patternWeight(), c.priorStrength(), c.minWeight(),
                c.maxWeight(), c.maxExtraLocations());
    }

    /** @return {@code w} within [{@link #minWeight}, {@link #maxWeight}] (1 when not finite) */
    public double bound(double w) {
        return Double.isFinite(w) ? clamp(w, minWeight, maxWeight) : 1.0;
    }

    static double clamp(double v, double lo, double hi) {
        return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
    }
}
