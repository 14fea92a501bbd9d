package dev.pavu.verifier;

import dev.pavu.contracts.DiffProposed;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventCodec;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.VerifySpec;
import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /replays}: a recorded candidate of {@code toolchains/maven-lint} verified again in the sandbox gives the
 * verdict a worker gives it (a harmless change passes, a change that breaks the test fails naming it), under a new
 * id; a body that is not a candidate event is refused with 400. (Module tests run with authentication off, acting as
 * the service credential; that other callers get 403 is checked end to end, {@code ReplayIT}.) Same profile and test
 * resources as {@link ToolchainsTest}, so Quarkus is not restarted.
 */
@QuarkusTest
@TestProfile(ToolchainsTest.Profile.class)
@WithTestResource(PavuStackResource.class)
@WithTestResource(FakePlanner.class)
class ReplayEndpointTest {

    @Test
    void aRecordedCandidateIsVerifiedAgainUnderANewId() {
        ToolchainsTest.Project p = ToolchainsTest.Project.publish("maven-lint");
        String harmless = p.change("src/main/java/demo/Legacy.java", "package demo;\n", "package demo;\n\n// replayed\n");
        DiffProposed candidate = candidate(p, harmless);
        JsonPath pass = replay(EventCodec.write(candidate), 200);
        assertEquals("PASS", pass.getString("verdict"), pass.prettify());
        assertEquals(candidate.candidateId().toString(), pass.getString("candidateId"));
        assertNotEquals(candidate.candidateId().toString(), pass.getString("replayId"));
        assertTrue(pass.getInt("testsRun") > 0, pass.prettify());
        assertEquals(List.of(), pass.getList("failingTests"));
        assertTrue(pass.getList("gates", String.class).contains("tests:PASS"), pass.prettify());
        assertTrue(pass.getString("log").contains("verdict PASS"), pass.getString("log"));
        assertFalse(Files.exists(FakePlanner.home().resolve("verifier/logs/" + pass.getString("replayId") + ".log")),
                "the answer carries the log; no file is left behind");

        String breaking = p.change("src/main/java/demo/Greeter.java", "return \"Hello, \" + name;", "return \"Bye, \" + name;");
        JsonPath fail = replay(EventCodec.write(candidate(p, breaking)), 200);
        assertEquals("FAIL", fail.getString("verdict"), fail.prettify());
        assertEquals(1, fail.getList("failingTests").size(), fail.prettify());
        assertTrue(fail.getString("failingTests[0]").startsWith("demo.GreeterTest#"), fail.prettify());
    }

    @Test
    void aBodyThatIsNotACandidateIsRefused() {
        given().contentType(ContentType.JSON).body("{\"hello\": 1}").when().post("/replays")
                .then().statusCode(400).body("detail", containsString("pavu.diff.proposed.v1"));
        given().contentType(ContentType.JSON).body("").when().post("/replays")
                .then().statusCode(400).body("detail", containsString("it was empty"));
    }

    private static JsonPath replay(String body, int status) {
        return given().contentType(ContentType.JSON).body(body).when().post("/replays")
                .then().statusCode(status).extract().jsonPath();
    }

    private static DiffProposed candidate(ToolchainsTest.Project p, String diff) {
        Envelope env = Envelope.of(EventTypes.DIFF_PROPOSED, UUID.randomUUID(), 1, UUID.randomUUID(), "actuator-service");
        return new DiffProposed(env, UUID.randomUUID(), UUID.randomUUID(),
                new SourceRef("bundle", null, null, p.source().commit(), p.source().bundleSha()), diff, "template", "test",
                "test", 1.0, 0, new VerifySpec(null, 120_000, List.of(), false, null));
    }
}
