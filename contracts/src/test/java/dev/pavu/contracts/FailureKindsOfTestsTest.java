package dev.pavu.contracts;

import dev.pavu.contracts.TestFailure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FailureKindsOfTestsTest {

    private static TestFailure failure(String kind, String message, String stackTrace) {
        return new TestFailure("demo.DemoTest#t", "demo.DemoTest", "t", kind, message, stackTrace);
    }

    @Test
    void theFirstFailingTestsExceptionClass() {
        assertEquals("AssertionFailedError", FailureKinds.of(List.of(failure("failure", "expected: <1> but was: <2>",
                "org.opentest4j.AssertionFailedError: expected: <1> but was: <2>\n\tat demo.DemoTest.t(DemoTest.java:9)"))));
        assertEquals("NullPointerException", FailureKinds.of(List.of(failure("error", null, null),
                failure("error", "boom", "java.lang.NullPointerException: Cannot invoke \"String.strip()\"\n\tat demo.Strings"))));
        assertEquals("ArrayIndexOutOfBoundsException", FailureKinds.of(List.of(failure("error",
                "java.lang.ArrayIndexOutOfBoundsException: Index 5 out of bounds for length 5", null))));
    }

    @Test
    void timeoutsAndUnreadableFailures() {
        assertEquals("timeout", FailureKinds.of(List.of(failure("error", "test timed out after 10 s", null))));
        assertEquals("test-failure", FailureKinds.of(List.of(failure("failure", "values differ", "  "))));
        assertNull(FailureKinds.of(List.of()));
    }
}
