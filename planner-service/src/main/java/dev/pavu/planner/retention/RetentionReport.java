package dev.pavu.planner.retention;

import java.util.List;
import java.util.UUID;

/**
 * What a retention run expired (or, for a dry run, would expire).
 *
 * @param dryRun         whether nothing was changed
 * @param teams          one entry per team looked at
 * @param jobs           jobs expired, all teams
 * @param bundles        source bundles deleted (no kept job uses them any more), all teams
 * @param bytes          bytes the planner freed: bundle files plus the jobs' dropped columns (error log, ranking,
 *                       baseline, partial diffs)
 * @param modelCalls     model calls whose bodies the gateway dropped, all teams
 * @param modelCallBytes the size of those bodies. The verifier's logs and workspaces go after, when it reads the
 *                       {@code JobExpired} events, and are not counted here
 */
public record RetentionReport(boolean dryRun, List<Team> teams, int jobs, int bundles, long bytes, long modelCalls,
                              long modelCallBytes) {

    /**
     * One team's part.
     *
     * @param team    the team
     * @param rule    its rule in words
     * @param jobIds  the jobs expired, oldest first
     * @param bundles source bundles deleted (SHA-256)
     * @param bytes   bytes the planner freed for this team
     * @param modelCalls     model calls of the team whose bodies the gateway dropped (those made before the team's
     *                       earliest kept or running job)
     * @param modelCallBytes their bodies' size
     * @param gatewayError   why the gateway could not be asked (its bodies then go at the next run), or {@code null}
     */
    public record Team(String team, String rule, List<UUID> jobIds, List<String> bundles, long bytes, long modelCalls,
                       long modelCallBytes, String gatewayError) {
    }

    /**
     * @param dryRun whether nothing was changed
     * @param teams  the teams' parts
     * @return the report with its totals
     */
    public static RetentionReport of(boolean dryRun, List<Team> teams) {
        return new RetentionReport(dryRun, teams, teams.stream().mapToInt(t -> t.jobIds().size()).sum(),
                teams.stream().mapToInt(t -> t.bundles().size()).sum(), teams.stream().mapToLong(Team::bytes).sum(),
                teams.stream().mapToLong(Team::modelCalls).sum(), teams.stream().mapToLong(Team::modelCallBytes).sum());
    }
}
