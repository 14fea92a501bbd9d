package dev.pavu.planner.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pavu.contracts.Decision;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.Verdict;
import dev.pavu.planner.client.AuditEvent;
import dev.pavu.planner.repository.IterationEntity;
import dev.pavu.planner.repository.JobEntity;
import dev.pavu.planner.repository.VerdictEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Builds a {@link JobReport} from the planner's own rows (job, plans, counted verdicts) and, for what the planner
 * does not keep, the updater's audit log: the decisions of the plans ({@code PlanProposed.decision}), the
 * baseline's test count, and each candidate's pattern, description, reason and duration ({@code DiffProposed},
 * {@code VerdictIssued}). Pure: no database, no network; unreadable parts of the audit log are skipped.
 *
 * <p>Candidate order: the verdicts the planner counted, by the time it received them; then verdicts only the
 * audit log holds (those that arrived after the job concluded, typically SKIPPED), in log order.
 */
public final class ReportAssembler {

    private static final ObjectMapper MAPPER = EventCodec.mapper();

    private ReportAssembler() {
    }

    /**
     * @param job       the job row
     * @param plans     its plan rows (any order)
     * @param verdicts  its verdict rows as the planner counted them (any order)
     * @param audit     its audit-log entries in log order, or {@code null} when the log could not be read
     * @param auditNote why the log could not be read (shown in the report), or {@code null}
     * @param now       the time now (the duration of a running job)
     * @return the report's content
     */
    public static JobReport assemble(JobEntity job, List<IterationEntity> plans, List<VerdictEntity> verdicts,
                                     List<AuditEvent> audit, String auditNote, Instant now) {
        AuditFacts facts = AuditFacts.of(audit == null ? List.of() : audit);
        List<IterationEntity> ordered = plans.stream().sorted(Comparator.comparingInt(p -> p.iteration)).toList();
        Map<UUID, Integer> iterationOf = new HashMap<>();
        Set<UUID> baselinePlans = new HashSet<>();
        List<JobReport.Plan> planLines = new ArrayList<>();
        for (IterationEntity p : ordered) {
            iterationOf.put(p.planId, p.iteration);
            if (p.kind == PlanKind.BASELINE) {
                baselinePlans.add(p.planId);
            }
            planLines.add(new JobReport.Plan(p.iteration, p.kind, p.locationFrom, p.locationCount, p.maxCandidates,
                    p.candidateCount, p.rejectedCount, facts.decisions.get(p.planId)));
        }

        long duration = job.durationMs != null ? job.durationMs
                : Math.max(0, Duration.between(job.submittedAt, now).toMillis());
        JobReport.Job summary = new JobReport.Job(job.id, job.state == null ? null : job.state.name(), job.outcome,
                job.reason, job.source(), job.taskKind, job.taskText, job.budget(), job.submittedAt, duration,
                job.iteration, job.candidatesProposed, job.candidatesVerified, job.candidatesFailed);

        JobReport.Baseline baseline = baseline(job, verdicts, baselinePlans, facts);

        List<VerdictEntity> counted = verdicts.stream()
                .filter(v -> !baselinePlans.contains(v.planId))
                .sorted(Comparator.comparing((VerdictEntity v) -> v.receivedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparingLong(v -> facts.verdictSeq.getOrDefault(v.candidateId, Long.MAX_VALUE)))
                .toList();
        List<JobReport.Candidate> candidates = new ArrayList<>();
        Set<UUID> listed = new HashSet<>();
        for (VerdictEntity v : counted) {
            listed.add(v.candidateId);
            candidates.add(candidate(v.candidateId, iterationOf.getOrDefault(v.planId, -1), v.verdict, job, facts));
        }
        for (JsonNode v : facts.verdicts.values()) {
            UUID id = uuid(v.path("candidateId").asText(null));
            UUID plan = uuid(v.path("planId").asText(null));
            Verdict verdict = verdict(v.path("verdict").asText(null));
            if (id == null || verdict == null || listed.contains(id) || baselinePlans.contains(plan)) {
                continue;
            }
            listed.add(id);
            int iteration = iterationOf.getOrDefault(plan, v.path("envelope").path("iteration").asInt(-1));
            candidates.add(candidate(id, iteration, verdict, job, facts));
        }

        int unjudged;
        if (audit != null) {
            unjudged = (int) facts.diffs.entrySet().stream()
                    .filter(e -> !listed.contains(e.getKey()))
                    .filter(e -> !baselinePlans.contains(uuid(e.getValue().path("planId").asText(null))))
                    .count();
        } else {
            unjudged = Math.max(0, job.candidatesProposed - counted.size());
        }
        return new JobReport(summary, baseline, readList(job.rankingJson, new TypeReference<List<SuspiciousLocation>>() { }),
                planLines, candidates, unjudged, job.patch, auditNote);
    }

    private static JobReport.Baseline baseline(JobEntity job, List<VerdictEntity> verdicts, Set<UUID> baselinePlans,
                                               AuditFacts facts) {
        VerdictEntity row = verdicts.stream().filter(v -> baselinePlans.contains(v.planId)).findFirst().orElse(null);
        JsonNode audited = null;
        for (JsonNode v : facts.verdicts.values()) {
            boolean isBaseline = baselinePlans.contains(uuid(v.path("planId").asText(null)))
                    || (row != null && row.candidateId.equals(uuid(v.path("candidateId").asText(null))));
            if (isBaseline) {
                audited = v;
                break;
            }
        }
        List<TestFailure> failing = readList(job.baselineJson, new TypeReference<List<TestFailure>>() { });
        if (row == null && audited == null && failing.isEmpty()) {
            return null;
        }
        if (failing.isEmpty() && audited != null && audited.path("failingTests").isArray()) {
            failing = readList(audited.path("failingTests").toString(), new TypeReference<List<TestFailure>>() { });
        }
        Verdict verdict = row != null ? row.verdict : audited == null ? null : verdict(audited.path("verdict").asText(null));
        return new JobReport.Baseline(verdict,
                audited == null ? null : text(audited, "reason"),
                audited == null ? null : integer(audited, "testsRun"),
                audited == null ? null : integer(audited, "testsFailed"),
                audited == null || !audited.path("durationMs").isNumber() ? null : audited.path("durationMs").asLong(),
                failing);
    }

    private static JobReport.Candidate candidate(UUID id, int iteration, Verdict verdict, JobEntity job, AuditFacts facts) {
        JsonNode diff = facts.diffs.get(id);
        JsonNode judged = facts.verdicts.get(id);
        String pattern = diff == null ? null : text(diff, "pattern");
        if (pattern == null && judged != null) {
            pattern = text(judged, "pattern");
        }
        return new JobReport.Candidate(id, iteration, pattern, diff == null ? null : text(diff, "description"), verdict,
                judged == null ? null : text(judged, "reason"),
                judged == null || !judged.path("durationMs").isNumber() ? null : judged.path("durationMs").asLong(),
                id.equals(job.winningCandidateId));
    }

    /** What the audit log adds, keyed by plan or candidate id (the first event of each wins). */
    private static final class AuditFacts {
        final Map<UUID, Decision> decisions = new HashMap<>();
        final Map<UUID, JsonNode> diffs = new LinkedHashMap<>();
        final Map<UUID, JsonNode> verdicts = new LinkedHashMap<>();
        final Map<UUID, Long> verdictSeq = new HashMap<>();

        static AuditFacts of(List<AuditEvent> events) {
            AuditFacts f = new AuditFacts();
            Set<UUID> seenPlans = new LinkedHashSet<>();
            for (AuditEvent e : events) {
                JsonNode p = e.payload();
                if (e.type() == null || p == null || !p.isObject()) {
                    continue;
                }
                if (e.type().startsWith("pavu.plan.proposed.")) {
                    UUID plan = uuid(p.path("planId").asText(null));
                    if (plan != null && seenPlans.add(plan)) {
                        Decision d = decision(p.get("decision"));
                        if (d != null) {
                            f.decisions.put(plan, d);
                        }
                    }
                } else if (e.type().startsWith("pavu.diff.proposed.")) {
                    UUID id = uuid(p.path("candidateId").asText(null));
                    if (id != null) {
                        f.diffs.putIfAbsent(id, p);
                    }
                } else if (e.type().startsWith("pavu.verdict.issued.")) {
                    UUID id = uuid(p.path("candidateId").asText(null));
                    if (id != null && !f.verdicts.containsKey(id)) {
                        f.verdicts.put(id, p);
                        f.verdictSeq.put(id, e.seq());
                    }
                }
            }
            return f;
        }
    }

    private static Decision decision(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        try {
            return MAPPER.treeToValue(n, Decision.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    private static <T> List<T> readList(String json, TypeReference<List<T>> type) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<T> list = MAPPER.readValue(json, type);
            return list == null ? List.of() : list;
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static Integer integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? null : v.asInt();
    }

    private static Verdict verdict(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Verdict.valueOf(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static UUID uuid(String s) {
        if (s == null) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
