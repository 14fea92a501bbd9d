package dev.pavu.gateway.rest;

import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** With the bundled models file (no model), the gateway starts and says which setting is missing. */
@QuarkusTest
@TestProfile(NoModelConfiguredTest.BundledModels.class)
@WithTestResource(PavuStackResource.class)
class NoModelConfiguredTest {

    /** Points the gateway at the bundled, empty models file. */
    public static class BundledModels implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pavu.gateway.models-file", "classpath:pavu-models.yaml");
        }
    }

    @Test
    void modelsListIsEmptyAndSaysWhatToSet() {
        given().when().get("/v1/models").then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data", equalTo(List.of()))
                .body("message", containsString("no model configured: set pavu.gateway.models-file"));
    }

    @Test
    void completionsNameTheMissingSetting() {
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"coder\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .when().post("/v1/chat/completions").then().statusCode(503)
                .body("error.code", equalTo("no_model_configured"))
                .body("error.type", equalTo("server_error"))
                .body("error.message", containsString("no model configured: set pavu.gateway.models-file"));
    }

    @Test
    void healthIsUpAndSaysNoModel() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'model-gateway models' }.data.message",
                        equalTo("no model configured: set pavu.gateway.models-file"));
    }
}
