package dev.pavu.updater.repository;

/**
 * Verified candidates of one group and how many of them passed.
 *
 * @param failureKind class of the baseline failure of the candidates' jobs, or {@code null} when grouped by pattern only
 * @param pattern     fix pattern, or {@code null} when grouped by failure kind only
 * @param jobs        distinct jobs the candidates belong to
 * @param candidates  candidates verified (verdict other than SKIPPED; the baseline excluded)
 * @param passes      of those, candidates whose verdict was PASS
 */
public record PatternCount(String failureKind, String pattern, long jobs, long candidates, long passes) {
}
