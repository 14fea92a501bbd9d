package dev.pavu.updater;

import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.kit.messaging.EventMessages;
import dev.pavu.testsupport.Await;
import dev.pavu.testsupport.KafkaProbe;
import dev.pavu.testsupport.PavuStackResource;
import dev.pavu.updater.graph.GraphFixtures;
import dev.pavu.updater.graph.LocalBundles;
import dev.pavu.workspace.source.ResolvedSource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The code graph end to end against the real broker and database: a plan naming a commit makes the updater fetch the
 * commit's bundle (a real git bundle, played planner: {@link LocalBundles}), build its graph once per team and serve it
 * over HTTP to that team only. Each test uses teams of its own (the test schema persists between runs).
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
class CodeGraphTest {

    private static final String TEAM = "X-Pavu-Team";
    private static final String P = "com.acme.invoicing.";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theExampleProjectsGraphAnswersEveryEndpoint() throws IOException {
        String team = team();
        ResolvedSource src = LocalBundles.publish(GraphFixtures.example(), Files.createTempDirectory("graph-bundle"));
        plan(team, UUID.randomUUID(), src);
        String sha = src.commit();
        JsonPath graph = awaitStatus(team, sha, "READY");
        assertEquals(team, graph.getString("team"));
        assertEquals(8, graph.getInt("files.parsed"), graph.prettify());
        assertTrue(graph.getInt("symbols.METHOD") >= 30 && graph.getInt("edges.CALLS") >= 40, graph.prettify());
        assertTrue(graph.getInt("edges.TEST_REACHES") > 0 && graph.getLong("buildMs") > 0, graph.prettify());
        assertEquals(sha, get(team, "/graph/" + sha.substring(0, 10)).then().statusCode(200).extract().path("commit"));

        // full-text: the exact simple name first, then prefixes and camel-case words; kind filters
        JsonPath percent = ok(team, "/graph/" + sha + "/symbols?q=percent");
        assertEquals(P + "Money.percent(java.math.BigDecimal)", percent.getString("[0].signature"), percent.prettify());
        assertTrue(percent.getList("signature").containsAll(List.of(P + "VolumeDiscount.percentFor(int)",
                P + "VolumeDiscount.BULK_PERCENT")), percent.prettify());
        assertEquals(Set.of(P + "VolumeDiscount.BULK_PERCENT", P + "VolumeDiscount.WHOLESALE_PERCENT"),
                new HashSet<>(ok(team, "/graph/" + sha + "/symbols?q=percent&kind=field").getList("signature")));
        JsonPath plus = ok(team, "/graph/" + sha + "/symbols?q=Money.pl&limit=5");
        assertEquals(List.of(P + "Money.plus(" + P + "Money)"), plus.getList("signature"));
        assertEquals("src/main/java/com/acme/invoicing/Money.java", plus.getString("[0].file"));

        JsonPath owners = ok(team, "/graph/" + sha + "/owners-of/discountOn");
        assertEquals(List.of(P + "VolumeDiscount"), owners.getList("type.qualifiedName"), owners.prettify());
        assertEquals(P + "VolumeDiscount.discountOn(" + P + "LineItem)", owners.getString("[0].members[0].signature"));
        assertEquals(List.of(P + "Invoice"), ok(team, "/graph/" + sha + "/owners-of/" + P + "Invoice.total")
                .getList("type.qualifiedName"));
        assertEquals(0, ok(team, "/graph/" + sha + "/owners-of/noSuchMember").getList("$").size());

        JsonPath callers = ok(team, "/graph/" + sha + "/callers/" + P + "Invoice.net");
        assertEquals(P + "Invoice.net()", callers.getString("[0].method.signature"));
        assertEquals(Set.of(P + "Invoice.tax()", P + "Invoice.total()", P + "InvoiceTest.appliesTheBulkDiscountAtExactlyTenUnits()"),
                new HashSet<>(callers.getList("[0].related.symbol.signature")), callers.prettify());
        JsonPath callees = ok(team, "/graph/" + sha + "/callees/" + P + "VolumeDiscount.discountOn(LineItem)");
        assertEquals(Set.of(P + "LineItem.gross()", P + "LineItem.quantity()", P + "VolumeDiscount.percentFor(int)",
                P + "Money.percent(java.math.BigDecimal)"),
                new HashSet<>(callees.getList("[0].related.symbol.signature")), callees.prettify());
        JsonPath bySimpleName = ok(team, "/graph/" + sha + "/callers/plus");
        assertEquals(List.of(P + "Money.plus(" + P + "Money)"), bySimpleName.getList("method.signature"));
        assertTrue(bySimpleName.getList("[0].related.symbol.signature").contains(P + "Invoice.subtotal()"));
        JsonPath tests = ok(team, "/graph/" + sha + "/tests-reaching/" + P + "VolumeDiscount.percentFor(int)");
        List<String> reaching = tests.getList("[0].related.symbol.signature");
        assertTrue(reaching.containsAll(List.of(P + "VolumeDiscountTest.bulkDiscountStartsAtTenUnits()",
                P + "InvoiceTest.mixesLines()")), tests.prettify());
        assertEquals(1, tests.getInt("[0].related[0].line"), "a direct test first: " + tests.prettify());

        get(team, "/graph/" + sha + "/callers/" + P + "Invoice.nope").then().statusCode(404)
                .body("detail", containsString("no method or constructor"));
        get(team, "/graph/" + sha + "/symbols").then().statusCode(400).body("detail", containsString("give q"));
        get(team, "/graph/" + sha + "/symbols?q=x&limit=0").then().statusCode(400)
                .body("detail", containsString("limit must be at least 1"));
        get(team, "/graph/" + sha + "/symbols?q=x&kind=CLASS").then().statusCode(400)
                .body("detail", containsString("kind must be"));
        get(team, "/graph/not-a-sha").then().statusCode(400).body("detail", containsString("hex digits"));
        // the edge endpoints share one validated parameter bean
        assertEquals(1, ok(team, "/graph/" + sha + "/callers/plus?limit=1").getList("[0].related").size());
        get(team, "/graph/" + sha + "/callees/plus?limit=1001").then().statusCode(400)
                .body("detail", containsString("limit must be at most 1000"));
        get(team, "/graph/" + sha + "/tests-reaching/plus?limit=ten").then().statusCode(400)
                .body("detail", containsString("limit must be a whole number"));
        get(team, "/graph/xyz/callers/plus").then().statusCode(400).body("detail", containsString("hex digits"));

        // another team sees nothing of it: the same 404 as an unknown commit
        String other = team();
        get(other, "/graph/" + sha).then().statusCode(404).body("title", containsString("Not Found"));
        get(other, "/graph/" + sha + "/callers/plus").then().statusCode(404);
        get(team, "/graph/" + "0".repeat(40)).then().statusCode(404);
    }

