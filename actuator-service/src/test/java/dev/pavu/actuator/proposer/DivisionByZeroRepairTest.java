package dev.pavu.actuator.proposer;

import dev.pavu.actuator.proposer.patterns.DivisionGuard;
import dev.pavu.contracts.Decision;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TaskKind;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.VerifySpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A logged {@code ArithmeticException: / by zero} (a FIX_LOG job whose tests pass, like e2e's orders-crash): the
 * division guard is the first candidate at the crashing line, before the operator and deletion mutants that made a
 * plausible but functionality-removing patch win before it existed.
 */
class DivisionByZeroRepairTest {

    static final String PATH = "src/main/java/demo/Orders.java";
    static final String ORDERS = """
            package demo;

            /** Order amounts, in cents. */
            public final class Orders {

                private Orders() {
                }

                /** @return the mean amount, 0 for no orders */
                public static int average(int[] amounts) {
                    int sum = 0;
                    for (int a : amounts) {
                        sum += a;
                    }
                    return sum / amounts.length;
                }
            }
            """;
    static final String CRASH = """
            2026-12-06 21:14:03 INFO  orders report starting
            Exception in thread "main" java.lang.ArithmeticException: / by zero
            \tat demo.Orders.average(Orders.java:15)
            \tat demo.Main.main(Main.java:8)
            """;

    private static List<Mutant> ranked(String failureKind) {
        int line = TemplateProposerTest.line(ORDERS, "return sum / amounts.length;");
        return TemplateProposer.withDefaults().propose(SourceFile.of(PATH, ORDERS),
                List.of(new SuspiciousLine(line, 1.0, 0), new SuspiciousLine(line - 2, 0.5, 1)), failureKind).mutants();
    }

    @Test
    void forADivisionByZeroTheGuardLeads() {
        Mutant first = ranked("ArithmeticException").getFirst();
        assertEquals(DivisionGuard.NAME, first.pattern());
        assertTrue(first.description().contains("amounts.length == 0"), first.description());
        // without the kind, the operator mutants of the same line come first
        assertNotEquals(DivisionGuard.NAME, ranked(null).getFirst().pattern());
    }

    @Test
    void aFixLogPlanTakesItsFailureKindFromTheLoggedException() {
        assertEquals("ArithmeticException", RepairProposer.failureKind(plan(CRASH, List.of())));
        assertNull(RepairProposer.failureKind(plan("all good, nothing thrown", List.of())));
        // failing tests, when there are any, say how the baseline fails
        TestFailure npe = new TestFailure("demo.OrdersTest#empty", "demo.OrdersTest", "empty", "error", "boom",
                "java.lang.NullPointerException: boom\n\tat demo.Orders.average(Orders.java:12)\n");
        assertEquals("NullPointerException", RepairProposer.failureKind(plan(CRASH, List.of(npe))));
    }

    private static PlanProposed plan(String log, List<TestFailure> failing) {
        return new PlanProposed(Envelope.of(EventTypes.PLAN_PROPOSED, UUID.randomUUID(), 1, null, "planner-service"), UUID.randomUUID(),
                PlanKind.REPAIR, new SourceRef("bundle", null, null, "c".repeat(40), "a".repeat(64)),
                new TaskSpec(TaskKind.FIX_LOG, "fix the error in this log", null, log, Map.of()),
                List.of(new SuspiciousLocation(PATH, 15, "demo.Orders", "average", 1.0, "stack-trace")),
                failing, 12, new VerifySpec(null, 60_000, List.of(), false), List.of(),
                new Decision("repair", Map.of(), "the logged crash"));
    }
}
