package dev.pavu.actuator.rest;

import dev.pavu.actuator.FakePlannerResource;
import dev.pavu.actuator.TestTopicsResource;
import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
@QuarkusTestResource(FakePlannerResource.class)
@QuarkusTestResource(TestTopicsResource.class)
class PreviewResourceTest {

    @Test
    void previewsRankedCandidatesForOneLine() {
        given().contentType(ContentType.JSON)
                .body(Map.of("path", FakePlannerResource.FILE, "content", FakePlannerResource.BUGGY, "line", 10,
                        "maxCandidates", 5))
                .when().post("/candidates/preview")
                .then().statusCode(200)
                .body("candidates.size()", lessThanOrEqualTo(5))
                .body("candidates.size()", greaterThan(0))
                .body("candidates[0].pattern", equalTo("relational-operator-replacement"))
                .body("candidates[0].description", equalTo("Stats.java:10 replace < with <="))
                .body("candidates[0].diff", containsString("+        for (int i = 1; i <= n; i++) {"));
    }

    @Test
    void badRequestsGetAProblemBody() {
        given().contentType(ContentType.JSON).body(Map.of("content", "class A {}"))
                .when().post("/candidates/preview")
                .then().statusCode(400).body("detail", containsString("line"));
        given().contentType(ContentType.JSON).body(Map.of("content", "class A {}", "line", 7))
                .when().post("/candidates/preview")
                .then().statusCode(400).body("detail", containsString("outside the file"));
        given().contentType(ContentType.JSON).body(Map.of("content", "class A {}", "line", 1, "path", "../x.java"))
                .when().post("/candidates/preview")
                .then().statusCode(400).body("detail", containsString("path"));
    }

    @Test
    void openApiDocumentsThePreview() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths.keySet()", hasItem("/candidates/preview"));
    }
}
