package dev.pavu.gateway;

import dev.pavu.gateway.scripted.Script;
import dev.pavu.gateway.scripted.ScriptRule;
import dev.pavu.gateway.scripted.ScriptedBackend;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts four scripted backends on free loopback ports and writes a models file pointing at them:
 * <ul>
 *   <li>A: OpenAI wire format, any model, answers "A says hi" (and "one two three" to "count to three");</li>
 *   <li>B: Ollama wire format, has {@code qwen-fb} only (so {@code qwen-local} must be pulled), answers "B says hi";</li>
 *   <li>C: OpenAI wire format, always HTTP 500;</li>
 *   <li>D: Ollama wire format, always HTTP 503.</li>
 * </ul>
 * Aliases: {@code coder} (A), {@code local} (B, pull), {@code fallback} (C then B), {@code breaker} (D then A),
 * {@code down} (C then a closed port), {@code narrow} (A with one concurrency slot, then B), {@code tiny} (A with a
 * 64-token window).
 */
public class ScriptedBackendsResource implements QuarkusTestResourceLifecycleManager {

    /** A tenant with a budget of 60 tokens, fresh for every run (budgets count what the database recorded). */
    public static final String SMALL_TENANT = "small-" + java.util.UUID.randomUUID();

    /** OpenAI-format backend that works. */
    public static ScriptedBackend a;
    /** Ollama-format backend that works, lacking qwen-local. */
    public static ScriptedBackend b;
    /** OpenAI-format backend that always fails with 500. */
    public static ScriptedBackend c;
    /** Ollama-format backend that always fails with 503. */
    public static ScriptedBackend d;

    @Override
    public Map<String, String> start() {
        try {
            a = ScriptedBackend.start(new Script(List.of(), List.of(
                    ScriptRule.answer("count to three", "one two three"),
                    ScriptRule.fail("retry once", 500).times(1),
                    ScriptRule.answer("hold the line", "held").withDelay(2_500),
                    ScriptRule.answer("trickle", "one two three four").withChunkDelay(400),
                    ScriptRule.answer("break stream", "alpha beta gamma delta").breakingAfter(2)),
                    "A says hi"));
            b = ScriptedBackend.start(new Script(List.of("qwen-fb"), List.of(), "B says hi"));
            c = ScriptedBackend.start(Script.of(List.of(), ScriptRule.fail(null, 500)));
            d = ScriptedBackend.start(Script.of(List.of(), ScriptRule.fail(null, 503)));
            String yaml = """
                    aliases:
                      coder:
                        description: the main coding model
                        backends:
                          - {type: openai, base-url: "%1$s", model: coder-model, context-window: 4096, max-output-tokens: 512,
                             cost-per-1k-in: 0.5, cost-per-1k-out: 1.0, max-concurrency: 64, capability: 0.7}
                      local:
                        backends:
                          - {type: ollama, base-url: "%2$s", model: qwen-local, pull: true, context-window: 4096, max-output-tokens: 256}
                      fallback:
                        backends:
                          - {type: openai, base-url: "%3$s", model: flaky, context-window: 4096, max-output-tokens: 256}
                          - {type: ollama, base-url: "%2$s", model: qwen-fb, context-window: 4096, max-output-tokens: 256}
                      breaker:
                        backends:
                          - {type: ollama, base-url: "%4$s", model: broken, context-window: 4096, max-output-tokens: 256}
                          - {type: openai, base-url: "%1$s", model: coder-model, context-window: 4096, max-output-tokens: 512,
                             cost-per-1k-in: 0.5, cost-per-1k-out: 1.0, max-concurrency: 64, capability: 0.7}
                      down:
                        backends:
                          - {type: openai, base-url: "%3$s", model: flaky, context-window: 4096, max-output-tokens: 256}
                          - {type: ollama, base-url: "http://127.0.0.1:1", model: nowhere, context-window: 4096, max-output-tokens: 256}
                      narrow:
                        backends:
                          - {type: openai, base-url: "%1$s", model: narrow-model, context-window: 4096, max-output-tokens: 256, max-concurrency: 1}
                          - {type: ollama, base-url: "%2$s", model: qwen-fb, context-window: 4096, max-output-tokens: 256}
                      tiny:
                        backends:
                          - {type: openai, base-url: "%1$s", model: tiny-model, context-window: 64, max-output-tokens: 16}
                    """.formatted(a.openAiUrl(), b.url(), c.openAiUrl(), d.url());
            Path file = Files.createTempFile("pavu-models-", ".yaml");
            Files.writeString(file, yaml);
            file.toFile().deleteOnExit();
            return Map.ofEntries(
                    Map.entry("pavu.gateway.models-file", file.toString()),
                    Map.entry("pavu.gateway.backend-timeout", "5s"),
                    Map.entry("pavu.gateway.queue-wait", "500ms"),
                    Map.entry("pavu.gateway.retry.max-retries", "1"),
                    Map.entry("pavu.gateway.retry.delay", "10ms"),
                    Map.entry("pavu.gateway.retry.max-delay", "20ms"),
                    Map.entry("pavu.gateway.circuit-breaker.request-volume-threshold", "4"),
                    Map.entry("pavu.gateway.circuit-breaker.failure-ratio", "0.5"),
                    Map.entry("pavu.gateway.circuit-breaker.delay", "60s"),
                    Map.entry("pavu.gateway.budget.tenants.\"" + SMALL_TENANT + "\"", "60"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        for (ScriptedBackend s : new ScriptedBackend[] {a, b, c, d}) {
            if (s != null) {
                s.close();
            }
        }
    }
}
