package dev.pavu.gateway.retention;

import dev.pavu.gateway.ScriptedBackendsResource;
import dev.pavu.gateway.repository.ModelCall;
import dev.pavu.gateway.repository.ModelCallRepository;
import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@code POST /v1/retention/drop-bodies} on the real database: a team's calls before the moment lose their request and
 * response text, later calls and other teams' keep theirs, token counts (and so the budget's use) do not change, a dry
 * run changes nothing, and asking again drops nothing more.
 */
@QuarkusTest
@WithTestResource(PavuStackResource.class)
@WithTestResource(ScriptedBackendsResource.class)
class CallBodiesRetentionTest {

    @Inject
    ModelCallRepository calls;

    private long call(String tenant, Instant at) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ModelCall c = new ModelCall();
            c.createdAt = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
            c.tenant = tenant;
            c.requestHash = "0".repeat(63) + "1";
            c.alias = "coder";
            c.outcome = "ok";
            c.tokensIn = 100;
            c.tokensOut = 20;
            c.requestJson = "{\"messages\":\"" + "p".repeat(500) + "\"}";
            c.responseText = "r".repeat(300);
            calls.persist(c);
            return c.id;
        });
    }

    private ModelCall load(long id) {
        return QuarkusTransaction.requiringNew().call(() -> calls.findById(id));
    }

    private long charged(String tenant) {
        return QuarkusTransaction.requiringNew().call(() -> calls.tokensCharged(tenant, OffsetDateTime.now().minusDays(3)));
    }

    private static Response drop(String team, Instant before, boolean dryRun) {
        return given().contentType(ContentType.JSON).body(Map.of("team", team, "before", before.toString(), "dryRun", dryRun))
                .when().post("/v1/retention/drop-bodies");
    }

    @Test
    void aTeamsOldCallsLoseTheirBodiesAndKeepTheirTokens() {
        String team = "retain-" + UUID.randomUUID().toString().substring(0, 8);
        String other = team + "-other";
        Instant now = Instant.now();
        long old1 = call(team, now.minus(Duration.ofHours(30)));
        long old2 = call(team, now.minus(Duration.ofHours(20)));
        long recent = call(team, now.minus(Duration.ofMinutes(5)));
        long othersOld = call(other, now.minus(Duration.ofHours(30)));
        long before = charged(team);
        assertEquals(360, before);

        Response dry = drop(team, now.minus(Duration.ofHours(1)), true);
        assertEquals(200, dry.statusCode(), dry.asString());
        assertEquals(2, dry.<Integer>path("calls"));
        assertEquals(2 * (515 + 300), dry.<Number>path("bytes").longValue(), dry.asString());
        assertNotNull(load(old1).responseText, "a dry run changes nothing");

        Response r = drop(team, now.minus(Duration.ofHours(1)), false);
        assertEquals(2, r.<Integer>path("calls"), r.asString());
        for (long id : new long[] {old1, old2}) {
            ModelCall c = load(id);
            assertNull(c.requestJson);
            assertNull(c.responseText);
            assertEquals(100, c.tokensIn, "token counts stay");
            assertEquals(20, c.tokensOut);
        }
        assertNotNull(load(recent).responseText, "a call after the moment keeps its body");
        assertNotNull(load(othersOld).requestJson, "another team's call keeps its body");
        assertEquals(before, charged(team), "the budget's use does not change");

        Response again = drop(team, now.minus(Duration.ofHours(1)), false);
        assertEquals(0, again.<Integer>path("calls"), "asking again drops nothing more: " + again.asString());
    }

    @Test
    void aMissingTeamOrMomentIsABadRequest() {
        given().contentType(ContentType.JSON).body(Map.of("team", "x")).when().post("/v1/retention/drop-bodies")
                .then().statusCode(400);
    }
}
