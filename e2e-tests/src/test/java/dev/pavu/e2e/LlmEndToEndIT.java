package dev.pavu.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.testsupport.LocalStack;
import dev.pavu.gateway.scripted.Script;
import dev.pavu.gateway.scripted.ScriptRule;
import dev.pavu.gateway.scripted.ScriptedBackend;
import dev.pavu.workspace.diff.UnifiedDiffs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LLM path through the whole running stack, on the real Kafka broker and PostgreSQL: a bug no fix template
 * can repair (gcd written as "the smaller number", {@code e2e-tests/projects/gcd}) is fixed by the model the job
 * names. The model is the gateway's scripted backend speaking the real Ollama (proposer) and OpenAI (planner)
 * wire formats; the stack's model-gateway is restarted with a models file pointing at it
 * ({@link ScriptedModels}). Checked: the planner's repair-vs-regenerate decision with its numbers and the planner
 * model's exploration in the plan event, the proposer's answers (a drifted search/replace block re-anchored by
 * fuzzy matching, prose rejected with its reason, a whole method), the winning candidate from proposer
 * {@code llm} verified by the real verifier, the patch passing {@code mvn test} on a fresh copy, and every model
 * call recorded in {@code gateway.model_calls}.
 */
@ExtendWith(LocalStackExtension.class)
class LlmEndToEndIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String CODER = "e2e-coder-" + RUN;
    static final String REASONER = "e2e-reasoner-" + RUN;

    /** A search/replace block whose first SEARCH line drifted from the file (a comment), to be re-anchored. */
    static final String DRIFTED_SEARCH_REPLACE = """
            The method returns the smaller number, which is only right when it divides the other one. Use Euclid:

            src/main/java/demo/Numbers.java
            <<<<<<< SEARCH
                    // the smaller number divides the larger
                    if (a == 0 || b == 0) {
                        return Math.max(a, b);
                    }
                    return Math.min(a, b);
            =======
                    // the smaller number divides the larger
                    while (b != 0) {
                        int r = a % b;
                        a = b;
                        b = r;
                    }
                    return a;
            >>>>>>> REPLACE
            """;

    static final String PROSE = "The bug is in gcd: it returns the smaller of the two numbers instead of their gcd.";

    static final String WHOLE_METHOD = """
            ```java
            public static int gcd(int a, int b) {
                return b == 0 ? a : gcd(b, a % b);
            }
            ```
            """;

    static final String EXPLORATION = "gcd returns min(a, b), which is the gcd only when the smaller number divides "
            + "the larger; lcm depends on it. STRATEGY: REGENERATE — rewrite gcd with Euclid's algorithm.";

    static ScriptedModels models;
    final PlannerClient planner = new PlannerClient();

    @BeforeAll
    static void startTheScriptedModel() throws Exception {
        String answer = "# Answer\\n";
        Script script = Script.of(List.of("scripted-coder", "scripted-reasoner"),
                new ScriptRule(answer, "scripted-coder", DRIFTED_SEARCH_REPLACE, null, null, null, null, 1, null, null),
                new ScriptRule(answer, "scripted-coder", PROSE, null, null, null, null, 1, null, null),
                new ScriptRule(answer, "scripted-coder", WHOLE_METHOD, null, null, null, null, null, null, null),
                new ScriptRule("STRATEGY: REPAIR or REGENERATE", "scripted-reasoner", EXPLORATION, null, null, null, null,
                        null, null, null));
        models = ScriptedModels.start(script, CODER, REASONER);
    }

    @AfterAll
    static void stopIt() throws Exception {
        if (models != null) {
            models.close();
        }
    }

    @Test
    void aWrongAlgorithmIsFixedThroughTheLanguageModelPath() throws Exception {
        long t0 = System.nanoTime();
        Path project = Projects.named("gcd");
        Map<String, Object> job = Map.of("task", "make the failing tests pass",
                "models", Map.of("proposer", CODER, "planner", REASONER),
                "budget", Map.of("maxIterations", 2, "maxCandidates", 150, "candidateTimeoutMs", 60_000, "jobTimeoutMs", 900_000));
        String id = planner.submitProject(project, job).get("id").asText();

        JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(12));
        assertEquals("SUCCEEDED", done.get("outcome").asText(), "outcome of " + done);
        String patch = planner.patch(id);
        assertTrue(patch.contains("src/main/java/demo/Numbers.java"), patch);
        Path fresh = Projects.freshCopy(project);
        UnifiedDiffs.apply(fresh, patch);
        assertEquals(0, Projects.mavenTest(fresh), "mvn test on the patched copy; log: " + Files.readString(fresh.resolve("mvn-test.log")));

        JsonNode events = planner.get("/jobs/" + id + "/events");
        Map<String, JsonNode> diffs = new HashMap<>();
        List<JsonNode> plans = new ArrayList<>();
        List<JsonNode> counts = new ArrayList<>();
        JsonNode concluded = null;
        for (JsonNode e : events) {
            JsonNode p = e.get("payload");
            switch (e.get("type").asText()) {
                case "pavu.diff.proposed.v1" -> diffs.put(p.get("candidateId").asText(), p);
                case "pavu.plan.proposed.v1" -> plans.add(p);
                case "pavu.candidates.proposed.v1" -> counts.add(p);
                case "pavu.job.concluded.v1" -> concluded = p;
                default -> { }
            }
        }
        assertNotNull(concluded, "JobConcluded in the audit log");

        // the planner's decision, with its numbers, in the plan event of iteration 1
        JsonNode plan = plans.stream().filter(p -> p.get("envelope").get("iteration").asInt() == 1).findFirst().orElseThrow();
        JsonNode decision = plan.get("decision");
        JsonNode n = decision.get("numbers");
        for (String k : List.of("failingTests", "topScore", "scoreMargin", "methodLines", "capability", "pastRepairRate",
                "logitRepair", "logitRegenerate", "pRepair", "pRegenerate", "expectedCostRepair", "expectedCostRegenerate")) {
            assertTrue(n.has(k), k + " in the decision's numbers: " + n);
        }
        assertEquals(2.0, n.get("failingTests").asDouble(), n.toString());
        assertEquals(0.8, n.get("capability").asDouble(), "the gateway's capability of the proposer alias: " + n);
        boolean regenerate = n.get("expectedCostRegenerate").asDouble() < n.get("expectedCostRepair").asDouble();
        assertEquals(regenerate ? "regenerate" : "repair", decision.get("strategy").asText(), n.toString());
        assertEquals(regenerate ? "GENERATE" : "REPAIR", plan.get("kind").asText());
        assertTrue(decision.get("rationale").asText().contains("Exploration by " + REASONER + ":\n" + EXPLORATION),
                decision.get("rationale").asText());

        // the winner is the model's, verified by the real verifier
        JsonNode winner = diffs.get(concluded.get("winningCandidateId").asText());
        assertNotNull(winner, "the winning candidate's DiffProposed");
        assertEquals("llm", winner.get("proposer").asText(), winner.toString());
        assertTrue(winner.get("pattern").asText().startsWith("llm-"), winner.toString());

        // the proposer's answers: one re-anchored, one rejected with its reason, one whole method
        List<JsonNode> fromModel = diffs.values().stream().filter(d -> d.get("proposer").asText().equals("llm")).toList();
        assertEquals(2, fromModel.size(), "two of the three answers are candidates: " + fromModel);
        assertTrue(fromModel.stream().anyMatch(d -> d.get("description").asText().contains("re-anchored")
                && d.get("description").asText().contains("fuzzy")), "the drifted block was re-anchored: " + fromModel);
        assertTrue(fromModel.stream().anyMatch(d -> d.get("description").asText().contains("rewrote gcd(int, int)")), fromModel.toString());
        JsonNode count = counts.stream().filter(c -> c.get("planId").asText().equals(plan.get("planId").asText())).findFirst().orElseThrow();
        assertTrue(count.get("rejections").toString().contains("the answer holds no SEARCH/REPLACE block"), count.toString());

        // the model calls: through both wire formats, and every one recorded in the gateway's schema
        List<ScriptedBackend.Received> received = models.backend().requests();
        assertTrue(received.stream().anyMatch(r -> r.api().equals("ollama") && r.model().equals("scripted-coder")), received.toString());
        assertTrue(received.stream().anyMatch(r -> r.api().equals("openai") && r.model().equals("scripted-reasoner")), received.toString());
        Map<String, int[]> calls = recordedCalls(Duration.ofSeconds(30), 4);
        assertEquals(3, calls.get(CODER)[0], "three proposer samples recorded: " + show(calls));
        assertEquals(1, calls.get(REASONER)[0], "one exploration recorded: " + show(calls));
        assertTrue(calls.get(CODER)[1] > 0 && calls.get(CODER)[2] > 0, "tokens in and out recorded: " + show(calls));

        // the model's patch replays with no model at all: the scripted backend is stopped first
        models.close();
        models = null;
        JsonNode replay = ReplayIT.verifyOnly(id);
        assertTrue(replay.get("identical").asBoolean(), replay.toString());
        assertEquals(winner.get("candidateId").asText(), replay.get("candidateId").asText(), replay.toString());
        assertEquals("PASS", replay.at("/replayed/verdict").asText(), replay.toString());

        System.out.printf("LLM end-to-end: %s in %d s (strategy %s, %d candidates verified, P repair %.2f, P regenerate %.2f)%n",
                done.get("outcome").asText(), (System.nanoTime() - t0) / 1_000_000_000, decision.get("strategy").asText(),
                done.get("candidatesVerified").asInt(), n.get("pRepair").asDouble(), n.get("pRegenerate").asDouble());
    }

    /** @return alias → {calls answered by a backend, tokens in, tokens out}, polled until {@code atLeast} calls are in */
    private static Map<String, int[]> recordedCalls(Duration patience, int atLeast) throws Exception {
        String url = env("PAVU_DB_URL", "jdbc:postgresql://localhost:55432/pavu");
        long deadline = System.nanoTime() + patience.toNanos();
        Map<String, int[]> out = new HashMap<>();
        while (true) {
            out.clear();
            LocalStack.DbLogin gateway = LocalStack.dbLogin("gateway");   // gateway.model_calls is the gateway's own
            try (Connection c = DriverManager.getConnection(url, gateway.user(), gateway.password());
                 var st = c.prepareStatement("select alias, count(*), sum(tokens_in), sum(tokens_out) from gateway.model_calls "
                         + "where alias in (?, ?) and outcome = 'ok' group by alias")) {
                st.setString(1, CODER);
                st.setString(2, REASONER);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new int[]{rs.getInt(2), rs.getInt(3), rs.getInt(4)});
                    }
                }
            }
            int total = out.values().stream().mapToInt(v -> v[0]).sum();
            if (total >= atLeast || System.nanoTime() > deadline) {
                out.putIfAbsent(CODER, new int[3]);
                out.putIfAbsent(REASONER, new int[3]);
                return out;
            }
            Thread.sleep(500);
        }
    }

    private static String show(Map<String, int[]> calls) {
        StringBuilder sb = new StringBuilder();
        calls.forEach((k, v) -> sb.append(k).append('=').append(java.util.Arrays.toString(v)).append(' '));
        return sb.toString();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    @Test
    void aGenerationJobWithoutAModelFailsAtOnceNamingTheSetting() throws Exception {
        Map<String, Object> job = Map.of("task", "implement gcd", "kind", "IMPLEMENT");
        String id = planner.submitProject(Projects.named("gcd"), job).get("id").asText();
        JsonNode done = planner.awaitConclusion(id, Duration.ofSeconds(30));
        assertEquals("FAILED", done.get("outcome").asText(), done.toString());
        assertTrue(done.get("reason").asText().contains("models.proposer") && done.get("reason").asText().contains("pavu.gateway.models-file"),
                done.toString());
        assertFalse(done.get("iterations").asInt() > 0, "no plan was sent: " + done);
    }
}
