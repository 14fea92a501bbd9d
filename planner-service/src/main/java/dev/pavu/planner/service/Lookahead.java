package dev.pavu.planner.service;

import dev.pavu.contracts.CandidatesProposed;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.VerdictIssued;
import dev.pavu.planner.evidence.LessonPriors;
import dev.pavu.planner.job.Job;
import dev.pavu.planner.job.JobStore;
import dev.pavu.planner.job.Localised;
import dev.pavu.planner.job.PlanRequest;
import dev.pavu.planner.strategy.StrategyService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The slow part of an event's handling, done before the transaction that locks the job row: a failing baseline's
 * fault localisation (it reads the whole source) and the strategy step of the next repair plan (a checkout, the
 * updater's statistics and lesson cards ({@link LessonPriors}), and the planner model's exploration call to the model
 * gateway, up to its timeout). The job is
 * read in a short transaction of its own and the event is tried on that copy of the aggregate (never saved); the slow
 * work then runs with no transaction open. {@link JobTransitions} uses the result only if the job, locked, still asks
 * exactly the same ({@link Prepared}).
 */
@ApplicationScoped
public class Lookahead {

    private final JobStore store;
    private final LocalisationService localisation;
    private final StrategyService strategy;
    private final LessonPriors lessons;

    public Lookahead(JobStore store, LocalisationService localisation, StrategyService strategy, LessonPriors lessons) {
        this.store = store;
        this.localisation = localisation;
        this.strategy = strategy;
        this.lessons = lessons;
    }

    /**
     * What was worked out before the lock.
     *
     * @param localised the baseline's localisation, or {@code null}
     * @param request   the repair plan the event asked for on the copy, or {@code null}
     * @param choice    the strategy's choice for {@code request}, or {@code null}
     * @param inline    true on the last attempt: what the locked job asks beyond this is worked out under the lock
     *                  (else the handling is {@link JobTransitions.StaleDecision stale} and tried again)
     */
    public record Prepared(Localised localised, PlanRequest request, StrategyService.Choice choice, boolean inline) {

        /** @return nothing worked out beforehand */
        public static Prepared none(boolean inline) {
            return new Prepared(null, null, null, inline);
        }

        /** @return the choice made for a request equal to {@code asked}, or {@code null} */
        StrategyService.Choice choiceFor(PlanRequest asked) {
            return request != null && request.equals(asked) ? choice : null;
        }
    }

    /**
     * @param v      a verdict not yet handled
     * @param inline whether this is the last attempt
     * @return the localisation and strategy choice it will need
     */
    public Prepared verdict(VerdictIssued v, boolean inline) {
        return ahead(v.jobId(), inline, job -> !store.judged(v.candidateId()), job -> {
            Localised l = job.needsLocalisation(v) ? localise(job, v) : null;
            return new Prepared(l, job.onVerdict(v, l).request(), null, inline);
        });
    }

    /**
     * @param cp     a candidate count not yet handled
     * @param inline whether this is the last attempt
     * @return the strategy choice it will need
     */
    public Prepared candidates(CandidatesProposed cp, boolean inline) {
        return ahead(cp.jobId(), inline, job -> true,
                job -> new Prepared(null, job.onCandidatesProposed(cp).request(), null, inline));
    }

    private Prepared ahead(UUID jobId, boolean inline, Predicate<Job> relevant, Function<Job, Prepared> tryOn) {
        Optional<Job> copy = QuarkusTransaction.requiringNew().call(() -> store.read(jobId).filter(relevant));
        if (copy.isEmpty() || copy.get().concluded()) {
            return Prepared.none(inline);
        }
        Prepared p = tryOn.apply(copy.get());
        return p.request() == null ? p : new Prepared(p.localised(), p.request(), decide(p.request()), inline);
    }

    /**
     * The strategy step (may call the model gateway: call it with no transaction open).
     *
     * @param r the request
     * @return the choice
     */
    StrategyService.Choice decide(PlanRequest r) {
        StrategyService.Choice c = strategy.decide(r.input(), r.numbers(), r.rationale());
        return c.failure() != null || c.kind() != PlanKind.REPAIR ? c
                : c.withLessons(lessons.multipliers(r.input().task(), r.input().failing()));
    }

    /**
     * Localises a failing baseline's fault (reads the whole source: call it with no transaction open).
     *
     * @param job the job
     * @param v   its baseline verdict
     * @return the ranking
     */
    Localised localise(Job job, VerdictIssued v) {
        LocalisationService.Result r = localisation.localise(job.id(), job.source().bundleSha(), job.source().commit(),
                v.failingTests(), job.task().errorLog(), v.coverage());
        return new Localised(r.ranking(), r.problem());
    }
}
