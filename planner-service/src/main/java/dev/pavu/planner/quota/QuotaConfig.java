package dev.pavu.planner.quota;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;
import java.util.Optional;

/**
 * Per-team quotas ({@code pavu.quotas.*}), checked when a team submits a job ({@link TeamQuotas}). The defaults hold
 * for every team; {@code pavu.quotas.teams."<team>".*} overrides them for one team (0 blocks its submissions).
 * Model tokens per day are the model gateway's budget per team ({@code pavu.gateway.budget.*}).
 */
@ConfigMapping(prefix = "pavu.quotas")
public interface QuotaConfig {

    /** @return jobs a team may have running at once (submitted, not yet concluded) */
    @WithDefault("20")
    int concurrentJobs();

    /** @return candidate patches a team's jobs may have proposed over the last 24 hours before new jobs are refused */
    @WithDefault("20000")
    int candidatesPerDay();

    /** @return overrides per team name */
    Map<String, Team> teams();

    /** One team's overrides; an absent value takes the default. */
    interface Team {
        /** @return jobs running at once */
        Optional<Integer> concurrentJobs();

        /** @return candidates proposed over the last 24 hours */
        Optional<Integer> candidatesPerDay();
    }

    /**
     * @param team a team name
     * @return the team's limit of running jobs
     */
    default int concurrentJobs(String team) {
        Team t = teams().get(team);
        return t == null ? concurrentJobs() : t.concurrentJobs().orElse(concurrentJobs());
    }

    /**
     * @param team a team name
     * @return the team's limit of candidates over 24 hours
     */
    default int candidatesPerDay(String team) {
        Team t = teams().get(team);
        return t == null ? candidatesPerDay() : t.candidatesPerDay().orElse(candidatesPerDay());
    }
}
