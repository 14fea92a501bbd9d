package dev.pavu.planner.rest;

import dev.pavu.planner.it.FakeUpdater;
import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** Validation of the jobs API: every bad request gets a problem body that says what is wrong. */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
@QuarkusTestResource(FakeUpdater.class)
class JobResourceTest {

    @Test
    void emptyBodyIsRejected() {
        given().contentType(ContentType.JSON).body("")
                .when().post("/jobs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", equalTo("urn:pavu:problem:invalid-request"))
                .body("errors[0].field", equalTo("body"))
                .body("detail", containsString("request body is empty"));
    }

    @Test
    void malformedJsonSaysWhere() {
        given().contentType(ContentType.JSON).body("{\"source\": {\"gitUrl\": }")
                .when().post("/jobs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid JSON at line 1"));
    }

    @Test
    void missingSourceIsNamed() {
        given().contentType(ContentType.JSON).body("{\"task\": \"fix it\"}")
                .when().post("/jobs")
                .then().statusCode(400)
                .body("errors.field", hasItem("source"))
                .body("detail", containsString("source.gitUrl"));
    }

    @Test
    void everyProblemIsListedWithItsField() {
        String body = """
                {"source": {"gitUrl": "https://example.invalid/r.git", "branch": "main"},
                 "kind": "REFACTOR", "budget": {"maxIterations": 0, "maxCandidates": "many"},
                 "models": {"proposer": 7}, "colour": "blue"}
                """;
        given().contentType(ContentType.JSON).body(body)
                .when().post("/jobs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors", hasSize(6))
                .body("errors.field", hasItems("source.branch", "kind", "budget.maxIterations", "budget.maxCandidates",
                        "models.proposer", "colour"))
                .body("errors.find { it.field == 'kind' }.message", containsString("[REPAIR, FIX_LOG, IMPLEMENT]"))
                .body("errors.find { it.field == 'budget.maxIterations' }.message", equalTo("must be at least 1, was 0"))
                .body("detail", startsWith("6 problems in the job request"));
    }

    @Test
    void sshAndNonsenseUrlsAreRefused() {
        given().contentType(ContentType.JSON).body("{\"source\": {\"gitUrl\": \"git@github.com:acme/shop.git\"}}")
                .when().post("/jobs")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("source.gitUrl"))
                .body("errors[0].message", containsString("ssh URLs"));
        given().contentType(ContentType.JSON).body("{\"source\": {\"gitUrl\": \"not a url\"}}")
                .when().post("/jobs")
                .then().statusCode(400)
                .body("errors[0].message", containsString("https://"));
    }

    @Test
    void candidateTimeoutMayNotExceedJobTimeout() {
        given().contentType(ContentType.JSON)
                .body("{\"source\": {\"gitUrl\": \"https://example.invalid/r.git\"}, \"budget\": {\"candidateTimeoutMs\": 5000, \"jobTimeoutMs\": 1000}}")
                .when().post("/jobs")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("budget.candidateTimeoutMs"))
                .body("errors[0].message", containsString("must not exceed budget.jobTimeoutMs (1000)"));
    }

    @Test
    void multipartNeedsAGitBundle() {
        given().multiPart("job", "{\"task\": \"x\"}", "application/json")
                .when().post("/jobs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("bundle"));
        given().multiPart("bundle", "repo.bundle", "hello".getBytes(), "application/octet-stream")
                .when().post("/jobs")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("bundle"))
                .body("errors[0].message", containsString("neither a git bundle"));
        given().multiPart("bundle", "repo.bundle", "# v2 git bundle\n".getBytes(), "application/octet-stream")
                .multiPart("job", "{\"source\": {\"gitUrl\": \"https://example.invalid/r.git\"}}", "application/json")
                .when().post("/jobs")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("source.gitUrl"))
                .body("errors[0].message", containsString("must be absent"));
    }

    @Test
    void unsupportedContentTypeIsAProblemToo() {
        given().contentType(ContentType.TEXT).body("hello")
                .when().post("/jobs")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("detail", containsString("application/json"));
    }

    @Test
    void jobIdsAreCheckedAndUnknownJobsAre404() {
        given().when().get("/jobs/not-a-uuid")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
        UUID unknown = UUID.randomUUID();
        given().when().get("/jobs/" + unknown)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pavu:problem:not-found"))
                .body("detail", equalTo("no job " + unknown));
        given().when().get("/jobs/" + unknown + "/patch").then().statusCode(404).contentType("application/problem+json");
        given().when().get("/jobs/" + unknown + "/events").then().statusCode(404).contentType("application/problem+json");
        given().when().post("/jobs/" + unknown + "/cancel").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void listLimitIsChecked() {
        given().when().get("/jobs?limit=0").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().when().get("/jobs?limit=ten").then().statusCode(400).body("errors[0].message", containsString("whole number"));
        given().when().get("/jobs?limit=5").then().statusCode(200).contentType(ContentType.JSON);
    }

    @Test
    void sourceShaIsCheckedAndUnknownBundlesAre404() {
        given().when().get("/sources/abc")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("64 hex characters"));
        given().when().get("/sources/" + "0".repeat(64))
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("no stored bundle"));
    }

    @Test
    void openApiDocumentsTheJobsApi() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths.'/jobs'.post", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/sources/{sha}'.get", org.hamcrest.Matchers.notNullValue());
    }
}
