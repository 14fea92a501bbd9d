package dev.pavu.planner.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.contracts.TestFailure;
import dev.pavu.planner.client.GatewayClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.List;

/**
 * The LLM planner's exploration and reasoning step: the job's {@code planner} model reads the failing tests, the
 * suspicious methods and the cost model's estimate, summarises what the code does and where it goes wrong, and
 * proposes a strategy. Its text is kept in the plan's decision (and so reaches the proposer's prompt); the
 * choice itself stays with the cost model, whose numbers are auditable.
 */
@ApplicationScoped
public class Exploration {

    static final String SYSTEM = """
            You are the planner of an automated program-repair system. Read the failing tests and the suspicious \
            code. In at most 8 sentences: summarise what the relevant code does and where it goes wrong, then propose \
            the strategy — REPAIR (patch a few lines) or REGENERATE (rewrite the method) — and what the fix must do. \
            Do not write the patch.""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final GatewayClient gateway;
    private final StrategyConfig config;

    /**
     * @param gateway the model gateway
     * @param config  exploration settings
     */
    public Exploration(@RestClient GatewayClient gateway, StrategyConfig config) {
        this.gateway = gateway;
        this.config = config;
    }

    /**
     * The model's answer, or why there is none.
     *
     * @param text     the summary and strategy, trimmed to {@code keep-chars}; {@code null} on failure
     * @param problem  why it failed, or {@code null}
     * @param tokens   tokens the call used
     */
    public record Result(String text, String problem, int tokens) {
    }

    /**
     * @param alias    the planner alias
     * @param task     the job's task
     * @param failing  the failing tests
     * @param methods  the suspicious methods
     * @param estimate the cost model's estimate
     * @return the answer
     */
    public Result explore(String alias, TaskSpec task, List<TestFailure> failing, List<CodeContext.Method> methods,
                          CostModel.Estimate estimate) {
        ObjectNode req = JSON.createObjectNode();
        req.put("model", alias).put("temperature", 0.0).put("max_tokens", config.exploration().maxTokens());
        ArrayNode messages = req.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM);
        messages.addObject().put("role", "user").put("content", prompt(task, failing, methods, estimate,
                config.exploration().maxMethodLines()));
        try {
            JsonNode r = gateway.complete(req, task.team());
            String text = r.path("choices").path(0).path("message").path("content").asText("").strip();
            int tokens = r.path("usage").path("total_tokens").asInt(0);
            if (text.isEmpty()) {
                return new Result(null, "the planner model " + alias + " gave an empty answer", tokens);
            }
            int keep = config.exploration().keepChars();
            return new Result(text.length() > keep ? text.substring(0, keep) + " …" : text, null, tokens);
        } catch (WebApplicationException e) {
            String body = "";
            try {
                body = e.getResponse().readEntity(String.class);
            } catch (RuntimeException ignored) {
                // no body
            }
            String message = body;
            try {
                message = JSON.readTree(body).path("error").path("message").asText(body);
            } catch (Exception ignored) {
                // not JSON
            }
            return new Result(null, "the planner model " + alias + " failed: gateway answered "
                    + e.getResponse().getStatus() + (message.isBlank() ? "" : " " + message.lines().findFirst().orElse("")), 0);
        } catch (RuntimeException e) {
            return new Result(null, "the planner model " + alias + " could not be asked: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage().lines().findFirst().orElse("")), 0);
        }
    }

    /** @return the exploration prompt's user message */
    static String prompt(TaskSpec task, List<TestFailure> failing, List<CodeContext.Method> methods,
                         CostModel.Estimate estimate, int maxMethodLines) {
        StringBuilder u = new StringBuilder("# Task\n").append(task.text().isBlank() ? "Make the failing tests pass." : task.text())
                .append(" (").append(task.kind()).append(")\n\n# Failing tests\n");
        failing.stream().limit(6).forEach(t -> {
            u.append("- ").append(t.testId());
            if (t.message() != null && !t.message().isBlank()) {
                String m = t.message().strip();
                u.append(": ").append(m.length() > 300 ? m.substring(0, 300) + " …" : m);
            }
            u.append('\n');
        });
        u.append("\n# Suspicious methods (most suspicious first)\n");
        for (CodeContext.Method m : methods) {
            List<String> lines = m.text().lines().toList();
            u.append("## ").append(m.file()).append(" lines ").append(m.begin()).append('–').append(m.end())
                    .append(" (").append(m.name()).append(")\n```java\n")
                    .append(String.join("\n", lines.subList(0, Math.min(lines.size(), maxMethodLines))))
                    .append(lines.size() > maxMethodLines ? "\n…" : "").append("\n```\n");
        }
        u.append("\n# Cost model\n").append(estimate.summary()).append("\n\n# Your answer\nSummary, then STRATEGY: REPAIR or REGENERATE, then what the fix must do.\n");
        return u.toString();
    }
}
