package dev.pavu.actuator.proposer.priors;

import dev.pavu.contracts.TestFailure;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The <em>failure kind</em> of a plan, the key under which the updater keeps per-kind pattern statistics:
 * the simple class name of the first failing test's exception, read from the first line of its stack
 * trace (else its message) — {@code AssertionFailedError}, {@code NullPointerException},
 * {@code ArrayIndexOutOfBoundsException}, … — {@code timeout} when the tests ran out of time, else
 * {@code test-failure} / {@code test-<kind>}. The same rules as the updater's classification of a baseline
 * verdict, so that the keys match.
 */
public final class FailureKinds {

    /** First token of a stack trace or message that looks like a Java exception class. */
    private static final Pattern EXCEPTION = Pattern.compile(
            "^\\s*(?:Caused by:\\s*)?([a-zA-Z_$][\\w$]*(?:\\.[a-zA-Z_$][\\w$]*)*)(?::|\\s|$)");

    private FailureKinds() {
    }

    /**
     * @param failingTests the baseline's failing tests, as the plan carries them
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
            if (f.message() != null && f.message().toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
                return "timeout";
            }
        }
        TestFailure first = failingTests.getFirst();
        return first.kind() == null ? "test-failure" : "test-" + first.kind();
    }

    /**
     * @param text a stack trace or message, e.g. {@code java.lang.NullPointerException: x\n\tat …}
     * @return the simple name of the exception class on its first line, or {@code null}
     */
    static String exceptionClass(String text) {
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
        boolean looksLikeThrowable = simple.endsWith("Exception") || simple.endsWith("Error") || simple.endsWith("Throwable")
                || simple.endsWith("Failure") || fqcn.contains(".") && !simple.isEmpty() && Character.isUpperCase(simple.charAt(0));
        return looksLikeThrowable && !simple.isEmpty() && Character.isUpperCase(simple.charAt(0)) ? simple : null;
    }
}
