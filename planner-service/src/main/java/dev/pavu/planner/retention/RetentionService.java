package dev.pavu.planner.retention;

import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.JobExpired;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pavu.planner.client.GatewayClient;
import dev.pavu.planner.config.PlannerConfig;
import dev.pavu.planner.messaging.EventPublisher;
import dev.pavu.planner.source.BundleStore;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Runs the retention policy ({@link RetentionConfig}): per team, picks the concluded, not yet expired jobs the policy
 * lets go, and in one transaction per batch drops what the planner holds for them (the error log, ranking and baseline
 * columns, the verdicts' partial diffs, and each source bundle that no kept or running job of any team uses — bundles
 * are shared by content — and that was not stored or uploaded again within {@code bundle-grace}), marks them
 * {@code expired_at} and adds one {@link JobExpired} per job to the outbox, which the verifier acts on. Then it asks
 * the model gateway to drop the bodies of the team's model calls made before its earliest kept or running job.
 * Runs of several planner instances take turns (a PostgreSQL advisory transaction lock). The audit log is not touched.
 */
@ApplicationScoped
public class RetentionService {

    private static final String CONCLUDED = "'CONCLUDED'";

    private final EntityManager em;
    private final EventPublisher events;
    private final BundleStore bundles;
    private final RetentionConfig config;
    private final GatewayClient gateway;

    public RetentionService(EntityManager em, EventPublisher events, BundleStore bundles, RetentionConfig config,
                            @RestClient GatewayClient gateway) {
        this.gateway = gateway;
        this.em = em;
        this.events = events;
        this.bundles = bundles;
        this.config = config;
    }

    /**
     * Expires (or, for a dry run, lists) the jobs the policy lets go.
     *
     * @param team     one team, or empty for every team that has concluded jobs
     * @param override a policy for every team looked at instead of the configured ones, or {@code null}
     * @param dryRun   change nothing, report what would go
     * @return what went (or would go), per team, with the bytes the planner freed
     */
    public RetentionReport run(Optional<String> team, RetentionPolicy override, boolean dryRun) {
        Instant start = Instant.now();
        List<String> teams = team.map(List::of).orElseGet(this::teams);
        List<RetentionReport.Team> parts = new ArrayList<>();
        for (String t : teams) {
            RetentionPolicy policy = override != null ? override : config.policy(t);
            if (policy.limited()) {
                parts.add(withCalls(dryRun ? preview(t, policy, start) : expire(t, policy, start), start, dryRun));
            }
        }
        RetentionReport report = RetentionReport.of(dryRun, parts);
        if (!dryRun && report.jobs() > 0) {
            Log.infof("retention: %d job(s) expired, %d bundle(s) deleted, %d bytes freed by the planner", report.jobs(),
                    report.bundles(), report.bytes());
        }
        return report;
    }

    /**
     * Asks the gateway to drop the bodies of the team's model calls made before its earliest kept or running job (every
     * run, not only when jobs expired: the call is idempotent, so one that failed is made up by the next run).
     */
    private RetentionReport.Team withCalls(RetentionReport.Team t, Instant start, boolean dryRun) {
        Instant before = QuarkusTransaction.requiringNew().call(() -> callsBefore(t.team(), start, dryRun ? t.jobIds() : List.of()));
        try {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("team", t.team()).put("before", before.toString())
                    .put("dryRun", dryRun);
            JsonNode r = gateway.dropCallBodies(body);
            return new RetentionReport.Team(t.team(), t.rule(), t.jobIds(), t.bundles(), t.bytes(), r.path("calls").asLong(),
                    r.path("bytes").asLong(), null);
        } catch (RuntimeException e) {
            Log.warnf("retention: the gateway could not drop the model-call bodies of team %s (next run tries again): %s",
                    t.team(), e.getMessage());
            return new RetentionReport.Team(t.team(), t.rule(), t.jobIds(), t.bundles(), t.bytes(), 0, 0,
                    "the model gateway could not be asked: " + e.getMessage());
        }
    }

