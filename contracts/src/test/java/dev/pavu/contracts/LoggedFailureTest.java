package dev.pavu.contracts;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading a log's failure signature and finding it again in a command's output. */
class LoggedFailureTest {

    static final String APP_LOG = """
            2026-12-06 21:14:03.117 INFO  [main] demo.Main - reading orders.csv
            2026-12-06 21:14:03.204 ERROR [main] demo.Main - import failed
            java.lang.IllegalStateException: no orders in orders.csv
            \tat demo.Orders.first(Orders.java:14)
            \tat demo.Importer.run(Importer.java:9)
            \tat demo.Main.main(Main.java:5)
            2026-12-06 21:14:03.205 INFO  [main] demo.Main - shutting down
            """;

    @Test
    void aLogsTraceGivesItsExceptionAndTopFramesWithoutLineNumbers() {
        LoggedFailure f = LoggedFailure.of(APP_LOG).orElseThrow();
        assertEquals("java.lang.IllegalStateException", f.exception());
        assertEquals(List.of("demo.Orders.first", "demo.Importer.run", "demo.Main.main"), f.frames());
        assertEquals("java.lang.IllegalStateException at demo.Orders.first", f.describe());
    }

    @Test
    void theInnermostCauseIsTheSignatureAndElidedFramesAreSkipped() {
        String log = """
                Exception in thread "main" java.lang.RuntimeException: import failed
                \tat demo.Main.main(Main.java:7)
                Caused by: java.lang.NumberFormatException: For input string: "x1"
                \tat java.base/java.lang.NumberFormatException.forInputString(NumberFormatException.java:67)
                \tat java.base/java.lang.Integer.parseInt(Integer.java:662)
                \tat demo.Prices.parse(Prices.java:21)
                \tat demo.Main.main(Main.java:5)
                \t... 1 more
                """;
        LoggedFailure f = LoggedFailure.of(log).orElseThrow();
        assertEquals("java.lang.NumberFormatException", f.exception());
        assertEquals(List.of("java.lang.NumberFormatException.forInputString", "java.lang.Integer.parseInt",
                "demo.Prices.parse"), f.frames());
        // the outer trace of the same output is found too, but the signature is the cause's
        assertTrue(f.occursIn(log));
        assertEquals(2, LoggedFailure.traces(log).size());
    }

    @Test
    void theFailureOccursAgainWhenTypeAndTopFramesMatchEvenOnOtherLines() {
        LoggedFailure f = LoggedFailure.of(APP_LOG).orElseThrow();
        String again = """
                Exception in thread "main" java.lang.IllegalStateException: no orders in empty.csv
                \tat demo.Orders.first(Orders.java:31)
                \tat demo.Importer.run(Importer.java:12)
                \tat demo.Main.main(Main.java:8)
                """;
        assertTrue(f.occursIn(again));
    }

    @Test
    void anotherExceptionOrAnotherThrowingMethodIsNotTheLoggedFailure() {
        LoggedFailure f = LoggedFailure.of(APP_LOG).orElseThrow();
        String otherType = """
                Exception in thread "main" java.lang.IllegalArgumentException: no orders in orders.csv
                \tat demo.Orders.first(Orders.java:14)
                \tat demo.Importer.run(Importer.java:9)
                \tat demo.Main.main(Main.java:5)
                """;
        String otherPlace = """
                Exception in thread "main" java.lang.IllegalStateException: closed
                \tat demo.Report.write(Report.java:3)
                \tat demo.Main.main(Main.java:6)
                """;
        assertFalse(f.occursIn(otherType));
        assertFalse(f.occursIn(otherPlace));
        assertFalse(f.occursIn("imported 3 orders\n"));
        assertFalse(f.occursIn(""));
        assertFalse(f.occursIn(null));
        // the exception's name alone (e.g. printed as a message) is not a reproduction
        assertFalse(f.occursIn("error: java.lang.IllegalStateException: no orders in orders.csv\n"));
    }

    @Test
    void textWithoutAJavaStackTraceHasNoFailure() {
        assertEquals(Optional.empty(), LoggedFailure.of("ERROR something went wrong\nat line 3 of the config\n"));
        assertEquals(Optional.empty(), LoggedFailure.of(""));
        assertEquals(Optional.empty(), LoggedFailure.of(null));
        // frames without a header naming an exception
        assertEquals(Optional.empty(), LoggedFailure.of("\tat demo.Main.main(Main.java:5)\n"));
    }

    @Test
    void aSignatureKeepsAtMostThreeFrames() {
        LoggedFailure f = new LoggedFailure("x.Boom", List.of("a.A.a", "b.B.b", "c.C.c", "d.D.d"));
        assertEquals(List.of("a.A.a", "b.B.b", "c.C.c"), f.frames());
    }
}
