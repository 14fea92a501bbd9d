package dev.pavu.actuator.proposer.llm;

/**
 * An earlier candidate of the job that was verified and did not pass, for the prompt.
 *
 * @param proposer    {@code template} or {@code llm}
 * @param pattern     its fix pattern
 * @param diff        its diff
 * @param verdict     FAIL, ERROR, TIMEOUT
 * @param reason      the verifier's one-line reason
 * @param firstFailure the first failing test and its message, or {@code null}
 */
public record TriedCandidate(String proposer, String pattern, String diff, String verdict, String reason,
                             String firstFailure) {
}
