package dev.pavu.planner.localisation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Suspiciousness formulas of spectrum-based fault localisation over a statement's counts: {@code ef} / {@code ep}
 * failing / passing tests that execute it, {@code nf} / {@code np} failing / passing tests that do not.
 * Every formula gives 0 to a statement no failing test executes ({@code ef = 0}).
 */
public enum SpectrumFormula {

    /**
     * Ochiai: {@code ef / sqrt((ef + nf) · (ef + ep))}, in [0, 1]; 0 when a factor is 0. R. Abreu, P. Zoeteweij,
     * A. J. C. van Gemund, "On the Accuracy of Spectrum-based Fault Localization", TAICPART-MUTATION 2007.
     */
    OCHIAI("ochiai", "Ochiai (Abreu et al. 2007): ef / sqrt((ef+nf)(ef+ep))") {
        @Override
        public double raw(int ef, int ep, int nf, int np) {
            double d = Math.sqrt((double) (ef + nf) * (ef + ep));
            return ef == 0 || d == 0 ? 0 : ef / d;
        }
    },

    /**
     * Tarantula: {@code (ef/F) / (ef/F + ep/P)} with {@code F = ef + nf}, {@code P = ep + np}, in [0, 1]; a term
     * over an empty set of tests counts 0 (so with no passing test a statement of the failing tests scores 1).
     * J. A. Jones, M. J. Harrold, "Empirical Evaluation of the Tarantula Automatic Fault-Localization
     * Technique", ASE 2005.
     */
    TARANTULA("tarantula", "Tarantula (Jones & Harrold 2005): (ef/F) / (ef/F + ep/P)") {
        @Override
        public double raw(int ef, int ep, int nf, int np) {
            int f = ef + nf;
            int p = ep + np;
            double failed = f == 0 ? 0 : (double) ef / f;
            double passed = p == 0 ? 0 : (double) ep / p;
            return failed == 0 ? 0 : failed / (failed + passed);
        }
    },

    /**
     * DStar with * = 2: {@code ef² / (ep + nf)}, unbounded; a zero denominator with {@code ef > 0} (executed by
     * every failing test and no passing one) is +∞. W. E. Wong, V. Debroy, R. Gao, Y. Li, "The DStar Method for
     * Effective Software Fault Localization", IEEE Transactions on Reliability 63(1), 2014. {@link #score}
     * maps it to [0, 1] by {@code d / (1 + d)}, which keeps the order.
     */
    DSTAR("dstar", "DStar (Wong et al. 2014, * = 2): ef² / (ep+nf), shown as d/(1+d)") {
        @Override
        public double raw(int ef, int ep, int nf, int np) {
            if (ef == 0) {
                return 0;
            }
            int d = ep + nf;
            return d == 0 ? Double.POSITIVE_INFINITY : (double) ef * ef / d;
        }

        @Override
        double bounded(double d) {
            return Double.isInfinite(d) ? 1.0 : d / (1 + d);
        }
    };

    private final String id;
    private final String description;

    SpectrumFormula(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /**
     * The formula as its paper defines it.
     *
     * @param ef failing tests that execute the statement (≥ 0)
     * @param ep passing tests that execute it (≥ 0)
     * @param nf failing tests that do not (≥ 0)
     * @param np passing tests that do not (≥ 0)
     * @return the suspiciousness; higher is more suspicious
     */
    public abstract double raw(int ef, int ep, int nf, int np);

    /**
     * The suspiciousness in [0, 1] (Ochiai and Tarantula as they are, DStar mapped by {@code d / (1 + d)}).
     *
     * @param ef failing tests that execute the statement
     * @param ep passing tests that execute it
     * @param nf failing tests that do not
     * @param np passing tests that do not
     * @return a score in [0, 1]
     * @throws IllegalArgumentException when a count is negative
     */
    public final double score(int ef, int ep, int nf, int np) {
        if (ef < 0 || ep < 0 || nf < 0 || np < 0) {
            throw new IllegalArgumentException("spectrum counts must not be negative: ef=" + ef + " ep=" + ep + " nf=" + nf + " np=" + np);
        }
        return bounded(raw(ef, ep, nf, np));
    }

    /** @return a raw score mapped into [0, 1], order kept */
    double bounded(double raw) {
        return raw;
    }

    /** @return the lower-case name used in settings and as the evidence name, e.g. {@code ochiai} */
    public String id() {
        return id;
    }

    /** @return the formula and its source, one line */
    public String description() {
        return description;
    }

    /**
     * @param name {@code ochiai}, {@code tarantula} or {@code dstar} (any case)
     * @return the formula
     * @throws IllegalArgumentException naming the accepted values
     */
    public static SpectrumFormula of(String name) {
        for (SpectrumFormula f : values()) {
            if (f.id.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown spectrum formula '" + name + "': use one of "
                + Arrays.stream(values()).map(SpectrumFormula::id).collect(Collectors.joining(", ")));
    }

    /**
     * @param evidence an evidence name
     * @return the formula of that name, or {@code null}
     */
    public static SpectrumFormula named(String evidence) {
        for (SpectrumFormula f : values()) {
            if (f.id.equals(evidence == null ? null : evidence.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }
}
