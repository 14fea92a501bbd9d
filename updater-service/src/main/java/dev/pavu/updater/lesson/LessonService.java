package dev.pavu.updater.lesson;

import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.JobConcluded;
import dev.pavu.contracts.JobSubmitted;
import dev.pavu.contracts.PavuEvent;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.kit.auth.AuthConfig;
import dev.pavu.updater.repository.EventRepository;
import dev.pavu.updater.repository.StoredEvent;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes a lesson card for each concluded job and finds the cards nearest to a failure.
 *
 * <p>Writing ({@link #concluded}) runs inside the transaction that records the JobConcluded event
 * ({@code AuditService.record}): the card commits with the event or not at all, and a job keeps its first card (a
 * redelivered or repeated conclusion writes none). The card's vector is not computed there but after the commit
 * ({@link LessonEmbedding}): that transaction holds the audit log's append lock, and the audit log, the source of
 * truth, is never held up by a lesson. A card that cannot be built is logged and skipped.
 *
 * <p>Finding ({@link #similar}) ranks every card of one team by cosine similarity of its vector to the query's, in
 * Java (there is no pgvector on this server): O(cards of the team) per query, about 1.5 KB of vector per card.
 */
@ApplicationScoped
public class LessonService {

    /** Events of one job read to build its card (a job has a few hundred; the log is paged by this many). */
    static final int MAX_EVENTS = 20_000;
    private static final int PAGE = 1000;

    private final EventRepository events;
    private final LessonRepository cards;
    private final LessonEmbedder embedder;
    private final LessonConfig config;
    private final AuthConfig auth;
    private final Event<LessonEmbedding.Due> due;

    public LessonService(EventRepository events, LessonRepository cards, LessonEmbedder embedder, LessonConfig config,
                         AuthConfig auth, Event<LessonEmbedding.Due> due) {
        this.events = events;
        this.cards = cards;
        this.embedder = embedder;
        this.config = config;
        this.auth = auth;
        this.due = due;
    }

    /**
     * Writes the card of a job that just concluded, in the caller's transaction, from the job's events in the audit
     * log (the conclusion included).
     *
     * @param concluded the job's conclusion, already appended to the log in this transaction
     * @return the card written, or empty when lessons are off, the job has a card already, or it could not be built
     * @throws IllegalStateException on a database error (the caller's transaction fails and is retried)
     */
    public Optional<LessonCard> concluded(JobConcluded concluded) {
        UUID jobId = concluded.envelope().jobId();
        if (!config.enabled() || cards.exists(jobId)) {
            return Optional.empty();
        }
        return write(concluded, history(jobId), false);
    }

    /**
     * Rewrites the card of a concluded job when one of its events arrives after the conclusion: the updater reads the
     * four topics on separate channels, so a verdict can reach the log after the JobConcluded the planner sent once it
     * had that verdict. The card is built again from the log (the job still has one card; a job without a card is
     * left alone). Runs in the caller's transaction.
     *
     * @param jobId the job of an event just appended to the log (not a JobConcluded)
     * @return the rewritten card, or empty when the job has no card (it has not concluded) or lessons are off
     */
    public Optional<LessonCard> lateEvent(UUID jobId) {
        if (!config.enabled() || !cards.exists(jobId)) {
            return Optional.empty();
        }
        List<PavuEvent> history = history(jobId);
        for (PavuEvent e : history) {
            if (e instanceof JobConcluded c) {
                Log.debugf("lesson of job %s: an event arrived after the conclusion, card rebuilt", jobId);
                return write(c, history, true);
            }
        }
        return Optional.empty();
    }

    private Optional<LessonCard> write(JobConcluded concluded, List<PavuEvent> history, boolean replace) {
        UUID jobId = concluded.envelope().jobId();
        LessonCard card;
        String embedded;
        try {
            LessonCardBuilder builder = new LessonCardBuilder(config);
            card = builder.build(team(history), history, concluded);
            embedded = builder.embeddedText(card);
            // a late verdict (the SKIPPED ones a conclusion leaves come by the dozen) changes the counts at most:
            // an unchanged card is not written again
            Optional<LessonRepository.Stored> stored = replace ? cards.find(jobId) : Optional.empty();
            if (stored.isPresent() && stored.get().card().equals(card)) {
                return Optional.of(card);
            }
        } catch (RuntimeException e) {
            Log.warnf(e, "no lesson card for job %s: %s", jobId, e.getMessage());
            return Optional.empty();
        }
        // no vector here: this transaction holds the audit log's append lock, and embedding takes seconds of CPU.
        // The vector is computed once the transaction has committed (LessonEmbedding); until then the card is pending.
        boolean pending;
        if (replace) {
            pending = cards.replace(card, embedded);
            Log.debugf("lesson card of job %s rewritten after a late event", jobId);
        } else if (cards.insert(card, embedded)) {
            pending = true;
            Log.infof("lesson card of job %s (%s, team %s) written", jobId, card.outcome(), card.team());
        } else {
            return Optional.empty();
        }
        if (pending) {
            due.fire(new LessonEmbedding.Due(jobId));
        }
        return Optional.of(card);
    }

    /**
     * @param jobId a job
     * @return its card, text to embed and vector (null while pending), or empty when it has none
     */
    public Optional<LessonRepository.Stored> card(UUID jobId) {
        return cards.find(jobId);
    }

    /**
     * @param text any text, e.g. a failure message; embedded as given (the caller bounds it)
     * @return its vector
     */
    public float[] embed(String text) {
        return embedder.embed(text);
    }

    /**
     * The cards nearest to a vector.
     *
     * @param query   the query's vector
     * @param team    only cards of this team; {@code null} for every team (the service credential acting for all)
     * @param exclude a job whose card is left out (the query's own), or {@code null}
     * @param limit   at most this many (≥ 1)
     * @return the nearest cards, most similar first (ties by job id), each with its cosine similarity in [-1, 1]
     */
    public List<Similar> similar(float[] query, String team, UUID exclude, int limit) {
        List<Map.Entry<UUID, Double>> ranked = new ArrayList<>();
        for (Map.Entry<UUID, float[]> e : cards.vectors(team).entrySet()) {
            if (!e.getKey().equals(exclude)) {
                ranked.add(Map.entry(e.getKey(), LessonEmbedder.cosine(query, e.getValue())));
            }
        }
        ranked.sort(Map.Entry.<UUID, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<Map.Entry<UUID, Double>> top = ranked.subList(0, Math.min(limit, ranked.size()));
        Map<UUID, LessonCard> found = cards.cards(top.stream().map(Map.Entry::getKey).toList());
        return top.stream().filter(e -> found.containsKey(e.getKey()))
                .map(e -> new Similar(e.getKey(), e.getValue(), found.get(e.getKey())))
                .sorted(Comparator.comparingDouble(Similar::score).reversed().thenComparing(Similar::jobId))
                .toList();
    }

    /**
     * One card found near a query.
     *
     * @param jobId the card's job
     * @param score cosine similarity of the card's vector to the query's, in [-1, 1] (1 = same direction)
     * @param card  the card
     */
    public record Similar(UUID jobId, double score, LessonCard card) {
    }

    private List<PavuEvent> history(UUID jobId) {
        List<PavuEvent> out = new ArrayList<>();
        long after = 0;
        while (out.size() < MAX_EVENTS) {
            List<StoredEvent> page = events.forJob(jobId, after, PAGE);
            for (StoredEvent s : page) {
                try {
                    out.add(EventCodec.read(s.payloadJson()));
                } catch (RuntimeException e) {
                    Log.debugf("lesson of job %s: event %s (%s) not readable, skipped", jobId, s.eventId(), s.type());
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.getLast().seq();
        }
        return out;
    }

    private String team(List<PavuEvent> history) {
        for (PavuEvent e : history) {
            String team = switch (e) {
                case JobSubmitted s -> s.task().team();
                case PlanProposed p -> p.task().team();
                default -> null;
            };
            if (team != null && !team.isBlank()) {
                return team;
            }
        }
        return auth.defaultTeam();
    }
}
