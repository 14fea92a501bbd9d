package dev.pavu.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pavu graph …} against an updater and a planner played by the test (the real updater's answers:
 * the updater's CodeGraphTest).
 */
class GraphCommandTest {

    static final String SHA = "660c7bb8f0c813cc6db0830df21dc0cd3e25d918";
    static final String JOB = "11111111-2222-3333-4444-555555555555";
    static final String BUILDING_JOB = "99999999-2222-3333-4444-555555555555";
    static final String P = "com.acme.invoicing.";

    JsonStub updater;
    JsonStub planner;

    @BeforeEach
    void start() throws IOException {
        updater = new JsonStub("/graph", false, (method, uri) -> switch (uri) {
            case "/graph/" + SHA -> JsonStub.Answer.ok("{\"commit\":\"" + SHA + "\",\"team\":\"default\",\"status\":\"READY\","
                    + "\"reason\":null,\"buildMs\":812,\"finishedAt\":\"2026-12-07T13:15:42Z\",\"symbols\":{\"METHOD\":40,\"TYPE\":8},"
                    + "\"edges\":{\"CALLS\":61},\"files\":{\"parsed\":8,\"skipped\":0,\"failed\":1,\"linksSkipped\":2},"
                    + "\"calls\":{\"resolved\":91,\"external\":39,\"unresolved\":26}}");
            case "/graph/" + SHA + "/owners-of/discountOn" -> JsonStub.Answer.ok("[{\"type\":{\"kind\":\"TYPE\",\"qualifiedName\":\""
                    + P + "VolumeDiscount\",\"signature\":\"" + P + "VolumeDiscount\",\"file\":\"src/main/java/com/acme/invoicing/"
                    + "VolumeDiscount.java\",\"line\":9,\"test\":false},\"members\":[" + method(P + "VolumeDiscount.discountOn("
                    + P + "LineItem)", 29) + "]}]");
            case "/graph/" + SHA + "/symbols?q=percent%20for&kind=METHOD&limit=3" -> JsonStub.Answer.ok("[" + method(P
                    + "VolumeDiscount.percentFor(int)", 18) + "]");
            case "/graph/" + SHA + "/callers/" + "com.acme.invoicing.Invoice.net%28%29" -> JsonStub.Answer.ok("[{\"method\":"
                    + method(P + "Invoice.net()", 46) + ",\"related\":[{\"symbol\":" + method(P + "Invoice.tax()", 50)
                    + ",\"line\":51},{\"symbol\":" + method(P + "Invoice.total()", 54) + ",\"line\":55}]}]");
            case "/graph/" + SHA + "/tests-reaching/percentFor" -> JsonStub.Answer.ok("[{\"method\":"
                    + method(P + "VolumeDiscount.percentFor(int)", 18) + ",\"related\":[]}]");
            case "/graph/abcdef0" -> JsonStub.Answer.ok("{\"commit\":\"abcdef0123\",\"status\":\"FAILED\",\"reason\":\"the source "
                    + "breaks a limit\",\"symbols\":{},\"edges\":{},\"files\":{},\"calls\":{}}");
            case "/graph/" + SHA + "/callees/nope" -> JsonStub.Answer.problem(404, "Not Found", "no method or constructor 'nope'");
            default -> JsonStub.Answer.problem(409, "Conflict", "the code graph of abc is BUILDING since now; retry shortly");
        });
        planner = new JsonStub("/jobs", false, (method, uri) -> uri.equals("/jobs/" + JOB)
                ? JsonStub.Answer.ok("{\"id\":\"" + JOB + "\",\"source\":{\"kind\":\"bundle\",\"commit\":\"" + SHA + "\"}}")
                : JsonStub.Answer.ok("{\"id\":\"" + BUILDING_JOB + "\",\"source\":{\"kind\":\"git\",\"commit\":null}}"));
    }

    @AfterEach
    void stop() {
        updater.close();
        planner.close();
    }

    private static String method(String signature, int line) {
        return "{\"kind\":\"METHOD\",\"signature\":\"" + signature + "\",\"file\":\"src/main/java/com/acme/invoicing/X.java\","
                + "\"line\":" + line + ",\"test\":false}";
    }

    private Cli.Run run(String... args) {
        return Cli.run(Map.of("PAVU_UPDATER_URL", updater.url(), "PAVU_PLANNER_URL", planner.url()),
                Path.of("").toAbsolutePath(), args);
    }

    @Test
    void ownersOfAJobsCommitAsksThePlannerForTheCommitThenTheUpdater() {
        Cli.Run r = run("graph", "owners-of", "discountOn", "--job", JOB);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith(P + "VolumeDiscount  src/main/java/com/acme/invoicing/VolumeDiscount.java:9"), r.out());
        assertTrue(r.out().contains("  METHOD      " + P + "VolumeDiscount.discountOn(" + P + "LineItem)  "
                + "src/main/java/com/acme/invoicing/X.java:29"), r.out());
        assertEquals("GET /graph/" + SHA + "/owners-of/discountOn ", updater.requests.getLast());
        assertEquals("GET /jobs/" + JOB + " ", planner.requests.getLast());
    }

    @Test
    void statusPrintsCountsAndJsonPrintsTheAnswer() {
        Cli.Run r = run("graph", "status", "--sha", SHA);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("status   READY"), r.out());
        assertTrue(r.out().contains("symbols  METHOD 40, TYPE 8"), r.out());
        assertTrue(r.out().contains("files    8 parsed, 0 skipped, 1 did not parse, 2 links/special files not followed"), r.out());
        assertTrue(r.out().contains("built    812 ms"), r.out());
        Cli.Run json = run("graph", "status", "--sha", SHA, "--json");
        assertTrue(json.out().contains("\"unresolved\" : 26"), json.out());
        Cli.Run failed = run("graph", "status", "--sha", "abcdef0");
        assertEquals(1, failed.code(), failed.toString());
        assertTrue(failed.out().contains("reason   the source breaks a limit"), failed.out());
    }

    @Test
    void symbolsCallersAndTestsReachingPrintTables() {
        Cli.Run s = run("graph", "symbols", "percent for", "--kind", "METHOD", "--limit", "3", "--sha", SHA);
        assertEquals(0, s.code(), s.toString());
        assertTrue(s.out().contains("METHOD      " + P + "VolumeDiscount.percentFor(int)"), s.out());

        Cli.Run c = run("graph", "callers", P + "Invoice.net()", "--sha", SHA);
        assertEquals(0, c.code(), c.toString());
        assertTrue(c.out().startsWith(P + "Invoice.net()  src/main/java/com/acme/invoicing/X.java:46  is called by:"), c.out());
        assertTrue(c.out().contains("  " + P + "Invoice.total()  src/main/java/com/acme/invoicing/X.java:54  (call at line 55)"),
                c.out());

        Cli.Run t = run("graph", "tests-reaching", "percentFor", "--sha", SHA);
        assertTrue(t.out().contains("(no test reaches it through resolved calls)"), t.out());
    }

    @Test
    void errorsSayWhatToDo() {
        assertEquals(2, run("graph", "status").code(), "neither --job nor --sha");
        assertEquals(2, run("graph", "status", "--sha", SHA, "--job", JOB).code(), "both");
        assertEquals(2, run("graph", "status", "--sha", "main").code(), "not hex");
        Cli.Run missing = run("graph", "callees", "nope", "--sha", SHA);
        assertEquals(1, missing.code(), missing.toString());
        assertTrue(missing.err().contains("404") && missing.err().contains("no method or constructor"), missing.err());
        Cli.Run building = run("graph", "symbols", "x", "--sha", SHA);
        assertTrue(building.err().contains("409") && building.err().contains("BUILDING"), building.err());
        Cli.Run unresolved = run("graph", "status", "--job", BUILDING_JOB);
        assertEquals(1, unresolved.code(), unresolved.toString());
        assertTrue(unresolved.err().contains("no resolved commit yet"), unresolved.err());
    }
}
