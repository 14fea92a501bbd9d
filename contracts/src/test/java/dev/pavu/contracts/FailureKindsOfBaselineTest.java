package dev.pavu.contracts;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailureKindsOfBaselineTest {

    private static VerdictIssued baseline(Verdict v, List<GateResult> gates, List<TestFailure> failing) {
        return new VerdictIssued(Envelope.of(EventTypes.VERDICT_ISSUED, UUID.randomUUID(), 0, null, "verifier-service"),
                UUID.randomUUID(), UUID.randomUUID(), v, "r", gates, failing, 3, failing.size(), 10, "", "empty-patch",
                null, null, List.of());
    }

    @Test
    void aBaselineIsClassifiedByItsVerdictGatesAndFirstException() {
        assertEquals("none", FailureKinds.of(baseline(Verdict.PASS, List.of(), List.of())));
        assertEquals("compile-error", FailureKinds.of(baseline(Verdict.FAIL,
                List.of(new GateResult("static", Verdict.FAIL, 5, "does not compile")), List.of())));
        assertEquals("NullPointerException", FailureKinds.of(baseline(Verdict.FAIL, List.of(),
                List.of(new TestFailure("A#b", "A", "b", "error", null, "java.lang.NullPointerException: x\n\tat A.b(A.java:3)")))));
        assertEquals("test-failure", FailureKinds.of(baseline(Verdict.FAIL, List.of(), List.of())));
        assertEquals("timeout", FailureKinds.of(baseline(Verdict.TIMEOUT, List.of(), List.of())));
    }

    @Test
    void theActuatorsKeyForAPlanMatchesTheUpdatersKeyForItsBaseline() {
        List<TestFailure> failing = List.of(new TestFailure("T#m", "T", "m", "failure", "expected: <1> but was: <2>",
                "org.opentest4j.AssertionFailedError: expected: <1> but was: <2>\n\tat T.m(T.java:9)"));
        assertEquals(FailureKinds.of(baseline(Verdict.FAIL, List.of(), failing)), FailureKinds.of(failing));
    }
}