    private List<String> teams() {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select distinct team from jobs where state = " + CONCLUDED + " and expired_at is null order by team",
                String.class).getResultList());
    }

    private RetentionReport.Team preview(String team, RetentionPolicy policy, Instant start) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Row> rows = candidates(team, policy, start, Integer.MAX_VALUE);
            List<UUID> ids = rows.stream().map(Row::id).toList();
            long bytes = columnBytes(ids);
            List<String> released = new ArrayList<>();
            for (String sha : shas(rows)) {
                if (releasable(sha, ids, start)) {
                    released.add(sha);
                    bytes += fileSize(bundles.pathOf(sha));
                }
            }
            return new RetentionReport.Team(team, policy.describe(team), ids, released, bytes, 0, 0, null);
        });
    }

    private RetentionReport.Team expire(String team, RetentionPolicy policy, Instant start) {
        List<UUID> ids = new ArrayList<>();
        List<String> released = new ArrayList<>();
        long bytes = 0;
        while (true) {
            Batch b = QuarkusTransaction.requiringNew().call(() -> expireBatch(team, policy, start));
            ids.addAll(b.ids());
            released.addAll(b.released());
            bytes += b.bytes();
            if (b.ids().size() < Math.max(1, config.batchSize())) {
                break;
            }
        }
        return new RetentionReport.Team(team, policy.describe(team), ids, released, bytes, 0, 0, null);
    }

    private record Row(UUID id, String bundleSha, Instant concludedAt, int iteration) {
    }

    private record Batch(List<UUID> ids, List<String> released, long bytes) {
    }

    private Batch expireBatch(String team, RetentionPolicy policy, Instant start) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('planner.retention'))").getSingleResult();
        List<Row> rows = candidates(team, policy, start, Math.max(1, config.batchSize()));
        if (rows.isEmpty()) {
            return new Batch(List.of(), List.of(), 0);
        }
        List<UUID> ids = rows.stream().map(Row::id).toList();
        long bytes = columnBytes(ids);
        em.createNativeQuery("update jobs set expired_at = now(), error_log = null, ranking_json = null, baseline_json = null "
                + "where id in (:ids)").setParameter("ids", ids).executeUpdate();
        em.createNativeQuery("update verdicts set partial_diff = null where job_id in (:ids) and partial_diff is not null")
                .setParameter("ids", ids).executeUpdate();
        List<String> released = new ArrayList<>();
        for (String sha : shas(rows)) {
            if (releasable(sha, List.of(), start)) {
                Path file = bundles.pathOf(sha);
                long size = fileSize(file);
                em.createNativeQuery("delete from source_bundles where sha256 = :sha").setParameter("sha", sha).executeUpdate();
                try {
                    // inside the transaction: a job that stores the same content after this finds no file and writes it again
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot delete bundle " + sha + ": " + e.getMessage(), e);
                }
                released.add(sha);
                bytes += size;
            }
        }
        Instant callsBefore = callsBefore(team, start, List.of());
        String rule = policy.describe(team);
        for (Row r : rows) {
            events.publish(new JobExpired(Envelope.of(EventTypes.JOB_EXPIRED, r.id(), r.iteration(), null, PlannerConfig.PRODUCER),
                    team, rule, r.concludedAt(), r.bundleSha(), r.bundleSha() != null && released.contains(r.bundleSha()),
                    callsBefore));
        }
        return new Batch(ids, released, bytes);
    }

    /** Concluded, not yet expired jobs of the team that the policy lets go, oldest first. */
    @SuppressWarnings("unchecked")
    private List<Row> candidates(String team, RetentionPolicy policy, Instant start, int limit) {
        List<String> why = new ArrayList<>();
        if (policy.keepLast() != null) {
            why.add("rn > :keep");
        }
        if (policy.maxAgeDays() != null) {
            why.add("concluded_at < :cutoff");
        }
        var q = em.createNativeQuery("select id, bundle_sha, concluded_at, iteration from (select id, bundle_sha, concluded_at, "
                + "iteration, submitted_at, expired_at, row_number() over (order by submitted_at desc, id desc) as rn "
                + "from jobs where team = :team and state = " + CONCLUDED + ") r where expired_at is null and ("
                + String.join(" or ", why) + ") order by submitted_at, id limit :limit");
        q.setParameter("team", team).setParameter("limit", limit);
        if (policy.keepLast() != null) {
            q.setParameter("keep", policy.keepLast());
        }
        if (policy.maxAgeDays() != null) {
            q.setParameter("cutoff", OffsetDateTime.ofInstant(start.minus(policy.maxAgeDays(), ChronoUnit.DAYS), java.time.ZoneOffset.UTC));
        }
        List<Object[]> raw = q.getResultList();
        return raw.stream().map(o -> new Row((UUID) o[0], o[1] == null ? null : o[1].toString().strip(), instant(o[2]),
                ((Number) o[3]).intValue())).toList();
    }

    private static Instant instant(Object o) {
        return switch (o) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime t -> t.toInstant();
            case Timestamp t -> t.toInstant();
            default -> Instant.parse(o.toString());
        };
    }

    private static Set<String> shas(List<Row> rows) {
        Set<String> s = new LinkedHashSet<>();
        rows.stream().map(Row::bundleSha).filter(x -> x != null && !x.isBlank()).forEach(s::add);
        return s;
    }

    /**
     * Whether a bundle may go: no job of any team that keeps its data (running, or concluded and not expired, other
     * than {@code leaving}) uses it, and its file was not stored or uploaded again within the grace time.
     */
    private boolean releasable(String sha, List<UUID> leaving, Instant start) {
        String others = leaving.isEmpty() ? "" : " and id not in (:leaving)";
        var q = em.createNativeQuery("select count(*) from jobs where bundle_sha = :sha and (state <> " + CONCLUDED
                + " or expired_at is null)" + others).setParameter("sha", sha);
        if (!leaving.isEmpty()) {
            q.setParameter("leaving", leaving);
        }
        if (((Number) q.getSingleResult()).longValue() > 0) {
            return false;
        }
        Path file = bundles.pathOf(sha);
        try {
            return !Files.exists(file)
                    || Files.getLastModifiedTime(file).toInstant().isBefore(start.minus(config.bundleGrace()));
        } catch (IOException e) {
            return false;
        }
    }

    /** The earliest submission among the team's running and kept jobs ({@code leaving} not counted), at most {@code start}. */
    private Instant callsBefore(String team, Instant start, List<UUID> leaving) {
        var q = em.createNativeQuery("select min(submitted_at) from jobs where team = :team and (state <> " + CONCLUDED
                + " or expired_at is null)" + (leaving.isEmpty() ? "" : " and id not in (:leaving)")).setParameter("team", team);
        if (!leaving.isEmpty()) {
            q.setParameter("leaving", leaving);
        }
        Object min = q.getSingleResult();
        Instant earliest = instant(min);
        return earliest == null || earliest.isAfter(start) ? start : earliest;
    }

    private long columnBytes(List<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        Number jobs = (Number) em.createNativeQuery("select coalesce(sum(coalesce(octet_length(error_log), 0) "
                + "+ coalesce(octet_length(ranking_json), 0) + coalesce(octet_length(baseline_json), 0)), 0) from jobs "
                + "where id in (:ids)").setParameter("ids", ids).getSingleResult();
        Number partials = (Number) em.createNativeQuery("select coalesce(sum(octet_length(partial_diff)), 0) from verdicts "
                + "where job_id in (:ids)").setParameter("ids", ids).getSingleResult();
        return jobs.longValue() + partials.longValue();
    }

    private static long fileSize(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
