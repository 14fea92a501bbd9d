package dev.pavu.actuator.proposer;

/**
 * A checked candidate patch, ready to be emitted as a {@code DiffProposed}.
 *
 * @param file        repository-relative path of the changed file
 * @param line        1-based line of the change
 * @param pattern     fix pattern name
 * @param description one line, e.g. {@code Stats.java:17 replace < with <=}
 * @param diff        git-style unified diff of the file
 * @param hash        normalised SHA-256 of the diff (de-duplication, {@code triedPatchHashes})
 * @param priority    rank score, higher first
 */
public record Candidate(String file, int line, String pattern, String description, String diff, String hash,
                        double priority) {
}
