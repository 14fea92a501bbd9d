package dev.pavu.gateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pavu.gateway.ScriptedBackendsResource;
import dev.pavu.gateway.openai.ChatCompletionRequest;
import dev.pavu.gateway.repository.ModelCall;
import dev.pavu.gateway.repository.ModelCallRepository;
import dev.pavu.gateway.service.CompletionCall;
import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Replay mode answers from recorded calls only: a job replays without any model. */
@QuarkusTest
@TestProfile(ReplayOnlyTest.ReplayOnly.class)
@WithTestResource(PavuStackResource.class)
@WithTestResource(ScriptedBackendsResource.class)
class ReplayOnlyTest {

    /** Turns replay mode on. */
    public static class ReplayOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pavu.gateway.replay-only", "true");
        }
    }

    @Inject
    ModelCallRepository calls;

    @Test
    void answersRecordedCallsAndRefusesOthersWithoutCallingABackend() throws Exception {
        String msg = "replay me " + UUID.randomUUID();
        String json = "{\"model\":\"coder\",\"temperature\":0.8,\"messages\":[{\"role\":\"user\",\"content\":\"" + msg + "\"}]}";
        CompletionCall call = CompletionCall.of(new ObjectMapper().readValue(json, ChatCompletionRequest.class), "any");
        ModelCall recorded = new ModelCall();
        recorded.createdAt = OffsetDateTime.now();
        recorded.tenant = "earlier-job";
        recorded.requestHash = call.requestHash();
        recorded.alias = "coder";
        recorded.backend = "openai:http://gpu-node:8000/v1#big-model";
        recorded.model = "big-model";
        recorded.outcome = "ok";
        recorded.tokensIn = 12;
        recorded.tokensOut = 5;
        recorded.requestJson = call.requestJson();
        recorded.responseText = "the recorded answer";
        recorded.finishReason = "stop";
        QuarkusTransaction.requiringNew().run(() -> calls.persist(recorded));

        given().contentType(ContentType.JSON).body(json).when().post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].message.content", equalTo("the recorded answer"))
                .body("usage.prompt_tokens", equalTo(12))
                .body("pavu.cached", equalTo(true))
                .body("pavu.model", equalTo("big-model"));
        String sse = given().contentType(ContentType.JSON).body(json.replace("{\"model\"", "{\"stream\":true,\"model\""))
                .when().post("/v1/chat/completions").then().statusCode(200).extract().asString();
        assertEquals(true, sse.contains("\"delta\":{\"content\":\"the recorded answer\"}") && sse.endsWith("data: [DONE]\n\n"), sse);

        given().contentType(ContentType.JSON).body(json.replace(msg, msg + " (never asked)"))
                .when().post("/v1/chat/completions").then().statusCode(404)
                .body("error.code", equalTo("not_recorded"))
                .body("error.message", containsString("replay mode (pavu.gateway.replay-only=true)"));
        assertEquals(0, ScriptedBackendsResource.a.requestCount("replay me"), "no backend was called");
    }
}
