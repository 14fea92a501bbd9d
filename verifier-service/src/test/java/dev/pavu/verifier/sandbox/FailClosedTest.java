package dev.pavu.verifier.sandbox;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.Verdict;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.testsupport.PavuStackResource;
import dev.pavu.verifier.FakePlanner;
import dev.pavu.verifier.service.CandidateVerifier;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The running verifier with a broken bubblewrap ({@code kind=bubblewrap}, {@code bwrap} pointing nowhere): it starts,
 * refuses candidates with an ERROR verdict saying why and what to set, touches no workspace, and reports
 * {@code /q/health/ready} DOWN with the reason.
 */
@QuarkusTest
@TestProfile(FailClosedTest.BrokenBubblewrap.class)
@WithTestResource(PavuStackResource.class)
@WithTestResource(FakePlanner.class)
class FailClosedTest {

    /** bubblewrap required, but its binary is missing. */
    public static class BrokenBubblewrap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pavu.verifier.sandbox.kind", "bubblewrap", "pavu.verifier.sandbox.bwrap", "/nonexistent/pavu/bwrap",
                    "pavu.verifier.fast-path.enabled", "true");
        }
    }

    @Inject
    CandidateVerifier verifier;

    @Test
    void candidatesAreRefusedAndReadinessIsDown() {
        Envelope env = Envelope.of(EventTypes.DIFF_PROPOSED, UUID.randomUUID(), 0, UUID.randomUUID(), "actuator-service");
        DiffProposed d = new DiffProposed(env, UUID.randomUUID(), UUID.randomUUID(),
                new SourceRef("bundle", null, null, "0".repeat(40), "1".repeat(64)), "", "baseline", "p", "p", 1.0, 0,
                new VerifySpec(null, 30_000, List.of(), false));

        CandidateVerifier.Result r = verifier.verify(d, RunWatch.NONE);

        assertEquals(Verdict.ERROR, r.outcome().verdict(), r.log());
        String reason = r.outcome().reason();
        assertTrue(reason.startsWith("not run: no working sandbox: pavu.verifier.sandbox.kind=bubblewrap but bubblewrap does not work here "
                + "(/nonexistent/pavu/bwrap not found"), reason);
        assertTrue(reason.contains("pavu.verifier.sandbox.allow-unsandboxed=true"), "says what to set: " + reason);
        assertTrue(r.outcome().gates().isEmpty(), "no gate ran");
        assertTrue(r.log().contains("sandbox: no working sandbox, candidates are refused"), r.log());
        assertFalse(r.log().contains("cold path") || r.log().contains("fast path"), r.log());
        assertFalse(Files.exists(FakePlanner.home().resolve("verifier/work/" + d.candidateId())), "nothing was checked out");

        Response health = RestAssured.given().get("/q/health/ready");
        assertEquals(503, health.statusCode(), health.asString());
        Map<String, Object> check = health.jsonPath().getMap("checks.find { it.name == 'sandbox' }");
        assertEquals("DOWN", check.get("status"), health.asString());
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) check.get("data");
        assertEquals(reason.substring("not run: no working sandbox: ".length()), data.get("refusal"));
        assertEquals(false, data.get("isolated"));
    }
}
