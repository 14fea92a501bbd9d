package dev.pavu.actuator.proposer.llm;

import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.TestFailure;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The optional self-review: the model sees the failing tests and one checked candidate and answers
 * {@code ACCEPT} or {@code REJECT: <reason>}. A rejection vetoes the candidate before verification; an answer
 * that says neither, or a failed call, vetoes nothing.
 */
public final class SelfReview {

    private static final Pattern VERDICT = Pattern.compile("\\b(ACCEPT|REJECT)\\b[\\s:.*_-]*(.*)", Pattern.CASE_INSENSITIVE);

    static final String SYSTEM = """
            You review a candidate patch for a failing Java test suite before it is run. Reject it only when it \
            clearly cannot make the failing tests pass, changes unrelated behaviour, or disables or weakens \
            checks. Answer on the first line with ACCEPT, or with REJECT: followed by the reason in one sentence.""";

    private SelfReview() {
    }

    /**
     * The review's reading.
     *
     * @param veto   whether the candidate is vetoed
     * @param reason the reviewer's reason (for a veto), or a note
     */
    public record Verdict(boolean veto, String reason) {
    }

    /**
     * @param plan the plan
     * @param diff the candidate's diff
     * @return the review prompt
     */
    public static Prompt prompt(PlanProposed plan, String diff) {
        StringBuilder u = new StringBuilder("# Failing tests\n");
        for (TestFailure t : plan.failingTests().stream().limit(5).toList()) {
            u.append("- ").append(t.testId());
            if (t.message() != null && !t.message().isBlank()) {
                String m = t.message().strip();
                u.append(": ").append(m.length() > 300 ? m.substring(0, 300) + " …" : m);
            }
            u.append('\n');
        }
        u.append("\n# Candidate patch\n```diff\n").append(diff.strip()).append("\n```\n\n# Review\nACCEPT or REJECT: <reason>?\n");
        return new Prompt(SYSTEM, u.toString());
    }

    /**
     * @param answer the model's review
     * @return veto or not
     */
    public static Verdict read(String answer) {
        if (answer == null) {
            return new Verdict(false, "no review");
        }
        Matcher m = VERDICT.matcher(Fences.strip(answer));
        if (!m.find()) {
            return new Verdict(false, "the review said neither ACCEPT nor REJECT");
        }
        boolean reject = m.group(1).toUpperCase(Locale.ROOT).equals("REJECT");
        String reason = m.group(2).lines().findFirst().orElse("").strip();
        return new Verdict(reject, reason.isEmpty() ? (reject ? "no reason given" : "accepted") : reason);
    }
}
