package dev.pavu.planner.quota;

import dev.pavu.planner.repository.JobEntity;
import dev.pavu.planner.rest.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * Refuses a team's new job with 429 (a problem body saying which quota, the team's use and what to do, and a
 * {@code Retry-After} in seconds) while the team is at its quota of running jobs or of candidates proposed over the
 * last 24 hours ({@link QuotaConfig}). Checked at submission, in a transaction of its own: two submissions of one team
 * at the same instant may both pass, so the limits are soft by at most the number of concurrent requests. A job
 * already running is not stopped when its team passes the daily candidate quota.
 */
@ApplicationScoped
public class TeamQuotas {

    /** The window of the candidates-per-day quota. */
    static final Duration DAY = Duration.ofHours(24);

    private final QuotaConfig config;

    public TeamQuotas(QuotaConfig config) {
        this.config = config;
    }

    /**
     * @param team the submitting team
     * @throws ProblemException 429 when the team is at one of its quotas
     */
    public void checkSubmission(String team) {
        Instant now = Instant.now();
        Use use = QuarkusTransaction.requiringNew().call(() -> use(team, now));
        int maxRunning = config.concurrentJobs(team);
        if (use.running() >= maxRunning) {
            Log.infof("team %s refused a job: %d running, quota %d", team, use.running(), maxRunning);
            throw ProblemException.tooManyRequests("team " + team + " has " + use.running() + " job(s) running and may have "
                    + maxRunning + " at once; wait for one to end or cancel one (pavu jobs, pavu cancel ID), or ask an admin "
                    + "to raise pavu.quotas.teams.\"" + team + "\".concurrent-jobs", 30);
        }
        int maxCandidates = config.candidatesPerDay(team);
        if (use.candidatesToday() >= maxCandidates) {
            long retry = use.oldestToday() == null ? 3600
                    : Math.max(60, Duration.between(now, use.oldestToday().plus(DAY)).toSeconds());
            Log.infof("team %s refused a job: %d candidates in 24 h, quota %d", team, use.candidatesToday(), maxCandidates);
            throw ProblemException.tooManyRequests("team " + team + "'s jobs proposed " + use.candidatesToday()
                    + " candidate patches in the last 24 hours, its quota is " + maxCandidates + "; retry in " + retry
                    + " s, or ask an admin to raise pavu.quotas.teams.\"" + team + "\".candidates-per-day", retry);
        }
    }

    /**
     * @param running         the team's jobs not yet concluded
     * @param candidatesToday candidates proposed by the team's jobs submitted in the last 24 hours
     * @param oldestToday     when the oldest of those jobs was submitted, or {@code null} when none
     */
    record Use(long running, long candidatesToday, Instant oldestToday) {
    }

    private static Use use(String team, Instant now) {
        long running = JobEntity.count("team = ?1 and concludedAt is null", team);
        Object[] day = JobEntity.getEntityManager().createQuery(
                        "select coalesce(sum(j.candidatesProposed), 0), min(j.submittedAt) from JobEntity j "
                                + "where j.team = ?1 and j.submittedAt > ?2", Object[].class)
                .setParameter(1, team).setParameter(2, now.minus(DAY)).getSingleResult();
        return new Use(running, ((Number) day[0]).longValue(), (Instant) day[1]);
    }
}
