package dev.pavu.updater.service;

import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerdictIssued;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies a job's baseline verdict (the empty patch's) into a <em>failure kind</em>, the key under which
 * success statistics of fix patterns are kept (the learned priors read them).
 *
 * <p>Kinds: {@code none} (every test passed), {@code timeout}, {@code error} (the verifier could not judge),
 * {@code skipped}, {@code compile-error} (the static gate failed), else the simple class name of the first
 * failing test's exception, e.g. {@code AssertionFailedError} or {@code NullPointerException}, or
 * {@code test-failure} when no exception can be read.
 */
public final class FailureKinds {

    /** First token of a stack trace or message that looks like a Java exception class. */
    private static final Pattern EXCEPTION = Pattern.compile("^\\s*(?:Caused by:\\s*)?([a-zA-Z_$][\\w$]*(?:\\.[a-zA-Z_$][\\w$]*)*)(?::|\\s|$)");

    private FailureKinds() {
    }

    /**
     * @param baseline the verdict of the empty patch
     * @return its failure kind, never {@code null}
     */
    public static String of(VerdictIssued baseline) {
        return switch (baseline.verdict()) {
            case PASS -> "none";
            case TIMEOUT -> "timeout";
            case ERROR -> "error";
            case SKIPPED -> "skipped";
            case FAIL -> failed(baseline);
        };
    }

    private static String failed(VerdictIssued v) {
        for (GateResult g : v.gates()) {
            if ("static".equalsIgnoreCase(g.gate()) && g.status() == Verdict.FAIL) {
                return "compile-error";
            }
        }
        for (TestFailure f : v.failingTests()) {
            String cls = exceptionClass(f.stackTrace());
            if (cls != null) {
                return cls;
            }
        }
        return v.failingTests().isEmpty() || v.failingTests().getFirst().kind() == null
                ? "test-failure" : "test-" + v.failingTests().getFirst().kind();
    }

    /**
     * @param stackTrace a Java stack trace, e.g. {@code java.lang.NullPointerException: x\n\tat …}
     * @return the simple name of its exception class, or {@code null} when the first line names none
     */
    static String exceptionClass(String stackTrace) {
        if (stackTrace == null || stackTrace.isBlank()) {
            return null;
        }
        String first = stackTrace.strip().lines().findFirst().orElse("");
        Matcher m = EXCEPTION.matcher(first);
        if (!m.find()) {
            return null;
        }
        String fqcn = m.group(1);
        String simple = fqcn.substring(fqcn.lastIndexOf('.') + 1);
        boolean looksLikeThrowable = simple.endsWith("Exception") || simple.endsWith("Error") || simple.endsWith("Throwable")
                || simple.endsWith("Failure") || fqcn.contains(".");
        return looksLikeThrowable && !simple.isEmpty() && Character.isUpperCase(simple.charAt(0)) ? simple : null;
    }
}
