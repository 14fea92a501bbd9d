package dev.pavu.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.pavu.gateway.ScriptedBackendsResource;
import dev.pavu.gateway.StreamCollector;
import dev.pavu.gateway.repository.ModelCall;
import dev.pavu.gateway.repository.ModelCallRepository;
import dev.pavu.gateway.service.CallRecorder;
import dev.pavu.gateway.service.ResponseCache;
import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway against scripted backends of both wire formats, through langchain4j, with the real database.
 */
@QuarkusTest
@WithTestResource(PavuStackResource.class)
@WithTestResource(ScriptedBackendsResource.class)
class GatewayTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/v1")
    URL v1;

    @Inject
    ModelCallRepository calls;

    @Inject
    CallRecorder recorder;

    @Inject
    ResponseCache cache;

    static String body(String alias, String message, String extra) {
        return "{\"model\":\"" + alias + "\"," + (extra == null ? "" : extra + ",")
                + "\"messages\":[{\"role\":\"system\",\"content\":\"You fix bugs.\"},{\"role\":\"user\",\"content\":"
                + JSON.valueToTree(message) + "}]}";
    }

    static Response post(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/v1/chat/completions");
    }

    @Test
    void listsAliasesWithTheirBackends() {
        given().when().get("/v1/models").then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data.id", equalTo(List.of("coder", "local", "fallback", "breaker", "down", "narrow", "tiny")))
                .body("data[0].object", equalTo("model"))
                .body("data[0].owned_by", equalTo("pavu"))
                .body("data[0].description", equalTo("the main coding model"))
                .body("data[0].backends[0].type", equalTo("openai"))
                .body("data[0].backends[0].base_url", equalTo(ScriptedBackendsResource.a.openAiUrl()))
                .body("data[0].backends[0].model", equalTo("coder-model"))
                .body("data[0].backends[0].context_window", equalTo(4096))
                .body("data[0].backends[0].max_output_tokens", equalTo(512))
                .body("data[0].backends[0].cost_per_1k_out", equalTo(1.0f))
                .body("data[0].backends[0].capability", equalTo(0.7f))
                .body("data[2].backends.model", equalTo(List.of("flaky", "qwen-fb")))
                .body("message", equalTo(null));
    }

    @Test
    void completesThroughAnOpenAiBackend() {
        String msg = "count to three " + UUID.randomUUID();
        post(body("coder", msg, null)).then().statusCode(200)
                .body("object", equalTo("chat.completion"))
                .body("id", startsWith("chatcmpl-"))
                .body("model", equalTo("coder"))
                .body("choices[0].message.role", equalTo("assistant"))
                .body("choices[0].message.content", equalTo("one two three"))
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("usage.completion_tokens", equalTo(4))
                .body("usage.prompt_tokens", greaterThan(0))
                .body("pavu.backend", equalTo("openai:" + ScriptedBackendsResource.a.openAiUrl() + "#coder-model"))
                .body("pavu.cached", equalTo(false));
        var received = ScriptedBackendsResource.a.requests().stream().filter(r -> r.lastUserMessage().equals(msg)).toList();
        assertEquals(1, received.size());
        assertEquals("coder-model", received.getFirst().model());
        assertEquals("You fix bugs.", received.getFirst().body().path("messages").get(0).path("content").asText());
        assertEquals(512, received.getFirst().body().path("max_tokens").asInt(
                received.getFirst().body().path("max_completion_tokens").asInt()), "backend's max output tokens sent");
    }

    @Test
    void streamsInTheOpenAiWireFormat() throws Exception {
        String msg = "count to three " + UUID.randomUUID();
        Response r = post(body("coder", msg, "\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
        r.then().statusCode(200).contentType(startsWith("text/event-stream"));
        String sse = r.asString();
        String[] events = sse.split("\n\n");
        StringBuilder text = new StringBuilder();
        List<JsonNode> chunks = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            assertTrue(events[i].startsWith("data: "), "every event is a data line: " + events[i]);
            if (i == events.length - 1) {
                assertEquals("data: [DONE]", events[i]);
                continue;
            }
            JsonNode chunk = JSON.readTree(events[i].substring("data: ".length()));
            assertEquals("chat.completion.chunk", chunk.path("object").asText());
            assertEquals("coder", chunk.path("model").asText());
            chunks.add(chunk);
            text.append(chunk.path("choices").path(0).path("delta").path("content").asText(""));
        }
        assertTrue(sse.endsWith("data: [DONE]\n\n"));
        assertEquals("one two three", text.toString());
        assertEquals("assistant", chunks.getFirst().path("choices").path(0).path("delta").path("role").asText());
        assertTrue(chunks.getFirst().path("choices").path(0).has("finish_reason"), "finish_reason: null is written");
        assertTrue(chunks.getFirst().path("choices").path(0).path("finish_reason").isNull());
        JsonNode last = chunks.get(chunks.size() - 2);
        assertEquals("stop", last.path("choices").path(0).path("finish_reason").asText());
        JsonNode usage = chunks.getLast();
        assertEquals(0, usage.path("choices").size());
        assertEquals(4, usage.path("usage").path("completion_tokens").asInt());
        assertTrue(chunks.stream().allMatch(c -> c.path("id").asText().equals(chunks.getFirst().path("id").asText())));
        assertTrue(chunks.size() >= 5, "one chunk per fragment: " + chunks.size());
    }

    @Test
    void langchain4jOpenAiClientsTalkToTheGateway() throws Exception {
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(v1.toString()).apiKey("none").modelName("coder")
                .timeout(Duration.ofSeconds(10)).maxRetries(0).build();
        ChatResponse r = model.chat(ChatRequest.builder().messages(UserMessage.from("count to three please")).build());
        assertEquals("one two three", r.aiMessage().text());
        assertEquals(4, r.tokenUsage().outputTokenCount());

        OpenAiStreamingChatModel streaming = OpenAiStreamingChatModel.builder().baseUrl(v1.toString()).apiKey("none")
                .modelName("local").timeout(Duration.ofSeconds(10)).build();
        var collected = StreamCollector.collect(streaming, "stream me " + UUID.randomUUID());
        assertEquals("B says hi", String.join("", collected.parts()));
        assertEquals("B says hi", collected.response().aiMessage().text());
    }

    @Test
    void ollamaBackendPullsAMissingModelThenAnswersAndStreams() {
        String msg = "hello ollama " + UUID.randomUUID();
        post(body("local", msg, null)).then().statusCode(200)
                .body("choices[0].message.content", equalTo("B says hi"))
                .body("pavu.model", equalTo("qwen-local"));
        assertTrue(ScriptedBackendsResource.b.pulls().contains("qwen-local"), "pulled: " + ScriptedBackendsResource.b.pulls());
        var received = ScriptedBackendsResource.b.requests().stream().filter(r -> r.lastUserMessage().equals(msg)).toList();
        assertEquals("ollama", received.getFirst().api());
        assertEquals(256, received.getFirst().body().path("options").path("num_predict").asInt());
        assertEquals(4096, received.getFirst().body().path("options").path("num_ctx").asInt());

        String sse = post(body("local", "stream " + msg, "\"stream\":true")).then().statusCode(200).extract().asString();
        assertTrue(sse.contains("\"delta\":{\"content\":\"B \"}"), sse);
        assertTrue(sse.contains("\"delta\":{\"content\":\"says \"}"), sse);
        assertTrue(sse.endsWith("data: [DONE]\n\n"), sse);
        assertEquals(1, ScriptedBackendsResource.b.pulls().stream().filter("qwen-local"::equals).count(), "pulled once");
    }

    @Test
    void fallsBackWhenTheFirstBackendFails() {
        String msg = "fallback " + UUID.randomUUID();
        post(body("fallback", msg, null)).then().statusCode(200)
                .body("choices[0].message.content", equalTo("B says hi"))
                .body("pavu.model", equalTo("qwen-fb"))
                .body("pavu.attempts[0]", startsWith("openai " + ScriptedBackendsResource.c.openAiUrl() + " model flaky: "));
        String sse = post(body("fallback", "stream " + msg, "\"stream\":true")).then().statusCode(200).extract().asString();
        assertTrue(sse.contains("\"model\":\"qwen-fb\""), "first chunk names the backend that answered: " + sse);
        assertTrue(sse.endsWith("data: [DONE]\n\n"));
    }

    @Test
    void aTransientFailureIsRetriedOnTheSameBackend() {
        String msg = "retry once " + UUID.randomUUID();
        post(body("coder", msg, null)).then().statusCode(200)
                .body("choices[0].message.content", equalTo("A says hi"))
                .body("pavu.backend", containsString("#coder-model"))
                .body("pavu.attempts", equalTo(null));
        assertEquals(2, ScriptedBackendsResource.a.requestCount(msg), "first attempt failed with 500, the retry answered");
    }

    @Test
    void aSaturatedBackendHandsOverToTheNextOne() throws Exception {
        String msg = "hold the line " + UUID.randomUUID();
        var executor = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = executor.submit(() -> post(body("narrow", msg + " 1", null)));
            Thread.sleep(300); // the first call holds narrow-model's only slot for 2.5 s
            Response second = post(body("narrow", msg + " 2", null));
            second.then().statusCode(200)
                    .body("choices[0].message.content", equalTo("B says hi"))
                    .body("pavu.attempts[0]", containsString("saturated: 1 calls in flight"));
            first.get().then().statusCode(200).body("choices[0].message.content", equalTo("held"));
        } finally {
            executor.shutdown();
        }
    }

    @Test
    void streamedChunksReachTheClientAsTheyAreProduced() throws Exception {
        // One streamed answer first, so that the timed one does not also pay the stream path's first use (class
        // loading, serializer set-up): on a loaded CI machine that once held the first chunk back until the
        // backend had sent them all, and the four arrived together.
        String warm = post(body("coder", "count to three " + UUID.randomUUID(), "\"stream\":true"))
                .then().statusCode(200).extract().asString();
        assertTrue(warm.contains("[DONE]"), warm);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(v1 + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body("coder", "trickle " + UUID.randomUUID(), "\"stream\":true")))
                .build();
        long start = System.nanoTime();
        List<Long> contentAt = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        response.body().forEach(line -> {
            if (line.startsWith("data: {")) {
                try {
                    String content = JSON.readTree(line.substring(6)).path("choices").path(0).path("delta").path("content").asText("");
                    if (!content.isEmpty()) {
                        contentAt.add((System.nanoTime() - start) / 1_000_000);
                        text.append(content);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        assertEquals("one two three four", text.toString());
        assertEquals(4, contentAt.size());
        assertTrue(contentAt.getLast() - contentAt.getFirst() >= 900,
                "chunks 400 ms apart at the backend arrive apart at the client (not buffered): " + contentAt);
    }

    @Test
    void aStreamThatBreaksMidwayEndsWithAnErrorEventAndIsRecorded() {
        String msg = "break stream " + UUID.randomUUID();
        String sse = post(body("coder", msg, "\"stream\":true")).then().statusCode(200).extract().asString();
        assertTrue(sse.contains("\"delta\":{\"content\":\"alpha \"}"), sse);
        assertTrue(sse.contains("\"delta\":{\"content\":\"beta \"}"), sse);
        assertFalse(sse.contains("gamma"), sse);
        assertTrue(sse.contains("\"type\":\"server_error\",\"code\":\"stream_broken\""), sse);
        assertFalse(sse.contains("[DONE]"), "a broken stream is not closed as complete: " + sse);
        assertTrue(recorder.flush(10_000));
        List<ModelCall> rows = QuarkusTransaction.requiringNew().call(() ->
                calls.find("requestJson like ?1", "%" + msg + "%").list());
        assertEquals(1, rows.size());
        assertEquals("stream_broken", rows.getFirst().outcome);
        assertEquals("alpha beta ", rows.getFirst().responseText);
        assertTrue(rows.getFirst().error.contains("broke the stream"), rows.getFirst().error);
    }

    @Test
    void aClientLeavingMidStreamFreesTheSlotAndTheCallIsStillRecorded() throws Exception {
        String msg = "trickle gone " + UUID.randomUUID();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(v1 + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body("narrow", msg, "\"stream\":true"))).build();
        var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        try (var in = response.body()) {
            assertTrue(new String(in.readNBytes(6)).startsWith("data: "));
        } // the client hangs up while the backend is still streaming
        long deadline = System.currentTimeMillis() + 10_000;
        List<ModelCall> rows = List.of();
        while (rows.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            recorder.flush(1_000);
            rows = QuarkusTransaction.requiringNew().call(() -> calls.find("requestJson like ?1", "%" + msg + "%").list());
        }
        assertEquals(1, rows.size(), "the call is recorded once the backend has finished");
        assertEquals("ok", rows.getFirst().outcome);
        assertEquals("one two three four", rows.getFirst().responseText);
        post(body("narrow", "after the hang-up " + UUID.randomUUID(), null)).then().statusCode(200)
                .body("pavu.model", equalTo("narrow-model")); // its only slot was released
    }

    @Test
    void circuitOpensAfterRepeatedFailuresAndTheBackendIsNoLongerCalled() {
        for (int i = 0; i < 2; i++) {
            post(body("breaker", "breaker " + i + " " + UUID.randomUUID(), null)).then().statusCode(200)
                    .body("choices[0].message.content", equalTo("A says hi"))
                    .body("pavu.attempts[0]", containsString("HTTP 503"));
        }
        long calledBefore = ScriptedBackendsResource.d.requests().size();
        assertTrue(calledBefore >= 4, "first backend tried with a retry per call: " + calledBefore);
        given().when().get("/v1/models").then().statusCode(200)
                .body("data.find { it.id == 'breaker' }.backends[0].circuit", equalTo("OPEN"))
                .body("data.find { it.id == 'breaker' }.backends[1].circuit", equalTo("CLOSED"));
        post(body("breaker", "breaker open " + UUID.randomUUID(), null)).then().statusCode(200)
                .body("choices[0].message.content", equalTo("A says hi"))
                .body("pavu.attempts[0]", containsString("circuit open"));
        assertEquals(calledBefore, ScriptedBackendsResource.d.requests().size(), "open circuit: backend D not called");
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'model-gateway models' }.data.open-circuits", greaterThan(0));
    }

    @Test
    void deterministicRequestsAreAnsweredFromTheCache() {
        String msg = "cache me " + UUID.randomUUID();
        String first = post(body("coder", msg, "\"temperature\":0")).then().statusCode(200)
                .body("pavu.cached", equalTo(false)).extract().path("choices[0].message.content");
        String hash = post(body("coder", msg, "\"temperature\":0")).then().statusCode(200)
                .body("pavu.cached", equalTo(true))
                .body("choices[0].message.content", equalTo(first))
                .extract().path("pavu.request_hash");
        String sse = post(body("coder", msg, "\"temperature\":0,\"stream\":true")).then().statusCode(200).extract().asString();
        assertTrue(sse.contains("\"cached\":true"), sse);
        assertTrue(sse.contains("\"delta\":{\"content\":\"A says hi\"}"), sse);
        assertEquals(1, ScriptedBackendsResource.a.requestCount(msg), "only the first call reached the backend");

        // the cache survives a restart: recorded calls answer when memory has forgotten
        recorder.flush(5_000);
        cache.clear();
        post(body("coder", msg, "\"temperature\":0")).then().statusCode(200)
                .body("pavu.cached", equalTo(true)).body("pavu.request_hash", equalTo(hash));
        assertEquals(1, ScriptedBackendsResource.a.requestCount(msg));

        String seeded = "seeded " + UUID.randomUUID();
        post(body("coder", seeded, "\"seed\":42,\"temperature\":0.9")).then().statusCode(200).body("pavu.cached", equalTo(false));
        post(body("coder", seeded, "\"seed\":42,\"temperature\":0.9")).then().statusCode(200).body("pavu.cached", equalTo(true));

        String random = "not cached " + UUID.randomUUID();
        post(body("coder", random, "\"temperature\":0.7")).then().statusCode(200).body("pavu.cached", equalTo(false));
        post(body("coder", random, "\"temperature\":0.7")).then().statusCode(200).body("pavu.cached", equalTo(false));
        assertEquals(2, ScriptedBackendsResource.a.requestCount(random));
    }

    @Test
    void aTenantOverItsBudgetGets429() {
        String tenant = ScriptedBackendsResource.SMALL_TENANT;
        int ok = 0;
        Response refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            Response r = given().contentType(ContentType.JSON).header("X-Pavu-Team", tenant)
                    .body(body("coder", "budget " + i + " " + UUID.randomUUID(), null)).when().post("/v1/chat/completions");
            if (r.statusCode() == 200) {
                ok++;
            } else {
                refused = r;
            }
        }
        assertTrue(ok >= 1, "calls within the budget are served");
        assertTrue(refused != null, "the budget runs out");
        refused.then().statusCode(429).contentType(ContentType.JSON)
                .body("error.type", equalTo("insufficient_quota"))
                .body("error.code", equalTo("budget_exceeded"))
                .body("error.message", containsString("token budget of tenant '" + tenant + "' is spent"))
                .body("error.message", containsString("of 60 tokens"));
        // another tenant is not affected
        given().contentType(ContentType.JSON).header("X-Pavu-Team", "someone-else")
                .body(body("coder", "other tenant " + UUID.randomUUID(), null)).when().post("/v1/chat/completions")
                .then().statusCode(200);
    }

    @Test
    void usageShowsTheCallersTeamsTokensAgainstItsBudget() {
        given().header("X-Pavu-Team", ScriptedBackendsResource.SMALL_TENANT).when().get("/v1/usage").then().statusCode(200)
                .body("team", equalTo(ScriptedBackendsResource.SMALL_TENANT)).body("limitTokens", equalTo(60));
        String tenant = "usage-" + UUID.randomUUID();
        given().header("X-Pavu-Team", tenant).when().get("/v1/usage").then().statusCode(200)
                .body("team", equalTo(tenant)).body("usedTokens", equalTo(0));
        given().contentType(ContentType.JSON).header("X-Pavu-Team", tenant)
                .body(body("coder", "usage " + UUID.randomUUID(), null)).when().post("/v1/chat/completions").then().statusCode(200);
        Response u = given().header("X-Pavu-Team", tenant).when().get("/v1/usage");
        u.then().statusCode(200).body("team", equalTo(tenant));
        assertTrue(u.jsonPath().getLong("usedTokens") > 0, "the call is charged to the team: " + u.asString());
        assertTrue(java.time.Instant.parse(u.jsonPath().getString("periodEnd"))
                .isAfter(java.time.Instant.parse(u.jsonPath().getString("periodStart"))), u.asString());
        given().header("X-Pavu-Team", "someone-else-" + UUID.randomUUID()).when().get("/v1/usage").then().statusCode(200)
                .body("usedTokens", equalTo(0));
    }

    @Test
    void aPromptOverTheContextWindowIsRefusedBeforeSending() {
        String msg = "too long " + "x".repeat(400) + " " + UUID.randomUUID();
        post(body("tiny", msg, null)).then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("context_length_exceeded"))
                .body("error.message", containsString("does not fit the context window of any backend of alias 'tiny'"))
                .body("error.message", containsString("tiny-model (64)"));
        post(body("tiny", msg, "\"stream\":true")).then().statusCode(400).body("error.code", equalTo("context_length_exceeded"));
        assertEquals(0, ScriptedBackendsResource.a.requestCount(msg), "nothing was sent");
        // a prompt of about 52 tokens fits the 64-token window, but not with 16 more tokens of answer asked for
        String fits = "y".repeat(148);
        post(body("tiny", fits, "\"max_tokens\":16")).then().statusCode(400)
                .body("error.message", equalTo("prompt of about 52 tokens + max_tokens 16 does not fit the context window "
                        + "of any backend of alias 'tiny': tiny-model (64); shorten the prompt or use an alias with a larger window"));
        post(body("tiny", fits, null)).then().statusCode(200).body("choices[0].message.content", equalTo("A says hi"));
        var sent = ScriptedBackendsResource.a.requests().stream().filter(r -> r.lastUserMessage().equals(fits)).toList();
        assertEquals(1, sent.size());
        assertEquals(12, sent.getFirst().body().path("max_tokens").asInt(sent.getFirst().body().path("max_completion_tokens").asInt()),
                "answer limited to what is left of the window");
    }

    @Test
    void unknownAliasListsTheKnownOnes() {
        post(body("gpt-7", "hi", null)).then().statusCode(404).contentType(ContentType.JSON)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("model_not_found"))
                .body("error.message", equalTo("unknown model alias 'gpt-7'; known aliases: coder, local, fallback, breaker, down, narrow, tiny"));
    }

    @Test
    void everyBackendDownIs503NamingEachBackendAndWhy() {
        for (String extra : new String[] {null, "\"stream\":true"}) {
            post(body("down", "anyone there " + UUID.randomUUID(), extra)).then().statusCode(503)
                    .body("error.type", equalTo("server_error"))
                    .body("error.code", equalTo("backends_unavailable"))
                    .body("error.message", startsWith("every backend of alias 'down' failed: openai "
                            + ScriptedBackendsResource.c.openAiUrl() + " model flaky: "))
                    .body("error.message", containsString("ollama http://127.0.0.1:1 model nowhere: connection refused"));
        }
    }

    @Test
    void malformedRequestsAre400InOpenAiShape() {
        post("{\"model\":\"coder\",\"messages\":[]}").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", equalTo("'messages' missing or empty"));
        post("{not json").then().statusCode(400).body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void everyCallIsRecordedWithItsResponseForReplay() {
        String msg = "record me " + UUID.randomUUID();
        Response r = post(body("coder", msg, null));
        r.then().statusCode(200);
        String hash = r.path("pavu.request_hash");
        post(body("nope", msg, null)).then().statusCode(404);
        assertTrue(recorder.flush(10_000));
        List<ModelCall> rows = QuarkusTransaction.requiringNew().call(() -> calls.byHash(hash));
        assertEquals(1, rows.size());
        ModelCall row = rows.getFirst();
        assertEquals("coder", row.alias);
        assertEquals("default", row.tenant);
        assertEquals("ok", row.outcome);
        assertFalse(row.cached);
        assertFalse(row.stream);
        assertEquals("openai:" + ScriptedBackendsResource.a.openAiUrl() + "#coder-model", row.backend);
        assertEquals("coder-model", row.model);
        assertEquals("A says hi", row.responseText);
        assertEquals("stop", row.finishReason);
        assertEquals(3, row.tokensOut);
        assertTrue(row.tokensIn > 0);
        assertEquals(row.tokensIn / 1000.0 * 0.5 + 3 / 1000.0, row.cost, 1e-9);
        assertTrue(row.latencyMs >= 0);
        assertTrue(row.requestJson.contains(msg), row.requestJson);
        assertNull(row.error);

        List<ModelCall> unknown = QuarkusTransaction.requiringNew().call(() ->
                calls.find("alias = ?1 and outcome = 'unknown_alias' order by id desc", "nope").list());
        assertFalse(unknown.isEmpty());
        assertTrue(unknown.getFirst().error.contains("unknown model alias 'nope'"));
    }

    @Test
    void metricsAreExposedForPrometheus() {
        post(body("coder", "metrics " + UUID.randomUUID(), null)).then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("pavu_gateway_calls_total{"), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("pavu_gateway_calls_total{") && l.contains("alias=\"coder\"")
                && l.contains("outcome=\"ok\"")), "calls by alias and outcome");
        assertTrue(metrics.contains("pavu_gateway_latency_seconds"), "latency timer");
        assertTrue(metrics.contains("pavu_gateway_tokens_total{"), "tokens");
        assertTrue(metrics.contains("pavu_gateway_backend_circuit_open{"), "circuit gauges");
    }

    @Test
    void openApiDocumentsTheApi() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", hasItems("/v1/chat/completions", "/v1/models"));
    }
}
