package dev.pavu.gateway.scripted;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModels;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.pavu.gateway.StreamCollector;
import dev.langchain4j.model.output.FinishReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scripted backend speaks the real wire formats: langchain4j's own Ollama and OpenAI clients read it. */
class ScriptedBackendTest {

    static ScriptedBackend server;

    static final Script SCRIPT = Script.parse("""
            models: [qwen-test]
            default-response: "no rule"
            rules:
              - match: "(?i)fix the bug"
                response: "Change x > 0 to x >= 0 in Foo.java"
              - match: "slow"
                response: "finally"
                delay-ms: 300
              - match: "boom"
                status: 503
              - match: "hang up"
                drop: true
              - match: "flaky"
                status: 500
                times: 1
              - match: "flaky"
                response: "recovered"
            """);

    @BeforeAll
    static void start() throws Exception {
        server = ScriptedBackend.start(SCRIPT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.script(SCRIPT);
        server.reset();
    }

    private OllamaChatModel ollama(String model) {
        return OllamaChatModel.builder().baseUrl(server.url()).modelName(model).maxRetries(0)
                .timeout(Duration.ofSeconds(5)).build();
    }

    private OpenAiChatModel openAi(String model) {
        return OpenAiChatModel.builder().baseUrl(server.openAiUrl()).apiKey("none").modelName(model).maxRetries(0)
                .timeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void ollamaChatAnswersFromTheScriptWithUsage() {
        ChatResponse r = ollama("qwen-test").chat(ChatRequest.builder()
                .messages(UserMessage.from("please fix the bug in Foo")).build());
        assertEquals("Change x > 0 to x >= 0 in Foo.java", r.aiMessage().text());
        assertEquals(FinishReason.STOP, r.finishReason());
        assertTrue(r.tokenUsage().inputTokenCount() > 0);
        assertEquals(9, r.tokenUsage().outputTokenCount()); // 34 chars / 4, rounded up
        ScriptedBackend.Received got = server.requests().getFirst();
        assertEquals("ollama", got.api());
        assertEquals("qwen-test", got.model());
        assertEquals("please fix the bug in Foo", got.lastUserMessage());
        assertFalse(got.stream());
    }

    @Test
    void ollamaStreamsNdjsonChunksThatAddUpToTheAnswer() throws Exception {
        OllamaStreamingChatModel model = OllamaStreamingChatModel.builder().baseUrl(server.url()).modelName("qwen-test")
                .timeout(Duration.ofSeconds(5)).build();
        StreamCollector.Collected c = StreamCollector.collect(model, "fix the bug");
        assertEquals("Change x > 0 to x >= 0 in Foo.java", String.join("", c.parts()));
        assertTrue(c.parts().size() > 3, "streamed in several chunks: " + c.parts());
        assertEquals("Change x > 0 to x >= 0 in Foo.java", c.response().aiMessage().text());
        assertEquals(9, c.response().tokenUsage().outputTokenCount());
        assertTrue(server.requests().getFirst().stream());
    }

    @Test
    void openAiChatAndStreamAnswerFromTheScript() throws Exception {
        ChatResponse r = openAi("qwen-test").chat(ChatRequest.builder().messages(UserMessage.from("fix the bug")).build());
        assertEquals("Change x > 0 to x >= 0 in Foo.java", r.aiMessage().text());
        assertEquals(9, r.tokenUsage().outputTokenCount());

        OpenAiStreamingChatModel streaming = OpenAiStreamingChatModel.builder().baseUrl(server.openAiUrl()).apiKey("none")
                .modelName("qwen-test").timeout(Duration.ofSeconds(5)).build();
        StreamCollector.Collected c = StreamCollector.collect(streaming, "fix the bug");
        assertEquals("Change x > 0 to x >= 0 in Foo.java", String.join("", c.parts()));
        assertTrue(c.parts().size() > 3);
        assertEquals(FinishReason.STOP, c.response().finishReason());
        assertEquals(9, c.response().tokenUsage().outputTokenCount(), "usage chunk read (include_usage)");
    }

    @Test
    void unknownModelIs404UntilPulledAndTagsListPulledModels() throws Exception {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> ollama("llama-missing").chat(ChatRequest.builder().messages(UserMessage.from("hi")).build()));
        assertEquals(404, status(e));
        assertTrue(e.getMessage().contains("try pulling it first"), e.getMessage());

        HttpResponse<String> pull = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/api/pull"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"llama-missing\",\"stream\":false}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, pull.statusCode());
        assertEquals("{\"status\":\"success\"}", pull.body());
        assertEquals(List.of("llama-missing"), server.pulls());

        List<String> names = OllamaModels.builder().baseUrl(server.url()).build().availableModels().content().stream()
                .map(OllamaModel::getName).toList();
        assertEquals(List.of("qwen-test", "llama-missing"), names);
        assertEquals("no rule", ollama("llama-missing").chat(ChatRequest.builder().messages(UserMessage.from("hi")).build())
                .aiMessage().text());
    }

    @Test
    void failuresDelaysAndLimitedRules() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> openAi("qwen-test").chat(ChatRequest.builder().messages(UserMessage.from("boom")).build()));
        assertEquals(503, status(e));

        RuntimeException dropped = assertThrows(RuntimeException.class,
                () -> openAi("qwen-test").chat(ChatRequest.builder().messages(UserMessage.from("hang up")).build()));
        assertEquals(-1, status(dropped), "a dropped connection has no HTTP status: " + dropped);

        long t0 = System.nanoTime();
        assertEquals("finally", ollama("qwen-test").chat(ChatRequest.builder().messages(UserMessage.from("slow")).build())
                .aiMessage().text());
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(300), "delay-ms honoured");

        RuntimeException first = assertThrows(RuntimeException.class,
                () -> ollama("qwen-test").chat(ChatRequest.builder().messages(UserMessage.from("flaky")).build()));
        assertEquals(500, status(first));
        assertEquals("recovered", ollama("qwen-test").chat(ChatRequest.builder().messages(UserMessage.from("flaky")).build())
                .aiMessage().text());
        assertEquals(2, server.requestCount("flaky"));
    }

    @Test
    void openAiModelsEndpointListsTheScriptModels() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.openAiUrl() + "/models")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().startsWith("{\"object\":\"list\",\"data\":[{\"id\":\"qwen-test\",\"object\":\"model\""), r.body());
    }

    @Test
    void piecesKeepEveryCharacter() {
        assertEquals(List.of("a ", "b  ", "c\n", "d"), ScriptedBackend.pieces("a b  c\nd"));
        assertEquals(List.of(), ScriptedBackend.pieces(""));
    }

    /** HTTP status of the first HttpException in the cause chain, -1 when there is none. */
    static int status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return http.statusCode();
            }
        }
        return -1;
    }
}
