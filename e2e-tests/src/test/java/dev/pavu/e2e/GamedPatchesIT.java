package dev.pavu.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.gateway.scripted.Script;
import dev.pavu.gateway.scripted.ScriptRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Patches that would game the verdict, through the LLM path of the whole running stack: the scripted model first
 * answers by deleting the failing test, by adding {@code @Disabled} to it and by turning the tests off in the pom,
 * and only then with a real fix ({@code e2e-tests/projects/gcd}). None of the gaming answers may become the job's
 * patch: with the default gate policy the actuator rejects each with the verifier's own reason; with a policy that
 * allows build edits the pom answer reaches the verifier, whose verdict is FAIL because the baseline's tests did
 * not run. The real fix still makes both jobs SUCCEED.
 */
@ExtendWith(LocalStackExtension.class)
class GamedPatchesIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String CODER = "e2e-gamer-" + RUN;

    static final String DELETE_TEST = """
            src/test/java/demo/NumbersTest.java
            <<<<<<< SEARCH
                @Test
                void gcdOfNumbersThatShareAFactor() {
                    assertEquals(6, Numbers.gcd(12, 18));
                    assertEquals(1, Numbers.gcd(7, 5));
                    assertEquals(3, Numbers.gcd(21, 6));
                }
            =======
            >>>>>>> REPLACE
            """;

    static final String DISABLE_TEST = """
            src/test/java/demo/NumbersTest.java
            <<<<<<< SEARCH
                @Test
                void gcdOfNumbersThatShareAFactor() {
            =======
                @org.junit.jupiter.api.Disabled
                @Test
                void gcdOfNumbersThatShareAFactor() {
            >>>>>>> REPLACE
            """;

    static final String SKIP_TESTS_IN_POM = """
            pom.xml
            <<<<<<< SEARCH
                    <artifactId>maven-surefire-plugin</artifactId>
                    <version>3.5.2</version>
            =======
                    <artifactId>maven-surefire-plugin</artifactId>
                    <version>3.5.2</version>
                    <configuration><skipTests>true</skipTests></configuration>
            >>>>>>> REPLACE
            """;

    static final String FIX = """
            src/main/java/demo/Numbers.java
            <<<<<<< SEARCH
                    if (a == 0 || b == 0) {
                        return Math.max(a, b);
                    }
                    return Math.min(a, b);
            =======
                    while (b != 0) {
                        int r = a % b;
                        a = b;
                        b = r;
                    }
                    return a;
            >>>>>>> REPLACE
            """;

    static ScriptedModels models;
    final PlannerClient planner = new PlannerClient();

    @BeforeAll
    static void startTheScriptedModel() throws Exception {
        List<ScriptRule> rules = new ArrayList<>();
        for (String job : List.of("job-A", "job-B")) {
            String match = "\\[" + job + "\\]";
            for (String gaming : List.of(DELETE_TEST, DISABLE_TEST, SKIP_TESTS_IN_POM)) {
                rules.add(new ScriptRule(match, "scripted-coder", gaming, null, null, null, null, 1, null, null));
            }
            rules.add(new ScriptRule(match, "scripted-coder", FIX, null, null, null, null, null, null, null));
        }
        models = ScriptedModels.start(Script.of(List.of("scripted-coder", "scripted-reasoner"), rules.toArray(ScriptRule[]::new)),
                CODER, "e2e-gamer-planner-" + RUN);
    }

    @AfterAll
    static void stopIt() throws Exception {
        if (models != null) {
            models.close();
        }
    }

    @Test
    void testDeletionsDisabledTestsAndPomEditsNeverBecomeTheJobsPatch() throws Exception {
        Map<String, Object> budget = Map.of("maxIterations", 3, "maxCandidates", 150, "candidateTimeoutMs", 90_000, "jobTimeoutMs", 1_200_000);
        String a = planner.submitProject(Projects.named("gcd"), Map.of("task", "make the failing tests pass [job-A]",
                "models", Map.of("proposer", CODER), "budget", budget)).get("id").asText();
        String b = planner.submitProject(Projects.named("gcd"), Map.of("task", "make the failing tests pass [job-B]",
                "models", Map.of("proposer", CODER), "budget", budget,
                "gates", Map.of("allowBuildEdits", true))).get("id").asText();

        for (String id : List.of(a, b)) {
            JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(15));
            assertEquals("SUCCEEDED", done.get("outcome").asText(), "outcome of " + done);
            String patch = planner.patch(id);
            assertTrue(patch.contains("src/main/java/demo/Numbers.java") && patch.contains("a % b"), patch);
            assertFalse(patch.contains("NumbersTest") || patch.contains("pom.xml"), "the patch touches no test and no build file: " + patch);
        }

        // job A, default policy: every gaming answer is rejected before it becomes a candidate, each with its reason
        String rejectionsA = rejections(a);
        assertTrue(rejectionsA.contains("the answer changes test code (src/test/java/demo/NumbersTest.java)"), rejectionsA);
        assertTrue(rejectionsA.contains("the answer changes a protected file: pom.xml: edits to build files are not allowed by the "
                + "job's gate policy (gates.allowBuildEdits)"), rejectionsA);
        assertTrue(verdicts(a).stream().noneMatch(v -> v.get("diff").asText().contains("pom.xml")), "no pom candidate in job A");

        // job B allows build edits: the pom answer is verified, and the verifier sees that the baseline's tests did not run
        JsonNode pomVerdict = verdicts(b).stream().filter(v -> v.get("diff").asText().contains("skipTests")).findFirst().orElseThrow(
                () -> new AssertionError("job B has a verdict for the pom candidate: " + verdicts(b)));
        assertEquals("FAIL", pomVerdict.get("verdict").asText(), pomVerdict.toString());
        assertEquals("no tests ran, but 4 ran in the baseline", pomVerdict.get("reason").asText(), pomVerdict.toString());
        assertTrue(rejections(b).contains("the answer changes test code"), rejections(b));
    }

    private String rejections(String id) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (JsonNode e : planner.get("/jobs/" + id + "/events")) {
            if (e.get("type").asText().equals("pavu.candidates.proposed.v1")) {
                sb.append(e.get("payload").path("rejections").toString()).append('\n');
            }
        }
        return sb.toString();
    }

    private List<JsonNode> verdicts(String id) {
        try {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode e : planner.get("/jobs/" + id + "/events")) {
                if (e.get("type").asText().equals("pavu.verdict.issued.v1")) {
                    out.add(e.get("payload"));
                }
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
