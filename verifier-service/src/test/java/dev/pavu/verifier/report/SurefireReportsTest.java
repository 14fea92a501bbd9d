package dev.pavu.verifier.report;

import dev.pavu.contracts.TestFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SurefireReportsTest {

    private static final String INVOICE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="demo.InvoiceTest" time="0.05" tests="4" errors="1" skipped="1" failures="1">
              <properties><property name="java.version" value="25"/></properties>
              <testcase name="total" classname="demo.InvoiceTest" time="0.03">
                <failure message="total ==&gt; expected: &lt;30&gt; but was: &lt;20&gt;" type="org.opentest4j.AssertionFailedError"><![CDATA[org.opentest4j.AssertionFailedError: total ==> expected: <30> but was: <20>
            	at demo.InvoiceTest.total(InvoiceTest.java:12)
            ]]></failure>
                <system-out><![CDATA[some output]]></system-out>
              </testcase>
              <testcase name="count" classname="demo.InvoiceTest" time="0.001"/>
              <testcase name="tax(int)[2]" classname="demo.InvoiceTest" time="0.001">
                <error type="java.lang.IllegalStateException"><![CDATA[java.lang.IllegalStateException
            	at demo.Invoice.tax(Invoice.java:20)
            ]]></error>
              </testcase>
              <testcase name="later" classname="demo.InvoiceTest" time="0">
                <skipped message="disabled"/>
              </testcase>
            </testsuite>
            """;

    @Test
    void readsFailuresErrorsAndCounts(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("target/surefire-reports"));
        Files.writeString(dir.resolve("TEST-demo.InvoiceTest.xml"), INVOICE);
        Files.writeString(dir.resolve("demo.InvoiceTest.txt"), "not a report");

        TestReport r = new SurefireReports(2048, 4096, 50).read(root);

        assertEquals(1, r.reportFiles());
        assertEquals(3, r.testsRun());
        assertEquals(2, r.testsFailed());
        assertEquals(1, r.testsSkipped());
        assertEquals(java.util.Set.of("demo.InvoiceTest#total", "demo.InvoiceTest#count", "demo.InvoiceTest#tax"), r.executedIds(),
                "the ids of the cases that ran, parameterised ones folded into their method");
        assertEquals(java.util.Set.of("demo.InvoiceTest#later"), r.skippedIds());
        TestFailure total = r.failures().get(0);
        assertEquals("demo.InvoiceTest#total", total.testId());
        assertEquals("demo.InvoiceTest", total.className());
        assertEquals("total", total.methodName());
        assertEquals("failure", total.kind());
        assertEquals("total ==> expected: <30> but was: <20>", total.message());
        assertTrue(total.stackTrace().contains("at demo.InvoiceTest.total(InvoiceTest.java:12)"));
        TestFailure tax = r.failures().get(1);
        assertEquals("demo.InvoiceTest#tax", tax.testId());
        assertEquals("error", tax.kind());
        assertEquals("java.lang.IllegalStateException", tax.message(), "no message: the exception type stands in");
    }

    @Test
    void findsReportsOfEveryModuleAndTruncatesStackTraces(@TempDir Path root) throws Exception {
        String big = "x".repeat(10_000);
        String report = """
                <testsuite name="b.BTest" tests="1" failures="1">
                  <testcase name="big" classname="b.BTest"><failure message="m">%s</failure></testcase>
                </testsuite>
                """.formatted(big);
        Files.writeString(Files.createDirectories(root.resolve("mod-a/target/surefire-reports")).resolve("TEST-a.ATest.xml"),
                "<testsuite name=\"a.ATest\" tests=\"1\"><testcase name=\"ok\" classname=\"a.ATest\"/></testsuite>");
        Files.writeString(Files.createDirectories(root.resolve("mod-b/target/surefire-reports")).resolve("TEST-b.BTest.xml"), report);

        TestReport r = new SurefireReports(100, 4096, 50).read(root);

        assertEquals(2, r.reportFiles());
        assertEquals(2, r.testsRun());
        assertEquals(1, r.testsFailed());
        String st = r.failures().getFirst().stackTrace();
        assertTrue(st.length() < 4200, "stack trace cut to ~4 KB, was " + st.length());
        assertTrue(st.endsWith("…[truncated 5904 chars]"), st.substring(st.length() - 40));
    }

    @Test
    void refusesExternalEntitiesAndSurvivesGarbage(@TempDir Path root) throws Exception {
        Path secret = Files.writeString(root.resolve("secret.txt"), "TOP-SECRET");
        Path dir = Files.createDirectories(root.resolve("target/surefire-reports"));
        Files.writeString(dir.resolve("TEST-evil.xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE t [<!ENTITY x SYSTEM "file://%s">]>
                <testsuite><testcase name="t" classname="E"><failure message="&x;">boom</failure></testcase></testsuite>
                """.formatted(secret));
        Files.writeString(dir.resolve("TEST-garbage.xml"), "<<<this is not xml");

        TestReport r = new SurefireReports(2048, 4096, 50).read(root);

        assertEquals(2, r.reportFiles());
        assertFalse(r.failures().stream().anyMatch(f -> String.valueOf(f.message()).contains("TOP-SECRET")));
    }

    @Test
    void aReportThatIsALinkIsNotRead(@TempDir Path root, @TempDir Path outside) throws Exception {
        // the reports are written by the submitted project: a link must not make the verifier read a file elsewhere
        Path elsewhere = Files.writeString(outside.resolve("TEST-secret.xml"), INVOICE);
        Path dir = Files.createDirectories(root.resolve("target/surefire-reports"));
        Files.createSymbolicLink(dir.resolve("TEST-demo.InvoiceTest.xml"), elsewhere);
        Files.createSymbolicLink(root.resolve("linked"), outside);

        TestReport r = new SurefireReports(2048, 4096, 50).read(root);

        assertEquals(0, r.reportFiles());
        assertEquals(0, r.testsRun());
    }

    @Test
    void noReportsIsEmpty(@TempDir Path root) {
        TestReport r = new SurefireReports(2048, 4096, 50).read(root);
        assertFalse(r.found());
        assertEquals(0, r.testsRun());
    }

    @Test
    void methodNames() {
        assertEquals("total", SurefireReports.methodName("total"));
        assertEquals("total", SurefireReports.methodName("total(int)[2]"));
        assertEquals("total", SurefireReports.methodName("total()"));
        assertEquals("(unknown)", SurefireReports.methodName(null));
        assertNull(SurefireReports.truncate(null, 3));
    }
}
