package dev.pavu.cli.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * One task of a tasks file ({@code pavu tasks load|watch FILE}): the same fields as {@code pavu submit}'s options.
 *
 * @param name                a name unique in the file: the key by which a changed task is told from a new one
 * @param repo                a local folder (relative to the tasks file's directory) or a git URL
 * @param ref                 branch, tag or commit of a git URL, or {@code null}
 * @param task                the task text, or {@code null} for "make the failing tests pass"
 * @param kind                {@code REPAIR}, {@code IMPLEMENT} or {@code FIX_LOG}, or {@code null}
 * @param priority            0 (lowest) to 9 (highest), or {@code null} for the planner's default (5)
 * @param testCommand         the test command, or {@code null} to detect it
 * @param errorLog            a log file to fix (relative to the tasks file's directory), or {@code null}
 * @param models              model alias per role, or {@code null}
 * @param gates               the gate policy object, or {@code null}
 * @param maxCandidates       candidates to verify at most, or {@code null}
 * @param maxIterations       iterations at most, or {@code null}
 * @param timeoutPerCandidate seconds per candidate, or {@code null}
 * @param jobTimeout          seconds for the whole job, or {@code null}
 * @param reproduceCommand    FIX_LOG: the command that makes the logged failure happen, or {@code null} (left out of the
 *                            fingerprint when absent, so entries written before it keep theirs)
 */
public record TaskEntry(String name, String repo, String ref, String task, String kind, Integer priority, String testCommand,
                        String errorLog, Map<String, String> models, JsonNode gates, Integer maxCandidates,
                        Integer maxIterations, Long timeoutPerCandidate, Long jobTimeout,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String reproduceCommand) {
}
