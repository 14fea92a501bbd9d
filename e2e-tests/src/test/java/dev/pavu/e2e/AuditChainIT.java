package dev.pavu.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pavu.testsupport.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit hash chain through the whole stack: the bundled example is repaired, its chain verifies "intact", a
 * verdict row edited in the database by the owning role (append-only trigger off) is named by the next
 * verification.
 */
@ExtendWith(LocalStackExtension.class)
class AuditChainIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PlannerClient planner = new PlannerClient();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRepairedJobVerifiesIntactAndARowEditedInTheDatabaseIsNamed() throws Exception {
        String id = planner.submitProject(Projects.named("invoicing"), Map.of("task", "make the failing tests pass",
                "budget", Map.of("maxIterations", 3, "maxCandidates", 150, "candidateTimeoutMs", 60_000,
                        "jobTimeoutMs", 900_000))).get("id").asText();
        JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(12));
        assertEquals("SUCCEEDED", done.get("outcome").asText(), done.toString());

        // the conclusion reaches the audit log shortly after the planner concluded
        JsonNode v = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            v = verify(id);
            if (planner.get("/jobs/" + id + "/events").toString().contains("pavu.job.concluded.v1")) {
                v = verify(id);
                break;
            }
            Thread.sleep(500);
        }
        assertTrue(v.get("intact").asBoolean(), v.toString());
        int events = v.get("events").asInt();
        assertTrue(events >= 5, v.toString());
        assertEquals("intact: " + events + " events", v.get("summary").asText());

        String db = System.getenv("PAVU_DB_URL") != null ? System.getenv("PAVU_DB_URL")
                : "jdbc:postgresql://localhost:" + System.getenv().getOrDefault("PAVU_PG_PORT", "55432") + "/pavu";
        String forged;
        // as the updater's role: it owns updater.events (and its trigger), no other role may write there
        LocalStack.DbLogin updater = LocalStack.dbLogin("updater");
        try (Connection c = DriverManager.getConnection(db, updater.user(), updater.password()); Statement s = c.createStatement()) {
            s.execute("alter table updater.events disable trigger events_no_update_or_delete");
            try (var rs = s.executeQuery("select event_id from updater.events where job_id = '" + id
                    + "' and type = 'pavu.verdict.issued.v1' order by job_seq limit 1")) {
                rs.next();
                forged = rs.getString(1);
            }
            s.executeUpdate("update updater.events set payload = jsonb_set(payload, '{verdict}', '\"PASS\"') "
                    + "where event_id = '" + forged + "'");
            s.execute("alter table updater.events enable trigger events_no_update_or_delete");
        }
        JsonNode after = verify(id);
        assertFalse(after.get("intact").asBoolean(), after.toString());
        assertEquals("CHANGED", after.get("problem").get("kind").asText(), after.toString());
        assertEquals(forged, after.get("problem").get("eventId").asText(), after.toString());
        assertTrue(after.get("summary").asText().startsWith("changed: event " + forged), after.toString());
    }

    private JsonNode verify(String jobId) throws Exception {
        String updater = System.getenv().getOrDefault("PAVU_UPDATER_URL",
                "http://localhost:" + System.getenv().getOrDefault("PAVU_UPDATER_PORT", "8084"));
        HttpResponse<String> r = http.send(LocalStackExtension.authorized(HttpRequest.newBuilder(
                URI.create(updater + "/audit/jobs/" + jobId + "/verify"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }
}
