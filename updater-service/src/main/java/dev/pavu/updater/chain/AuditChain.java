package dev.pavu.updater.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pavu.updater.chain.ChainVerification.Gap;
import dev.pavu.updater.chain.ChainVerification.Kind;
import dev.pavu.updater.chain.ChainVerification.Problem;
import dev.pavu.updater.chain.ChainVerification.Pruned;
import dev.pavu.updater.repository.EventRepository;
import dev.pavu.updater.repository.EventRepository.ChainHead;
import dev.pavu.updater.repository.EventRepository.ChainRow;
import dev.pavu.updater.repository.PruneRepository;
import dev.pavu.updater.repository.PruneRepository.Prune;
import dev.pavu.updater.repository.StoredEvent;
import dev.pavu.updater.service.DeadLetterService;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Verifies a job's audit chain ({@link #verify}) and prunes it on an admin's explicit request ({@link #prune}).
 */
@ApplicationScoped
public class AuditChain {

    /** Type of the chained event a prune leaves in the job's trail. */
    public static final String PRUNED_TYPE = "pavu.audit.pruned.v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads of a job's rows, head and prune at most, until an append no longer moves the head between them. */
    static final int MAX_READS = 20;

    private final EventRepository events;
    private final PruneRepository prunes;

    public AuditChain(EventRepository events, PruneRepository prunes) {
        this.events = events;
        this.prunes = prunes;
    }

    /**
     * Recomputes the job's chain from the stored rows and names the first event that was changed, removed or
     * inserted.
     *
     * @param jobId a job
     * @return the verification, or empty when the log has nothing of the job
     * @throws IllegalStateException on a database error
     */
    public Optional<ChainVerification> verify(UUID jobId) {
        // the rows, the chain head and the latest prune are three reads: an append committed between them (a live
        // job's late verdicts) would look like a removed or inserted event. An append moves the head in the same
        // transaction, so when the head and the prune read before the rows are still the same after them, the rows
        // are consistent with them; else read again.
        List<ChainRow> rows;
        Optional<ChainHead> head;
        Optional<Prune> prune;
        int reads = 0;
        do {
            head = events.head(jobId);
            prune = prunes.latest(jobId);
            rows = events.chain(jobId);
        } while (++reads < MAX_READS && !(events.head(jobId).equals(head) && prunes.latest(jobId).equals(prune)));
        if (rows.isEmpty() && head.isEmpty() && prune.isEmpty()) {
            return Optional.empty();
        }
        long legacy = head.map(ChainHead::legacyThrough).orElse(0L);
        long expected = Math.max(legacy, prune.map(Prune::throughJobSeq).orElse(0L)) + 1;
        String prev = prune.filter(p -> p.throughJobSeq() >= legacy).map(Prune::lastHash).orElse(null);
        Pruned pruned = prune.map(p -> new Pruned(p.fromJobSeq(), p.throughJobSeq(), p.eventsRemoved(), p.prunedBy(),
                p.prunedAt(), p.lastHash())).orElse(null);
        long unverified = rows.stream().filter(r -> r.content().jobSeq() <= legacy).count();
        List<Gap> gaps = new ArrayList<>();
        int ok = 0;
        ChainRow before = null;
        Problem problem = null;
        for (ChainRow r : rows) {
            EventHash.Content c = r.content();
            if (c.jobSeq() < expected && (c.jobSeq() > legacy || pruned != null && c.jobSeq() >= pruned.fromJobSeq())) {
                problem = at(Kind.INSERTED, r, "it takes position " + c.jobSeq() + ", which "
                        + (c.jobSeq() <= Math.max(legacy, pruned == null ? 0 : pruned.throughJobSeq())
                        ? "was pruned" : "another event holds") + ": the updater did not append it");
                break;
            }
            if (c.jobSeq() < expected) {
                continue; // from before the chain: counted as unverified
            }
            if (c.jobSeq() > expected) {
                problem = new Problem(Kind.REMOVED, expected, r.seq(), c.eventId(), c.type(), "position"
                        + (c.jobSeq() - expected > 1 ? "s " + expected + ".." + (c.jobSeq() - 1) : " " + expected)
                        + " of the chain " + (c.jobSeq() - expected > 1 ? "are" : "is") + " missing: removed before event "
                        + c.eventId() + " (" + c.type() + ", position " + c.jobSeq() + ", seq " + r.seq() + ")");
                break;
            }
            if (head.isPresent() && c.jobSeq() > head.get().jobSeq()) {
                problem = at(Kind.INSERTED, r, "it is past the chain head (position " + head.get().jobSeq()
                        + "): the updater did not append it");
                break;
            }
            if (r.hash() == null) {
                problem = at(Kind.INSERTED, r, "it has no hash: the updater did not append it");
                break;
            }
            if (!Objects.equals(c.prevHash(), prev)) {
                problem = before == null
                        ? at(Kind.INSERTED, r, "it links to " + c.prevHash() + ", not to the chain's start " + prev)
                        : at(Kind.CHANGED, before, "its content hashes to " + prev + " but the next event "
                        + c.eventId() + " recorded " + c.prevHash() + " for it (changed and re-hashed)");
                break;
            }
            String recomputed = hashOrNull(c);
            if (!r.hash().equals(recomputed)) {
                problem = at(Kind.CHANGED, r, "its content hashes to " + recomputed + ", the chain recorded " + r.hash());
                break;
            }
            if (DeadLetterService.GAP_TYPE.equals(c.type())) {
                gaps.add(gap(c));
            }
            prev = r.hash();
            before = r;
            expected = c.jobSeq() + 1;
            ok++;
        }
        if (problem == null && head.isPresent() && head.get().jobSeq() >= expected) {
            problem = new Problem(Kind.REMOVED, expected, null, null, null, "position"
                    + (head.get().jobSeq() > expected ? "s " + expected + ".." + head.get().jobSeq() : " " + expected)
                    + " at the end of the chain " + (head.get().jobSeq() > expected ? "are" : "is")
                    + " missing: the chain head says " + head.get().jobSeq() + " events were appended");
        } else if (problem == null && head.isPresent() && before != null && !Objects.equals(head.get().hash(), prev)) {
            problem = at(Kind.CHANGED, before, "its content hashes to " + prev + " but the chain head recorded "
                    + head.get().hash() + " for it (changed and re-hashed)");
        }
        String summary = problem == null
                ? "intact: " + ok + " events" + (unverified > 0 ? " (" + unverified + " earlier events predate the chain, unverified)" : "")
                + (pruned == null ? "" : " (positions " + pruned.fromJobSeq() + ".." + pruned.throughJobSeq() + " pruned by "
                + pruned.prunedBy() + " at " + pruned.prunedAt() + ")")
                : problem.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + describe(problem);
        return Optional.of(new ChainVerification(jobId, problem == null, ok, unverified, pruned, problem, gaps, summary));
    }

    /**
     * Removes positions {@code 1..through} (or after the previous prune) of a job's chain and leaves the record:
     * a row in {@code audit_prunes} with the hash of the last removed event, and a chained {@value #PRUNED_TYPE}
     * event in the job's trail. Only an admin's explicit request calls this; retention never does.
     *
     * @param jobId   the job
     * @param through last position to remove; {@code null} for the whole chain as it is now
     * @param by      who prunes (the authenticated caller)
     * @param reason  why, or {@code null}
     * @return the verification after the prune
     * @throws IllegalArgumentException when the job has no event, or {@code through} is outside the chain
     * @throws IllegalStateException    when the chain is not intact (prune would hide the evidence) or on a database error
     */
    @Transactional
    public ChainVerification prune(UUID jobId, Long through, String by, String reason) {
        ChainVerification now = verify(jobId)
                .orElseThrow(() -> new IllegalArgumentException("no event of job " + jobId + " in the audit log"));
        if (!now.intact()) {
            throw new IllegalStateException("the audit chain of job " + jobId + " is not intact (" + now.summary()
                    + "): pruning it would remove the evidence; it was left as it is");
        }
        List<ChainRow> rows = events.chain(jobId);
        long from = now.pruned() == null ? 1 : now.pruned().throughJobSeq() + 1;
        long last = rows.isEmpty() ? 0 : rows.getLast().content().jobSeq();
        long to = through == null ? last : through;
        if (to < from || to > last) {
            throw new IllegalArgumentException("through must be a position of the chain between " + from + " and " + last
                    + "; was " + to);
        }
        String lastHash = rows.stream().filter(r -> r.content().jobSeq() == to).map(ChainRow::hash).findFirst().orElse(null);
        int removed = prunes.prune(jobId, new Prune(from, to, lastHash, 0, by, reason, null));
        ObjectNode payload = JSON.createObjectNode();
        UUID markerId = UUID.randomUUID();
        Instant at = Instant.now();
        ObjectNode env = payload.putObject("envelope");
        env.put("type", PRUNED_TYPE);
        env.put("eventId", markerId.toString());
        env.put("jobId", jobId.toString());
        env.put("iteration", 0);
        env.put("producer", "updater-service");
        env.put("occurredAt", at.toString());
        payload.put("fromJobSeq", from);
        payload.put("throughJobSeq", to);
        payload.put("eventsRemoved", removed);
        payload.put("lastHash", lastHash);
        payload.put("prunedBy", by);
        payload.put("reason", reason);
        events.append(new StoredEvent(0, markerId, jobId, PRUNED_TYPE, 0, null, at, "updater-service", "updater.audit",
                0, 0, null, payload.toString(), null));
        Log.infof("audit chain of job %s: positions %d..%d pruned by %s (%d events)", jobId, from, to, by, removed);
        return verify(jobId).orElseThrow();
    }

    private static Problem at(Kind kind, ChainRow r, String detail) {
        return new Problem(kind, r.content().jobSeq(), r.seq(), r.content().eventId(), r.content().type(), detail);
    }

    private static String describe(Problem p) {
        if (p.kind() == Kind.REMOVED) {
            return p.detail();
        }
        return "event " + p.eventId() + " (" + p.type() + ", position " + p.jobSeq() + ", seq " + p.seq() + "): " + p.detail();
    }

    private static String hashOrNull(EventHash.Content c) {
        try {
            return EventHash.of(c);
        } catch (IllegalArgumentException e) {
            return "(not JSON: " + e.getMessage() + ")";
        }
    }

    private static Gap gap(EventHash.Content c) {
        try {
            JsonNode p = JSON.readTree(c.payloadJson());
            return new Gap(c.jobSeq(), c.causationId(), text(p, "eventType"), text(p, "consumer"), text(p, "reason"),
                    p.path("deadLetterId").canConvertToLong() ? p.path("deadLetterId").asLong() : null);
        } catch (Exception e) {
            return new Gap(c.jobSeq(), c.causationId(), null, null, "unreadable gap marker: " + e.getMessage(), null);
        }
    }

    private static String text(JsonNode n, String f) {
        return n.path(f).isNull() || n.path(f).isMissingNode() ? null : n.path(f).asText();
    }
}
