package dev.pavu.verifier.retention;

import dev.pavu.verifier.config.LogFiles;
import dev.pavu.contracts.JobExpired;
import dev.pavu.kit.idempotency.ProcessedEvents;
import dev.pavu.kit.retry.TransientRetry;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.source.Workspaces;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Drops what the verifier holds for a job the planner's retention expired ({@link JobExpired}, read by the
 * {@code jobs-in} consumer): the build logs of its candidates ({@code <home>/verifier/logs/<candidate>.log}), any
 * workspace a run left ({@code <home>/verifier/work/<candidate>[-prefetch]}), its {@code runs}, {@code queue} and
 * {@code job_turns} rows, and — when the planner released the job's source ({@code sourceReleased}) — the source's
 * {@code baseline_tests}. The job is recorded as ended ({@code EXPIRED}) so that a redelivered candidate is skipped.
 * Idempotent: the files go first (deleting them again is harmless), then the rows and the event's
 * {@code processed_events} mark in one transaction; a redelivered event finds the mark and does nothing.
 */
@ApplicationScoped
public class ExpiredJobs {

    /** The consumer name of the {@code jobs-in} channel (shared with the job consumer). */
    public static final String CONSUMER = "verifier.jobs-in";

    private final EntityManager em;
    private final ProcessedEvents processed;
    private final TransientRetry retry;
    private final Path logs;
    private final Path work;

    public ExpiredJobs(EntityManager em, ProcessedEvents processed, TransientRetry retry, VerifierConfig config) {
        this.em = em;
        this.processed = processed;
        this.retry = retry;
        this.logs = LogFiles.dir(config);
        this.work = Path.of(config.home(), "verifier", "work");
    }

    /** What one expiry dropped. @param runs run rows deleted @param files files and directories deleted @param bytes their size */
    public record Dropped(int runs, int files, long bytes) {
    }

    /**
     * Drops the job's data once.
     *
     * @param event the planner's announcement
     * @return what was dropped; {@code null} when the event had been handled before (a redelivery)
     */
    @SuppressWarnings("unchecked")
    public Dropped expire(JobExpired event) {
        List<UUID> candidates = retry.call(() -> QuarkusTransaction.requiringNew().call(() ->
                processed.seen(event.eventId(), CONSUMER) ? null
                        : (List<UUID>) em.createNativeQuery("select candidate_id from runs where job_id = :job")
                        .setParameter("job", event.jobId()).getResultList()));
        if (candidates == null) {
            return null;
        }
        int files = 0;
        long bytes = 0;
        for (UUID c : candidates) {
            for (Path p : List.of(LogFiles.candidate(logs, c), work.resolve(c.toString()), work.resolve(c + "-prefetch"))) {
                long size = size(p);
                if (size >= 0) {
                    Workspaces.deleteRecursively(p);
                    files++;
                    bytes += size;
                }
            }
        }
        Integer runs = retry.call(() -> QuarkusTransaction.requiringNew().call(() -> {
            if (!processed.firstTime(event.eventId(), CONSUMER)) {
                return null;
            }
            em.createNativeQuery("insert into concluded_jobs(job_id, event_type, outcome, event_id) values (:job, :type, "
                            + "'EXPIRED', :event) on conflict (job_id) do nothing").setParameter("job", event.jobId())
                    .setParameter("type", event.envelope().type()).setParameter("event", event.eventId()).executeUpdate();
            int n = em.createNativeQuery("delete from runs where job_id = :job").setParameter("job", event.jobId()).executeUpdate();
            em.createNativeQuery("delete from queue where job_id = :job").setParameter("job", event.jobId()).executeUpdate();
            em.createNativeQuery("delete from job_turns where job_id = :job").setParameter("job", event.jobId()).executeUpdate();
            if (event.sourceReleased() && event.bundleSha() != null) {
                em.createNativeQuery("delete from baseline_tests where bundle_sha = :sha").setParameter("sha", event.bundleSha())
                        .executeUpdate();
            }
            return n;
        }));
        if (runs == null) {
            return null;
        }
        Log.infof("job %s expired (%s): dropped %d run(s), %d file(s), %d bytes", event.jobId(), event.rule(), runs, files, bytes);
        return new Dropped(runs, files, bytes);
    }

    /** @return the bytes under a path (not following links), or -1 when it does not exist */
    private static long size(Path p) {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return -1;
        }
        try (var walk = Files.walk(p)) {
            return walk.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
