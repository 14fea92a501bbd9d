package dev.pavu.planner.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The retention policy ({@code pavu.retention.*}): how long a team's concluded jobs keep their bulky data (source
 * bundles, run logs, model-call bodies, workspaces). A job goes when it is older than {@code max-age-days} (since it
 * concluded) or not among the team's newest {@code keep-last} concluded jobs (by submission); with neither set nothing
 * expires. {@code pavu.retention.teams."<team>".*} overrides both for one team. Running jobs never expire. The job rows,
 * their patches and the updater's audit log stay.
 */
@ConfigMapping(prefix = "pavu.retention")
public interface RetentionConfig {

    /** @return whether the scheduled run is on ({@code POST /admin/retention/run} works either way) */
    @WithDefault("false")
    boolean enabled();

    /** @return how often the scheduled run starts (Quarkus scheduler {@code every}, e.g. {@code 1h}, {@code 30m}) */
    @WithDefault("1h")
    String every();

    /** @return concluded jobs kept per team with their data, newest first by submission; empty = no count limit */
    Optional<Integer> keepLast();

    /** @return days after its conclusion a job keeps its data; empty = no age limit */
    Optional<Integer> maxAgeDays();

    /**
     * @return a bundle file touched (stored or uploaded again) within this time is never deleted: a job being
     *         submitted with the same content may not reference it yet
     */
    @WithDefault("1h")
    Duration bundleGrace();

    /** @return jobs expired per transaction (each gets its event in that transaction) */
    @WithDefault("200")
    int batchSize();

    /** @return overrides per team name */
    Map<String, Team> teams();

    /** One team's overrides; an absent value takes the default. */
    interface Team {
        /** @return concluded jobs kept */
        Optional<Integer> keepLast();

        /** @return days a concluded job keeps its data */
        Optional<Integer> maxAgeDays();
    }

    /**
     * @param team a team name
     * @return the team's policy from the configuration
     */
    default RetentionPolicy policy(String team) {
        Team t = teams().get(team);
        Optional<Integer> keep = t == null || t.keepLast().isEmpty() ? keepLast() : t.keepLast();
        Optional<Integer> days = t == null || t.maxAgeDays().isEmpty() ? maxAgeDays() : t.maxAgeDays();
        return new RetentionPolicy(keep.orElse(null), days.orElse(null));
    }
}
