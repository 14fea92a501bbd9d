package dev.pavu.planner.it;

import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code GET /models} and {@code GET /models/usage} pass the gateway's catalogue and the caller's team's use on
 * (the gateway played by {@link FakeGateway}, which echoes the team it was asked about).
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
@QuarkusTestResource(FakeUpdater.class)
@QuarkusTestResource(FakeGateway.class)
class ModelsApiTest {

    @Test
    void theModelsAreTheGatewaysAndTheUsageIsTheCallersTeams() {
        given().when().get("/models").then().statusCode(200)
                .body("data[0].id", equalTo("coder")).body("data[1].id", equalTo("reasoner"));
        given().header("X-Pavu-Team", "team-blue").when().get("/models/usage").then().statusCode(200)
                .body("team", equalTo("team-blue")).body("usedTokens", equalTo(1234)).body("limitTokens", equalTo(100000));
    }
}
