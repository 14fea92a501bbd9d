package dev.pavu.planner.report;

import dev.pavu.planner.client.AuditEvent;
import dev.pavu.planner.ranking.PatchRanker;
import dev.pavu.planner.ranking.PlausiblePatch;
import dev.pavu.planner.ranking.RankedPatch;
import dev.pavu.planner.repository.IterationEntity;
import dev.pavu.planner.repository.JobEntity;
import dev.pavu.planner.repository.PlausiblePatchEntity;
import dev.pavu.planner.repository.VerdictEntity;
import dev.pavu.planner.service.EventLogService;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A job's report ({@code GET /jobs/{id}/report}): reads the planner's rows of the job in one transaction, then
 * the job's whole audit log from the updater (page by page), and hands both to {@link ReportAssembler}. An
 * unreachable updater does not fail the report: it is rendered from the planner's rows with a note saying what
 * is missing.
 */
@ApplicationScoped
public class ReportService {

    /** Pages of the audit log read at most (the updater answers a bounded page per call). */

    private final EventLogService events;

    public ReportService(EventLogService events) {
        this.events = events;
    }

    /**
     * @param jobId the job
     * @return the job's report as Markdown, or empty when the planner knows no such job
     */
    public Optional<String> markdown(UUID jobId) {
        return report(jobId).map(ReportRenderer::render);
    }

    /**
     * @param jobId the job
     * @return the job's report content, or empty when the planner knows no such job
     */
    public Optional<JobReport> report(UUID jobId) {
        Rows rows = QuarkusTransaction.joiningExisting().call(() -> {
            JobEntity job = JobEntity.findById(jobId);
            if (job == null) {
                return null;
            }
            return new Rows(job, IterationEntity.ofJob(jobId), VerdictEntity.list("jobId", jobId), PlausiblePatchEntity.ofJob(jobId));
        });
        if (rows == null) {
            return Optional.empty();
        }
        List<AuditEvent> audit = null;
        String note = null;
        try {
            audit = auditLog(jobId);
        } catch (EventLogService.UnavailableException e) {
            Log.debugf("report of job %s without the audit log: %s", jobId, e.getMessage());
            note = e.getMessage();
        }
        return Optional.of(ReportAssembler.assemble(rows.job, rows.plans, rows.verdicts, audit, note, Instant.now())
                .withPlausible(ranked(rows.plausible)));
    }

    private List<AuditEvent> auditLog(UUID jobId) {
        return events.history(jobId);
    }

    /**
     * The ranking the job concluded with, as stored; while it runs (no rank stored yet), the ranking its plausible
     * patches would have now.
     */
    static List<RankedPatch> ranked(List<PlausiblePatchEntity> rows) {
        if (!rows.isEmpty() && rows.stream().allMatch(p -> p.rank != null)) {
            return rows.stream().sorted(Comparator.comparingInt(p -> p.rank))
                    .map(p -> new RankedPatch(p.rank, p.candidateId, p.pattern, p.score == null ? 0 : p.score,
                            p.reasons == null || p.reasons.isBlank() ? List.of() : List.of(p.reasons.split("\n")), p.diff))
                    .toList();
        }
        return PatchRanker.rank(rows.stream().map(p -> new PlausiblePatch(p.candidateId, p.pattern, p.diff, p.foundAt, p.testsRun))
                .toList());
    }

    private record Rows(JobEntity job, List<IterationEntity> plans, List<VerdictEntity> verdicts,
                        List<PlausiblePatchEntity> plausible) {
    }
}
