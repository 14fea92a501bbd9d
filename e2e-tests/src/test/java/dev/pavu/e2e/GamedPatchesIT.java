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
 * and then with a real fix ({@code e2e-tests/projects/gcd}). None of the gaming answers may become a job's patch:
 * with the default gate policy the actuator rejects each with the verifier's own reason and the real fix among them
 * makes the job SUCCEED (jobs A and B); with a policy that allows build edits (job C, no fix offered) the pom answer
 * reaches the verifier, whose verdict is FAIL because the baseline's tests did not run, and the job does not succeed.
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

    static final String PROSE = "Tests are flaky; I would rather not change anything.";

    @BeforeAll
    static void startTheScriptedModel() throws Exception {
        // a plan asks for 3 samples (pavu.actuator.llm.samples), answered in this order per job; the fix comes last
        Map<String, List<String>> answers = Map.of(
                "job-A", List.of(DELETE_TEST, DISABLE_TEST),
                "job-B", List.of(SKIP_TESTS_IN_POM),
                "job-C", List.of(SKIP_TESTS_IN_POM, PROSE, PROSE));
        List<ScriptRule> rules = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : answers.entrySet()) {
            String match = "\\[" + e.getKey() + "\\]";
            for (String answer : e.getValue()) {
                rules.add(new ScriptRule(match, "scripted-coder", answer, null, null, null, null, 1, null, null));
            }
            rules.add(new ScriptRule(match, "scripted-coder", e.getKey().equals("job-C") ? PROSE : FIX, null, null, null, null,
                    null, null, null));
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
        String a = submit("job-A", budget, null);
        String b = submit("job-B", budget, null);
        String c = submit("job-C", budget, Map.of("allowBuildEdits", true));

        // jobs A and B, default policy: the gaming answers are rejected before they become candidates, each with its
        // reason, and the real fix that came with them succeeds
        for (String id : List.of(a, b)) {
            JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(15));
            assertEquals("SUCCEEDED", done.get("outcome").asText(), "outcome of " + done);
            String patch = planner.patch(id);
            assertTrue(patch.contains("src/main/java/demo/Numbers.java") && patch.contains("a % b"), patch);
            assertFalse(patch.contains("NumbersTest") || patch.contains("pom.xml"), "the patch touches no test and no build file: " + patch);
        }
        String rejectionsA = rejections(a);
        assertEquals(2, count(rejectionsA, "the answer changes test code (src/test/java/demo/NumbersTest.java)"),
                "the deleted and the disabled test: " + rejectionsA);
        String rejectionsB = rejections(b);
        assertTrue(rejectionsB.contains("the answer changes a protected file: pom.xml: edits to build files are not allowed by the "
                + "job's gate policy (gates.allowBuildEdits)"), rejectionsB);
        for (String id : List.of(a, b)) {
            assertTrue(verdicts(id).stream().noneMatch(v -> v.get("diff").asText().contains("NumbersTest")
                    || v.get("diff").asText().contains("pom.xml")), "no gaming candidate was verified in " + id);
        }

        // job C allows build edits: the pom answer is verified, and the verifier sees that the baseline's tests did not run
        JsonNode doneC = planner.awaitConclusion(c, Duration.ofMinutes(15));
        assertFalse(doneC.get("outcome").asText().equals("SUCCEEDED"), "turning the tests off is no repair: " + doneC);
        JsonNode pomVerdict = verdicts(c).stream().filter(v -> v.get("diff").asText().contains("skipTests")).findFirst().orElseThrow(
                () -> new AssertionError("job C has a verdict for the pom candidate: " + verdicts(c)));
        assertEquals("FAIL", pomVerdict.get("verdict").asText(), pomVerdict.toString());
        assertEquals("no tests ran, but 4 ran in the baseline", pomVerdict.get("reason").asText(), pomVerdict.toString());
    }

    private String submit(String tag, Map<String, Object> budget, Map<String, Object> gates) throws Exception {
        Map<String, Object> job = new java.util.HashMap<>(Map.of("task", "make the failing tests pass [" + tag + "]",
                "models", Map.of("proposer", CODER), "budget", budget));
        if (gates != null) {
            job.put("gates", gates);
        }
        return planner.submitProject(Projects.named("gcd"), job).get("id").asText();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
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
