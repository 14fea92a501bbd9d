package dev.pavu.updater.lesson;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one concluded job teaches: the failure it met, what was tried, and what fixed it or why nothing did. Built
 * from the job's own events in the audit log ({@link LessonCardBuilder}); every text in it is bounded and free of
 * control characters ({@link Shapes}).
 *
 * @param jobId       the job
 * @param team        the job's team ({@code task.team} of its JobSubmitted, else the default team)
 * @param taskKind    {@code REPAIR}, {@code FIX_LOG}, … (TaskSpec kind), or {@code null} when the submission is not
 *                    in the log
 * @param signature   the failure met
 * @param tried       what was tried
 * @param outcome     how the job ended: {@code SUCCEEDED}, {@code EXHAUSTED}, {@code FAILED}, {@code CANCELLED}
 * @param fix         what fixed it, or {@code null} when nothing did
 * @param reason      the conclusion's reason (one sentence), e.g. why nothing fixed it
 * @param text        the card rendered for people and for embedding, at most {@code pavu.lessons.max-card-chars}
 * @param concludedAt when the job concluded (the JobConcluded event's time)
 */
public record LessonCard(UUID jobId, String team, String taskKind, FailureSignature signature, Tried tried,
                         String outcome, Fix fix, String reason, String text, Instant concludedAt) {

    /**
     * The failure a job met, in a form that matches the same failure with other data.
     *
     * @param exception    exception type of the first failing test (or of the error log), e.g.
     *                     {@code org.opentest4j.AssertionFailedError}; {@code null} when none is known
     * @param messageShape that test's message with numbers, strings and ids replaced ({@link Shapes#shape})
     * @param failingTests failing tests of the baseline run, {@code Class#method}, sorted, at most 20
     * @param suspicious   the most suspicious code the planner named, {@code Class.method (file:line)}, at most 3;
     *                     for a {@code FIX_LOG} job without failing tests, its error log's top frames
     *                     ({@code pkg.Class.method})
     */
    public record FailureSignature(String exception, String messageShape, List<String> failingTests,
                                   List<String> suspicious) {
    }

    /**
     * What the job tried.
     *
     * @param candidates candidates proposed and verified (baseline excluded)
     * @param patterns   candidates per fix pattern, e.g. {@code relational-operator-replacement → 3}
     * @param proposers  candidates per proposer: {@code template}, {@code llm}
     * @param models     model aliases the task asked for, per role (e.g. {@code proposer → coder}); empty when none
     * @param verdicts   candidate verdicts by name ({@code PASS}, {@code FAIL}, {@code COMPILE_ERROR}, …)
     * @param iterations repair iterations planned (baseline excluded)
     */
    public record Tried(int candidates, Map<String, Integer> patterns, Map<String, Integer> proposers,
                        Map<String, String> models, Map<String, Integer> verdicts, int iterations) {
    }

    /**
     * What fixed the job.
     *
     * @param pattern     the winning candidate's fix pattern
     * @param proposer    its proposer
     * @param description its one-line description, e.g. {@code Stats.java:17 replace < with <=}
     * @param diff        the patch (unified diff), at most {@code pavu.lessons.max-diff-chars}
     */
    public record Fix(String pattern, String proposer, String description, String diff) {
    }
}
