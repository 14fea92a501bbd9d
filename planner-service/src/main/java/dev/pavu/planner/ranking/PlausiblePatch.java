package dev.pavu.planner.ranking;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A candidate patch that made every test pass (a plausible patch), as the planner keeps it for ranking.
 *
 * @param candidateId the candidate
 * @param pattern     its fix pattern (e.g. {@code relational-operator-replacement}), or {@code null} when unknown
 * @param diff        its unified diff (git style), never {@code null}
 * @param foundAt     when the planner counted its PASS verdict (earlier wins a tie: the search order put it first)
 * @param testsRun    tests its verification ran (all passed)
 */
public record PlausiblePatch(UUID candidateId, String pattern, String diff, Instant foundAt, int testsRun) {
    public PlausiblePatch {
        Objects.requireNonNull(candidateId, "candidateId is required");
        Objects.requireNonNull(foundAt, "foundAt is required");
        diff = diff == null ? "" : diff;
    }
}