    @Test
    void aCommitIsBuiltOncePerTeamWhateverTheEventsSay() throws IOException, SQLException {
        String team = team();
        ResolvedSource src = LocalBundles.publish(shapes("once"), Files.createTempDirectory("graph-bundle"));
        UUID first = UUID.randomUUID();
        PlanProposed plan = plan(team, first, src);
        KafkaProbe.send(TestTopics.PLANS, EventMessages.keyOf(plan), EventCodec.write(plan)); // redelivered
        plan(team, UUID.randomUUID(), src); // a second job on the same commit
        awaitStatus(team, src.commit(), "READY");
        String otherTeam = team();
        plan(otherTeam, UUID.randomUUID(), src); // another team's graph is its own
        awaitStatus(otherTeam, src.commit(), "READY");
        Await.until("the updater has recorded every plan", Duration.ofSeconds(30), () -> plansRecorded(src.commit()) == 3); // the redelivery is not

        assertEquals(List.of(team + " " + first + " 1 READY"), rows(team, src.commit()));
        assertEquals(1, rows(otherTeam, src.commit()).size());
        assertEquals(1, LocalBundles.OPENED.get(src.sha256()).get(), "the bundle is fetched once and cached");
        JsonPath view = ok(team, "/graph/" + src.commit());
        assertEquals(first.toString(), view.getString("jobId"));
        assertEquals(2, view.getInt("edges.OVERRIDES"), "Square.area and Circle.area override Shape.area");
    }

