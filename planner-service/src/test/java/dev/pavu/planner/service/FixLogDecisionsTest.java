package dev.pavu.planner.service;

import dev.pavu.contracts.GateResult;
import dev.pavu.contracts.LoggedFailure;
import dev.pavu.contracts.Outcome;
import dev.pavu.contracts.ReproduceSpec;
import dev.pavu.contracts.TaskKind;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.contracts.Verdict;
import dev.pavu.planner.service.JobDecisions.Conclude;
import dev.pavu.planner.service.JobDecisions.Localise;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.pavu.planner.service.JobDecisionsTest.COMMIT;
import static dev.pavu.planner.service.JobDecisionsTest.FAILURE;
import static dev.pavu.planner.service.JobDecisionsTest.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The baseline decisions of a FIX_LOG job: its logged failure, not only its tests, says whether there is work. */
class FixLogDecisionsTest {

    static final String LOG = """
            Exception in thread "main" java.lang.IllegalStateException: no orders
            \tat com.acme.Orders.first(Orders.java:14)
            \tat com.acme.Main.main(Main.java:5)
            """;
    static final TaskSpec WITH = new TaskSpec(TaskKind.FIX_LOG, "", null, LOG, Map.of(), null, 5, "java -cp target/classes com.acme.Main");
    static final TaskSpec WITHOUT = new TaskSpec(TaskKind.FIX_LOG, "", null, LOG, Map.of(), null, 5, null);
    static final GateResult TESTS_PASS = new GateResult("tests", Verdict.PASS, 900, "all 12 tests passed");

    @Test
    void theReproduceCheckIsTheCommandWithTheLogsFailureForFixLogJobsOnly() {
        assertEquals(new ReproduceSpec("java -cp target/classes com.acme.Main", new LoggedFailure("java.lang.IllegalStateException",
                List.of("com.acme.Orders.first", "com.acme.Main.main"))), JobDecisions.reproduce(WITH));
        assertNull(JobDecisions.reproduce(WITHOUT));
        assertNull(JobDecisions.reproduce(new TaskSpec(TaskKind.REPAIR, "", null, LOG, Map.of(), null, 5, "java Main")));
        assertNull(JobDecisions.reproduce(new TaskSpec(TaskKind.FIX_LOG, "", null, "no trace here", Map.of(), null, 5, "java Main")));
    }

    @Test
    void passingTestsWithTheFailureReproducingAreLocalised() {
        var gates = List.of(TESTS_PASS, new GateResult("reproduce", Verdict.FAIL, 300, "still reproduces"));
        assertInstanceOf(Localise.class, JobDecisions.onBaseline(verdict(Verdict.FAIL, gates, List.of(), 12, ""), COMMIT, 60_000, WITH));
        // the same verdict of a REPAIR job names no failing test: nothing to localise from
        assertInstanceOf(Conclude.class, JobDecisions.onBaseline(verdict(Verdict.FAIL, gates, List.of(), 12, ""), COMMIT, 60_000));
    }

    @Test
    void passingTestsWithoutAReproduceCommandSayWhatToGive() {
        Conclude c = assertInstanceOf(Conclude.class,
                JobDecisions.onBaseline(verdict(Verdict.PASS, List.of(TESTS_PASS), List.of(), 12, ""), COMMIT, 60_000, WITHOUT));
        assertEquals(Outcome.FAILED, c.outcome());
        assertTrue(c.reason().startsWith("all 12 tests pass at " + COMMIT + ", so they cannot show whether the logged failure"
                + " (java.lang.IllegalStateException at com.acme.Orders.first) is fixed"), c.reason());
        assertTrue(c.reason().contains("reproduceCommand") && c.reason().contains("--reproduce CMD"), c.reason());
    }

    @Test
    void passingTestsAndNoReproductionIsNothingToRepair() {
        var gates = List.of(TESTS_PASS, new GateResult("reproduce", Verdict.PASS, 300, "no longer reproduces"));
        Conclude c = assertInstanceOf(Conclude.class,
                JobDecisions.onBaseline(verdict(Verdict.PASS, gates, List.of(), 12, ""), COMMIT, 60_000, WITH));
        assertEquals(Outcome.SUCCEEDED, c.outcome());
        assertEquals("", c.patch());
        assertTrue(c.reason().startsWith("nothing to repair: all 12 tests pass at " + COMMIT + " and the logged failure "
                + "java.lang.IllegalStateException at com.acme.Orders.first does not reproduce under"), c.reason());
    }

    @Test
    void aReproduceCommandThatHangsOrCannotRunConcludesNamingIt() {
        var hang = List.of(TESTS_PASS, new GateResult("reproduce", Verdict.TIMEOUT, 60_000, "timed out after 60 s"));
        Conclude c = assertInstanceOf(Conclude.class,
                JobDecisions.onBaseline(verdict(Verdict.TIMEOUT, hang, List.of(), 12, ""), COMMIT, 60_000, WITH));
        assertEquals(Outcome.FAILED, c.outcome());
        assertTrue(c.reason().startsWith("the reproduce command 'java -cp target/classes com.acme.Main' could not be judged at "
                + COMMIT + " (TIMEOUT: timed out after 60 s)"), c.reason());
    }

    @Test
    void failingTestsOfAFixLogJobAreRepairedAsUsual() {
        var gates = List.of(new GateResult("tests", Verdict.FAIL, 900, "1 of 12 tests failed"));
        assertInstanceOf(Localise.class,
                JobDecisions.onBaseline(verdict(Verdict.FAIL, gates, List.of(FAILURE), 12, ""), COMMIT, 60_000, WITH));
        assertInstanceOf(Localise.class,
                JobDecisions.onBaseline(verdict(Verdict.FAIL, gates, List.of(FAILURE), 12, ""), COMMIT, 60_000, WITHOUT));
    }
}
