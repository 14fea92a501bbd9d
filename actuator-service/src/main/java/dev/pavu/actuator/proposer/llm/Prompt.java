package dev.pavu.actuator.proposer.llm;

/**
 * A chat prompt.
 *
 * @param system the instructions
 * @param user   the task with its evidence
 */
public record Prompt(String system, String user) {
}
