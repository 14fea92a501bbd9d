package dev.pavu.kit.observability;

import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;

import java.util.Locale;
import java.util.Optional;

/**
 * What a verdict says about how it was reached, as bounded meter tags ({@link EventMeters#verdictLatency},
 * {@link EventMeters#sandboxFailure}): read from the {@link VerdictIssued} itself — its gates, reason and coverage — so
 * the verifier needs no extra bookkeeping, and any verdict (e.g. one replayed from the audit log) gives the same tags.
 *
 * <p>The texts it reads are the verifier's: a fast-path gate's detail ends with {@code (fast path)}; a candidate whose
 * fast path broke says {@code fast path failed (…); verified on the cold path}; a refused run says
 * {@code no working sandbox}; the sandbox's limits say {@code memory limit of …}, {@code process limit of …},
 * {@code output limit of …}; a command that could not be started {@code could not start …}.
 */
public final class VerdictSignals {

    /** Path: the fast path (warm JVM) judged the candidate. */
    public static final String FAST = "fast";
    /** Path: the cold path ({@code mvn test}, a job's test command, another toolchain's gates). */
    public static final String COLD = "cold";
    /** Path: the cold path with the coverage probe. */
    public static final String COVERAGE = "coverage";
    /** Path: the fast path broke on the candidate; the cold path judged it. */
    public static final String FALLBACK = "fallback";
    /** Path: no gate ran (skipped, refused, the patch did not apply). */
    public static final String NONE = "none";

    private VerdictSignals() {
    }

    /**
     * @param v a verdict
     * @return the path that reached it: {@link #FAST}, {@link #FALLBACK}, {@link #COVERAGE}, {@link #COLD} or
     *         {@link #NONE} (no gate ran)
     */
    public static String path(VerdictIssued v) {
        if (v.gates().isEmpty()) {
            return NONE;
        }
        if (contains(v.reason(), "fast path failed")) {
            return FALLBACK;
        }
        for (GateResult g : v.gates()) {
            if (g.detail() != null && g.detail().endsWith("(fast path)")) {
                return FAST;
            }
        }
        return v.coverage().isEmpty() ? COLD : COVERAGE;
    }

    /**
     * @param v a verdict
     * @return why the sandbox stopped or refused its run, when it did: {@code fail-closed} (no working sandbox, nothing
     *         ran), {@code timeout} (the wall-clock limit), {@code memory}, {@code processes}, {@code output} (a
     *         resource limit), {@code start-failed} (a command could not be started); empty for a run that ended by
     *         itself (PASS, FAIL, SKIPPED, an ERROR of another kind)
     */
    public static Optional<String> sandboxFailure(VerdictIssued v) {
        if (contains(v.reason(), "no working sandbox")) {
            return Optional.of("fail-closed");
        }
        if (v.verdict() == Verdict.TIMEOUT) {
            return Optional.of("timeout");
        }
        if (v.verdict() != Verdict.ERROR) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder(v.reason() == null ? "" : v.reason());
        v.gates().forEach(g -> text.append('\n').append(g.detail()));
        String all = text.toString();
        if (contains(all, "memory limit of")) {
            return Optional.of("memory");
        }
        if (contains(all, "process limit of")) {
            return Optional.of("processes");
        }
        if (contains(all, "output limit of")) {
            return Optional.of("output");
        }
        if (contains(all, "could not start")) {
            return Optional.of("start-failed");
        }
        return Optional.empty();
    }

    private static boolean contains(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part);
    }
}
