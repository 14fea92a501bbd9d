package dev.pavu.actuator.proposer.priors;

import java.util.Optional;

/** Where the learned priors get the pattern statistics from (the updater over HTTP; a stub in tests). */
@FunctionalInterface
public interface PatternStatsSource {

    /** @return the current statistics, or empty when they cannot be had (the source is unreachable) */
    Optional<PatternStats> fetch();
}
