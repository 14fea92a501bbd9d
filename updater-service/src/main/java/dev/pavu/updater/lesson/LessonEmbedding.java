package dev.pavu.updater.lesson;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Computes the vectors of pending lesson cards, on one thread of its own, outside any transaction.
 *
 * <p>A card is written pending (no vector) in the transaction that records its job's conclusion; that transaction
 * holds the audit log's append lock, so it must not spend the seconds of CPU an embedding takes (or the tens of
 * seconds of the model's first load on a loaded machine), or every other append waits. Once that transaction has
 * committed, {@link Due} wakes this worker; a sweep every {@code pavu.lessons.sweep-interval} (and one at start)
 * embeds any card left pending by a crash between the commit and the embedding, or by a model that did not load.
 * A pending card is stored and shown, but not ranked by {@code /lessons/similar} until it has its vector.
 */
@ApplicationScoped
public class LessonEmbedding {

    /** Cards read per round. */
    static final int BATCH = 50;

    /**
     * A card was written or rewritten pending; fired inside the conclusion's transaction, observed after it commits.
     *
     * @param jobId the card's job
     */
    public record Due(UUID jobId) {
    }

    private final LessonRepository cards;
    private final LessonEmbedder embedder;
    private final LessonConfig config;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lesson-embedding").daemon().factory());
    private final AtomicBoolean queued = new AtomicBoolean();

    public LessonEmbedding(LessonRepository cards, LessonEmbedder embedder, LessonConfig config) {
        this.cards = cards;
        this.embedder = embedder;
        this.config = config;
    }

    void start(@Observes StartupEvent ignored) {
        if (config.enabled()) {
            long every = config.sweepInterval().toMillis();
            worker.scheduleWithFixedDelay(this::drain, 0, every, TimeUnit.MILLISECONDS);
        }
    }

    /** After a conclusion's transaction committed: embed its card now (coalesced with a round already queued). */
    void onDue(@Observes(during = TransactionPhase.AFTER_SUCCESS) Due due) {
        if (queued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    queued.set(false);
                    drain();
                });
            } catch (RejectedExecutionException e) {
                queued.set(false); // shutting down: the next start's sweep embeds it
            }
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /**
     * Embeds pending cards until none is left.
     *
     * @return how many vectors were stored; a card rewritten meanwhile is not counted and stays pending
     */
    int drain() {
        int stored = 0;
        try {
            while (true) {
                List<LessonRepository.Pending> batch = cards.pending(BATCH);
                int round = 0;
                for (LessonRepository.Pending p : batch) {
                    long start = System.nanoTime();
                    float[] vector = embedder.embed(p.embedded());
                    if (cards.embedded(p, vector, LessonEmbedder.MODEL)) {
                        round++;
                        Log.debugf("embedded the lesson of job %s (%d chars) in %d ms", p.jobId(), p.embedded().length(),
                                (System.nanoTime() - start) / 1_000_000);
                    }
                }
                stored += round;
                if (round == 0) { // none left, or every one changed meanwhile: the next round picks them up
                    return stored;
                }
            }
        } catch (RuntimeException | LinkageError e) {
            Log.warnf("lesson cards: %d embedded, the rest stay pending until the next sweep: %s", stored, e.toString());
            return stored;
        }
    }
}
