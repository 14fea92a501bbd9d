package dev.pavu.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * A concluded job's bulky data was dropped by the retention policy (topic {@link Topics#JOBS}, key = job id; planner →
 * verifier, model gateway, updater). The planner has already dropped what it owns (the job's error log, ranking and
 * baseline, its partial diffs, and the source bundle when no kept job uses it) in the transaction that wrote this event.
 * Each consumer drops what it holds for the job, once: the verifier its run logs, workspaces and queue rows (and, when
 * {@code sourceReleased}, the source's baseline tests and cached checkout); the gateway the request and response bodies
 * of the team's model calls made before {@code callsBefore} (token counts stay, so budgets and usage do not change). The
 * updater records it in the job's audit trail like any event: the audit log itself is never pruned by retention.
 *
 * @param envelope       envelope of type {@link EventTypes#JOB_EXPIRED}
 * @param team           the job's team (the gateway's tenant)
 * @param rule           the rule that expired it, for people, e.g. {@code keep the last 20 jobs of team acme}
 * @param concludedAt    when the job concluded, or {@code null} when unknown
 * @param bundleSha      the job's source bundle (SHA-256, 64 hex), or {@code null} for none
 * @param sourceReleased whether the planner deleted that bundle (no kept job of any team uses it any more)
 * @param callsBefore    model calls of {@code team} made before this instant belong to no kept or running job of the
 *                       team (the earliest submission among them, or the retention run's start when there is none);
 *                       {@code null} = leave the model calls alone
 */
public record JobExpired(Envelope envelope, String team, String rule, Instant concludedAt, String bundleSha,
                         boolean sourceReleased, Instant callsBefore) implements PavuEvent {
    public JobExpired {
        Objects.requireNonNull(envelope, "envelope is required");
        Objects.requireNonNull(team, "team is required");
    }
}