    @Test
    void aHostileRepositoryIsReadWithoutLeavingTheTree() throws IOException {
        String team = team();
        Path dir = shapes("hostile");
        Path secret = Files.createTempFile("host-secret", ".java");
        Files.writeString(secret, "package com.acme.shapes;\npublic class LeakedHostSecret { int hunter2() { return 7; } }\n");
        Files.createSymbolicLink(dir.resolve("src/main/java/com/acme/shapes/Leaked.java"), secret);
        Files.createSymbolicLink(dir.resolve("src/main/java/passwd.java"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(dir.resolve("src/main/java/com/acme/shapes/loop"), dir.resolve("src"));
        GraphFixtures.write(dir, "src/main/java/com/acme/shapes/Broken.java", "package com.acme.shapes;\nclass Broken {\n");
        GraphFixtures.write(dir, "src/main/java/com/acme/shapes/Huge.java", "package com.acme.shapes;\nclass Huge {\n"
                + "    int x = 1;\n".repeat(120_000) + "}\n"); // 1.7 MB, over pavu.graph.max-file-bytes (1 MiB)
        ResolvedSource src = LocalBundles.publish(dir, Files.createTempDirectory("graph-bundle"));
        plan(team, UUID.randomUUID(), src);

        JsonPath graph = awaitStatus(team, src.commit(), "READY");
        assertEquals(3, graph.getInt("files.linksSkipped"), graph.prettify());
        assertEquals(1, graph.getInt("files.failed"), graph.prettify());
        assertEquals(1, graph.getInt("files.skipped"), graph.prettify());
        assertEquals(5, graph.getInt("files.parsed"), graph.prettify());
        for (String q : List.of("LeakedHostSecret", "hunter2", "root", "Huge", "Broken")) {
            assertEquals(0, ok(team, "/graph/" + src.commit() + "/symbols?q=" + q).getList("$").size(), q);
        }
        assertEquals(List.of("com.acme.shapes.Geometry", "com.acme.shapes.GeometryTest"),
                ok(team, "/graph/" + src.commit() + "/symbols?q=Geometry&kind=TYPE").getList("signature"));
    }

    @Test
    void aGraphThatIsNotReadyAnswers409WithWhy() throws IOException {
        String team = team();
        String commit = ("c0ffee" + UUID.randomUUID() + UUID.randomUUID()).replace("-", "").substring(0, 40);
        String bundle = "d".repeat(64); // no such bundle at the (played) planner
        plan(team, UUID.randomUUID(), new ResolvedSource(commit, Path.of("none"), bundle, 0));
        JsonPath failed = awaitStatus(team, commit, "FAILED");
        assertEquals(3, failed.getInt("attempts"), failed.prettify());
        assertTrue(failed.getString("reason").contains("has no bundle"), failed.prettify());
        get(team, "/graph/" + commit + "/symbols?q=x").then().statusCode(409)
                .body("detail", containsString("FAILED after 3 attempt(s)"))
                .body("detail", containsString("has no bundle"));
    }

    private PlanProposed plan(String team, UUID job, ResolvedSource src) {
        TaskSpec task = new TaskSpec(null, "fix it", null, null, Map.of(), team, null);
        PlanProposed plan = new PlanProposed(Envelope.of(EventTypes.PLAN_PROPOSED, job, 0, null, "planner-service"),
                UUID.randomUUID(), PlanKind.BASELINE, new SourceRef("bundle", null, null, src.commit(), src.sha256()),
                task, null, null, 1, new VerifySpec(null, 60_000, List.of(), false), null, null);
        KafkaProbe.send(TestTopics.PLANS, EventMessages.keyOf(plan), EventCodec.write(plan));
        return plan;
    }

    private static Path shapes(String tag) throws IOException {
        Path dir = GraphFixtures.shapes(Files.createTempDirectory("graph-" + tag));
        GraphFixtures.write(dir, "README.md", "a commit of its own: " + UUID.randomUUID() + "\n");
        return dir;
    }

    private JsonPath awaitStatus(String team, String sha, String status) {
        Await.until("the graph of " + sha + " is " + status, Duration.ofSeconds(120), () -> {
            Response r = get(team, "/graph/" + sha);
            return r.statusCode() == 200 && status.equals(r.path("status"));
        });
        return get(team, "/graph/" + sha).then().statusCode(200).extract().jsonPath();
    }

    private static Response get(String team, String path) {
        return given().header(TEAM, team).get(path);
    }

    private static JsonPath ok(String team, String path) {
        return get(team, path).then().statusCode(200).extract().jsonPath();
    }

    private List<String> rows(String team, String commit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select team, job_id, attempts, status from code_graphs where team = ? and commit_sha = ?")) {
            ps.setString(1, team);
            ps.setString(2, commit);
            List<String> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3) + " " + rs.getString(4));
                }
            }
            return out;
        }
    }

    private long plansRecorded(String commit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from events where type like 'pavu.plan.proposed%' and payload->'source'->>'commit' = ?")) {
            ps.setString(1, commit);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String team() {
        return "graph-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
