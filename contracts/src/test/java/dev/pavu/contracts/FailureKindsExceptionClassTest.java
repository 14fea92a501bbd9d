package dev.pavu.contracts;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FailureKindsExceptionClassTest {

    @Test
    void readsTheExceptionClassOfAStackTrace() {
        assertEquals("NullPointerException", FailureKinds.exceptionClass(
                "java.lang.NullPointerException: Cannot invoke \"String.length()\"\n\tat a.B.c(B.java:3)"));
        assertEquals("AssertionFailedError", FailureKinds.exceptionClass(
                "org.opentest4j.AssertionFailedError: expected: <1> but was: <2>"));
        assertEquals("ArrayIndexOutOfBoundsException", FailureKinds.exceptionClass(
                "java.lang.ArrayIndexOutOfBoundsException\n\tat x.Y.z(Y.java:1)"));
        assertNull(FailureKinds.exceptionClass("expected 3 but got 4"));
        assertNull(FailureKinds.exceptionClass(null));
    }
}
