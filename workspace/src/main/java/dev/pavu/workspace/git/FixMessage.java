package dev.pavu.workspace.git;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The commit message of a job's verified fix, the same whether {@code pavu apply --commit} makes the commit on the
 * user's machine or the planner pushes a result branch: a subject naming the task, a body naming the job, what found
 * the fix (proposer, pattern or model, the candidate's description) and the tests that failed in the baseline and pass
 * now, and a {@code Pavu-Job:} trailer.
 *
 * @param jobId       the job id
 * @param task        the user's task text (its first line is the subject), or {@code null}
 * @param proposer    what proposed the fix ({@code template}, {@code llm}, a model alias), or {@code null}
 * @param pattern     the fix pattern or model that made the winning candidate, or {@code null}
 * @param description the winning candidate's one-line description, or {@code null}
 * @param nowPassing  ids of the tests that failed in the baseline and pass with the fix ({@code Class#method})
 */
public record FixMessage(String jobId, String task, String proposer, String pattern, String description,
                         List<String> nowPassing) {

    /** Subject lines are cut to this many characters (git's customary limit). */
    public static final int SUBJECT_MAX = 72;
    /** At most this many passing tests are listed; the rest are counted. */
    public static final int TESTS_SHOWN = 20;

    /** Copies the test list, dropping repeats and keeping the order. */
    public FixMessage {
        Set<String> unique = new LinkedHashSet<>(nowPassing == null ? List.of() : nowPassing);
        unique.remove(null);
        nowPassing = List.copyOf(unique);
    }

    /** @return the message, subject line first, ending with a newline */
    public String text() {
        String first = firstLine(task);
        String subject = "Fix: " + (first == null ? "make the failing tests pass" : first);
        if (subject.length() > SUBJECT_MAX) {
            subject = subject.substring(0, SUBJECT_MAX - 1) + "…";
        }
        List<String> body = new ArrayList<>();
        body.add("Verified patch from Pavu job " + jobId + ".");
        if (proposer != null || pattern != null || description != null) {
            body.add("Found by: " + (proposer == null ? "pavu" : oneLine(proposer))
                    + (pattern == null ? "" : " (" + oneLine(pattern) + ")")
                    + (description == null ? "" : ": " + oneLine(description)));
        }
        if (!nowPassing.isEmpty()) {
            body.add("");
            body.add("Tests that failed before and pass now:");
            nowPassing.stream().limit(TESTS_SHOWN).forEach(t -> body.add("  - " + oneLine(t)));
            if (nowPassing.size() > TESTS_SHOWN) {
                body.add("  - … and " + (nowPassing.size() - TESTS_SHOWN) + " more");
            }
        }
        body.add("");
        body.add("Pavu-Job: " + jobId);
        return subject + "\n\n" + String.join("\n", body) + "\n";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return null;
        }
        String line = s.strip().split("\\R", 2)[0].strip();
        return line.isEmpty() ? null : line;
    }

    /** Untrusted text (a pattern, a test id) kept on its one line: line breaks would forge trailers. */
    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\u2028\\u2029]+", " ").strip();
    }
}
