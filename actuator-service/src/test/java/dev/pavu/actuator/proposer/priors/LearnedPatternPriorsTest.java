package dev.pavu.actuator.proposer.priors;

import dev.pavu.actuator.proposer.StaticPatternPriors;
import dev.pavu.actuator.proposer.patterns.DivisionGuard;
import dev.pavu.actuator.proposer.patterns.NullCheckInsertion;
import dev.pavu.actuator.proposer.patterns.OffByOne;
import dev.pavu.actuator.proposer.patterns.RelationalOperatorReplacement;
import dev.pavu.actuator.proposer.patterns.StatementDeletion;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearnedPatternPriorsTest {

    private static final StaticPatternPriors TABLE = new StaticPatternPriors();
    private static final String ROR = RelationalOperatorReplacement.NAME;
    private static final String OBO = OffByOne.NAME;
    private static final String DEL = StatementDeletion.NAME;
    private static final String NPE = NullCheckInsertion.NAME;

    private final AtomicLong now = new AtomicLong();

    private LearnedPatternPriors priors(PatternStatsSource source) {
        return new LearnedPatternPriors(source, TABLE, 100, Duration.ofSeconds(60), now::get);
    }

    private static PatternStats.Row row(String pattern, long candidates, long passes) {
        return new PatternStats.Row(null, pattern, candidates, passes);
    }

    private static PatternStats.Row row(String kind, String pattern, long candidates, long passes) {
        return new PatternStats.Row(kind, pattern, candidates, passes);
    }

    @Test
    void aPatternWithManyPassesIsPromotedAboveTheStaticFavourite() {
        PatternStats stats = new PatternStats(List.of(row(ROR, 200, 4), row(OBO, 100, 2), row(DEL, 50, 20)), List.of(), List.of());
        LearnedPatternPriors p = priors(() -> Optional.of(stats));
        assertTrue(TABLE.prior(DEL) < TABLE.prior(ROR));
        assertTrue(p.prior(DEL) > p.prior(ROR), p.prior(DEL) + " vs " + p.prior(ROR));
        assertTrue(p.prior(DEL) > TABLE.prior(DEL));
        assertTrue(p.prior(ROR) < TABLE.prior(ROR), "a pattern that passes less often than the average sinks");
        for (String pattern : List.of(ROR, OBO, DEL, NPE)) {
            assertTrue(p.prior(pattern) > 0 && p.prior(pattern) <= 1, pattern + " " + p.prior(pattern));
        }
        assertTrue(p.learned());
    }

    @Test
    void withoutDataThePriorIsTheStaticOneAndWithLittleDataItMovesLittle() {
        PatternStats stats = new PatternStats(List.of(row(ROR, 100, 5), row(OBO, 100, 5), row(DEL, 1, 1)), List.of(), List.of());
        LearnedPatternPriors p = priors(() -> Optional.of(stats));
        // the same observed pass rate pulls two patterns towards each other, the static order kept
        double ratio = p.prior(OBO) / p.prior(ROR);
        assertTrue(ratio > TABLE.prior(OBO) / TABLE.prior(ROR) && ratio < 1, String.valueOf(ratio));
        // a pattern without data keeps its static prior
        assertEquals(TABLE.prior(NPE), p.prior(NPE), 1e-12);
        // one pass in one candidate (s = 100) nudges deletion up, it does not make it the favourite
        assertTrue(p.prior(DEL) > TABLE.prior(DEL) * 0.99 && p.prior(DEL) < p.prior(ROR), String.valueOf(p.prior(DEL)));
    }

    @Test
    void theBetaPosteriorMean() {
        // Beta(s·p0, s·(1 − p0)) after k passes in n: (k + s·p0) / (n + s)
        assertEquals((3 + 20 * 0.1) / (10 + 20.0), LearnedPatternPriors.posteriorMean(3, 10, 0.1, 20), 1e-12);
        assertEquals(0.1, LearnedPatternPriors.posteriorMean(0, 0, 0.1, 20), 1e-12);
    }

    @Test
    void theFailureKindOfThePlanSelectsItsOwnStatistics() {
        PatternStats stats = new PatternStats(
                List.of(row(ROR, 300, 15), row(NPE, 300, 15)),
                List.of(),
                List.of(row("NullPointerException", ROR, 100, 0), row("NullPointerException", NPE, 100, 30),
                        row("AssertionFailedError", ROR, 200, 15), row("AssertionFailedError", NPE, 200, 0)));
        LearnedPatternPriors p = priors(() -> Optional.of(stats));
        assertTrue(p.prior(NPE, "NullPointerException") > p.prior(ROR, "NullPointerException"));
        assertTrue(p.prior(ROR, "AssertionFailedError") > p.prior(NPE, "AssertionFailedError"));
        // a kind without statistics, or none, uses the overall numbers
        assertEquals(p.prior(ROR), p.prior(ROR, "TimeoutException"));
        assertEquals(p.prior(NPE), p.prior(NPE, null));
    }

    @Test
    void aDivisionByZeroPutsTheDivisionGuardFirstWithOrWithoutStatistics() {
        String guard = DivisionGuard.NAME;
        // static table: the guard is a late resort in general, the first thing to try for an ArithmeticException
        assertTrue(TABLE.prior(guard) < TABLE.prior(ROR));
        assertEquals(StaticPatternPriors.FOR_ITS_EXCEPTION, TABLE.prior(guard, "ArithmeticException"));
        assertEquals(TABLE.prior(ROR), TABLE.prior(ROR, "ArithmeticException"));
        assertEquals(TABLE.prior(guard), TABLE.prior(guard, "NullPointerException"));
        // learned: overall statistics without the kind keep the preference; the kind's own statistics still decide
        PatternStats overall = new PatternStats(List.of(row(ROR, 300, 15), row(guard, 20, 1)), List.of(), List.of());
        LearnedPatternPriors p = priors(() -> Optional.of(overall));
        assertTrue(p.prior(guard, "ArithmeticException") > p.prior(ROR, "ArithmeticException"),
                p.prior(guard, "ArithmeticException") + " vs " + p.prior(ROR, "ArithmeticException"));
        assertTrue(p.prior(guard) < p.prior(ROR));
        assertTrue(p.prior(guard, "ArithmeticException") <= 1);
        PatternStats guardNeverFixes = new PatternStats(List.of(row(ROR, 300, 15), row(guard, 300, 0)), List.of(),
                List.of(row("ArithmeticException", ROR, 200, 40), row("ArithmeticException", guard, 200, 0)));
        LearnedPatternPriors q = priors(() -> Optional.of(guardNeverFixes));
        assertTrue(q.prior(guard, "ArithmeticException") < q.prior(ROR, "ArithmeticException"));
    }

    @Test
    void anUnreachableUpdaterFallsBackToTheStaticTable() {
        LearnedPatternPriors failing = priors(() -> {
            throw new IllegalStateException("connection refused");
        });
        LearnedPatternPriors empty = priors(Optional::empty);
        for (String pattern : List.of(ROR, OBO, DEL, NPE, "no-such-pattern")) {
            assertEquals(TABLE.prior(pattern), failing.prior(pattern));
            assertEquals(TABLE.prior(pattern), empty.prior(pattern, "NullPointerException"));
        }
        assertFalse(failing.learned());
    }

    @Test
    void statisticsAreCachedAndKeptThroughAShortOutage() {
        AtomicInteger calls = new AtomicInteger();
        PatternStats stats = new PatternStats(List.of(row(ROR, 200, 1), row(DEL, 50, 25)), List.of(), List.of());
        boolean[] up = {true};
        LearnedPatternPriors p = priors(() -> {
            calls.incrementAndGet();
            return up[0] ? Optional.of(stats) : Optional.empty();
        });
        double learned = p.prior(DEL);
        p.prior(ROR);
        p.prior(DEL, "AssertionFailedError");
        assertEquals(1, calls.get(), "one fetch per cache lifetime");
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        up[0] = false;
        assertEquals(learned, p.prior(DEL), "the last statistics survive a short outage");
        assertEquals(2, calls.get());
        now.addAndGet(Duration.ofSeconds(60L * LearnedPatternPriors.STALE_FACTOR).toNanos());
        assertEquals(TABLE.prior(DEL), p.prior(DEL), "then the static table");
        up[0] = true;
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        assertEquals(learned, p.prior(DEL), "and the learned priors again once the updater answers");
    }
}
