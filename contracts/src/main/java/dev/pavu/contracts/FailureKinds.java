package dev.pavu.contracts;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The <em>failure kind</em> of a job: the key under which the updater keeps per-kind fix-pattern
 * statistics and under which the actuator's learned priors read them. Both sides classify with this one
 * class, so their keys always match.
 *
 * <p>Kinds: the simple class name of the first failing test's exception, read from the first line of
 * its stack trace, else of its message ({@code AssertionFailedError}, {@code NullPointerException},
 * {@code TimeoutException}, …); {@code timeout} when a message says the test timed out; else
 * {@code test-failure} / {@code test-<kind>}. A baseline verdict adds {@code none} (every test passed),
 * {@code compile-error} (the static gate failed), {@code timeout}, {@code error} and {@code skipped}.
 */
public final class FailureKinds {

    /** First token of a stack trace or message that looks like a Java exception class. */
    private static final Pattern EXCEPTION = Pattern.compile(
            "^\\s*(?:Caused by:\\s*)?([a-zA-Z_$][\\w$]*(?:\\.[a-zA-Z_$][\\w$]*)*)(?::|\\s|$)");

    private FailureKinds() {
    }

    /**
     * @param baseline the verdict of a job's empty patch
     * @return its failure kind, never {@code null}
     */
    public static String of(VerdictIssued baseline) {
        return switch (baseline.verdict()) {
            case PASS -> "none";
            case TIMEOUT -> "timeout";
            case ERROR -> "error";
            case SKIPPED -> "skipped";
            case FAIL -> {
                boolean staticFailed = baseline.gates().stream()
                        .anyMatch(g -> "static".equalsIgnoreCase(g.gate()) && g.status() == Verdict.FAIL);
                String kind = staticFailed ? "compile-error" : of(baseline.failingTests());
                yield kind == null ? "test-failure" : kind;
            }
        };
    }

    /**
     * @param failingTests failing tests, e.g. those a plan carries from the baseline
     * @return the failure kind, or {@code null} when there is no failing test
     */
    public static String of(List<TestFailure> failingTests) {
        if (failingTests == null || failingTests.isEmpty()) {
            return null;
        }
        for (TestFailure f : failingTests) {
            String cls = exceptionClass(f.stackTrace());
            if (cls != null) {
                return cls;
            }
        }
        for (TestFailure f : failingTests) {
            String cls = exceptionClass(f.message());
            if (cls != null) {
                return cls;
            }
            if (f.message() != null && f.message().toLowerCase(Locale.ROOT).contains("timed out")) {
                return "timeout";
            }
        }
        TestFailure first = failingTests.getFirst();
        return first.kind() == null ? "test-failure" : "test-" + first.kind();
    }

    /**
     * @param text a stack trace or message, e.g. {@code java.lang.NullPointerException: x\n\tat …}
     * @return the simple name of the exception class on its first line, or {@code null} when it names none
     */
    public static String exceptionClass(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String first = text.strip().lines().findFirst().orElse("");
        Matcher m = EXCEPTION.matcher(first);
        if (!m.find()) {
            return null;
        }
        String fqcn = m.group(1);
        String simple = fqcn.substring(fqcn.lastIndexOf('.') + 1);
        if (simple.isEmpty() || !Character.isUpperCase(simple.charAt(0))) {
            return null;
        }
        boolean looksLikeThrowable = simple.endsWith("Exception") || simple.endsWith("Error") || simple.endsWith("Throwable")
                || simple.endsWith("Failure") || fqcn.contains(".");
        return looksLikeThrowable ? simple : null;
    }
}
