package dev.pavu.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pavu.workspace.diff.UnifiedDiffs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jobs through the whole running stack: planner → actuator → verifier → planner, audited by the
 * updater, on the real Kafka broker and PostgreSQL. No language model is configured.
 */
@ExtendWith(LocalStackExtension.class)
class JobsEndToEndIT {

    private final PlannerClient planner = new PlannerClient();

    private static Map<String, Object> job(String task, long candidateTimeoutMs) {
        return Map.of("task", task, "budget", Map.of("maxIterations", 3, "maxCandidates", 150,
                "candidateTimeoutMs", candidateTimeoutMs, "jobTimeoutMs", 900_000));
    }

    @Test
    void repairsTheBundledExampleWithAPatchThatReallyPasses() throws Exception {
        Path example = Projects.named("invoicing");
        JsonNode accepted = planner.submitProject(example, job("make the failing tests pass", 60_000));
        String id = accepted.get("id").asText();

        JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(12));
        assertEquals("SUCCEEDED", done.get("outcome").asText(), "outcome of " + done);

        String patch = planner.patch(id);
        assertTrue(patch.contains("VolumeDiscount.java"), "the fix is in VolumeDiscount.java:\n" + patch);
        Path fresh = Projects.freshCopy(example);
        UnifiedDiffs.apply(fresh, patch);
        assertEquals(0, Projects.mavenTest(fresh), "mvn test on the patched copy; log: "
                + Files.readString(fresh.resolve("mvn-test.log")));

        // The audit trail: every stage's events, in causal order, from the updater's log.
        JsonNode events = planner.get("/jobs/" + id + "/events");
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.get("type").asText()));
        assertEquals("pavu.job.submitted.v1", types.get(0), "first event: " + types);
        assertTrue(types.contains("pavu.plan.proposed.v1") && types.contains("pavu.diff.proposed.v1")
                && types.contains("pavu.verdict.issued.v1") && types.contains("pavu.candidates.proposed.v1"), "types: " + types);
        int concluded = types.indexOf("pavu.job.concluded.v1");
        assertTrue(concluded > 0 && concluded == types.lastIndexOf("pavu.job.concluded.v1"), "one conclusion: " + types);
        // after the conclusion only the verdicts of the job's remaining candidates may follow: SKIPPED, or judged by a
        // worker before the conclusion reached it (the planner ranks plausible patches, so a PASS no longer stops the
        // job's other candidates at once); the planner counts none of them
        for (int i = concluded + 1; i < events.size(); i++) {
            JsonNode late = events.get(i);
            assertEquals("pavu.verdict.issued.v1", late.get("type").asText(), "after the conclusion: " + late);
        }
        JsonNode winner = events.get(concluded).get("payload");
        assertEquals(done.get("outcome").asText(), winner.get("outcome").asText());
        assertEquals(patch.strip(), winner.get("patch").asText().strip(), "the concluded event carries the served patch");
    }

    @Test
    void aProjectWhoseTestsAllPassConcludesAtOnceSayingSo() throws Exception {
        String id = planner.submitProject(Projects.named("all-green"), job("make the failing tests pass", 60_000)).get("id").asText();
        JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(4));
        assertEquals("SUCCEEDED", done.get("outcome").asText(), done.toString());
        assertTrue(done.get("reason").asText().toLowerCase().contains("nothing to repair"), done.toString());
    }

    @Test
    void aProjectThatDoesNotCompileFailsWithTheCompilerError() throws Exception {
        String id = planner.submitProject(Projects.named("broken-build"), job("make the failing tests pass", 60_000)).get("id").asText();
        JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(4));
        assertEquals("FAILED", done.get("outcome").asText(), done.toString());
        assertTrue(done.get("reason").asText().toLowerCase().contains("compil"), done.toString());
    }

    @Test
    void aFolderWithoutABuildFailsWithAClearReason() throws Exception {
        String id = planner.submitProject(Projects.named("no-build"), job("make the failing tests pass", 60_000)).get("id").asText();
        JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(4));
        assertEquals("FAILED", done.get("outcome").asText(), done.toString());
        assertTrue(done.get("reason").asText().toLowerCase().contains("build"), done.toString());
    }

    @Test
    void anUnreachableGitUrlFailsWithoutHanging() throws Exception {
        // 192.0.2.1 (TEST-NET-1, RFC 5737) is a public-looking address that is never routed
        Map<String, Object> body = Map.of("source", Map.of("gitUrl", "http://192.0.2.1:9/nobody/nothing.git"),
                "task", "make the failing tests pass");
        String id = planner.submitJson(body).get("id").asText();
        JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(3));
        assertEquals("FAILED", done.get("outcome").asText(), done.toString());
        assertTrue(done.get("reason").asText().contains("192.0.2.1:9"), "reason names the URL: " + done);
    }

    @Test
    void aGitUrlAtThePlannersOwnMachineIsRefused() throws Exception {
        for (String url : List.of("http://127.0.0.1:9/nobody/nothing.git", "file:///etc", "http://169.254.169.254/")) {
            var answer = planner.postJson(Map.of("source", Map.of("gitUrl", url), "task", "make the failing tests pass"));
            assertEquals(400, answer.statusCode(), url + ": " + answer.body());
            JsonNode problem = new ObjectMapper().readTree(answer.body());
            assertEquals("source.gitUrl", problem.at("/errors/0/field").asText(), answer.body());
        }
    }

    @Test
    void theCliRepairsABugWhoseBuggyVersionLoopsForever() throws Exception {
        CliResult r = cliSubmitWait("binary-search", Duration.ofMinutes(12), "--timeout-per-candidate", "30");
        JsonNode result = r.json();
        String out = r.out();
        assertEquals("SUCCEEDED", result.get("outcome").asText(), out);
        assertEquals(0, r.exitCode(), "exit code 0 on SUCCEEDED");
        assertTrue(result.get("patch").asText().contains("Search.java"), out);
        assertTrue(result.get("candidatesTried").asInt() >= 1 && result.get("durationMs").asLong() > 0, out);
    }

    /**
     * The most common project in the wild: plain JUnit 4, every test with {@code @Test(timeout = 3000)}, a buggy
     * version that loops forever in most of them. Within a 300 s job budget (a loop once cost each candidate the
     * whole suite's timeouts, about 30 s, and such a job ran out before reaching the fix), with few candidates.
     */
    @Test
    void theCliRepairsALoopingBugInAJUnit4ProjectWithinAFiveMinuteBudget() throws Exception {
        CliResult r = cliSubmitWait("binary-search-junit4", Duration.ofMinutes(8), "--job-timeout", "300");
        JsonNode result = r.json();
        String out = r.out();
        assertEquals("SUCCEEDED", result.get("outcome").asText(), out);
        assertTrue(result.get("patch").asText().contains("low = mid + 1;"), out);
        assertTrue(result.get("durationMs").asLong() < 300_000, out);
        // the timed-out tests point localisation at the loop's updates: the fix is the first candidate (it was the
        // 33rd to 110th when the sampled back edge ranked the loop header first); a margin for verifier concurrency
        assertTrue(result.get("candidatesTried").asInt() <= 10, out);
    }

    @Test
    void repairsAWrongVariable() throws Exception {
        assertRepairs("shapes", "Rectangle.java");
    }

    @Test
    void repairsSwappedArguments() throws Exception {
        assertRepairs("budget", "Budget.java");
    }

    /** What {@code pavu submit --wait --json} printed and its exit code. */
    private record CliResult(String out, int exitCode) {
        JsonNode json() throws java.io.IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    /** Runs {@code pavu submit --repo <fixture> --wait --json} with extra options, as a user would. */
    private static CliResult cliSubmitWait(String project, Duration wait, String... options) throws Exception {
        Path root = LocalStackExtension.root();
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", root.resolve("pavu").toString(), "submit",
                "--repo", Projects.named(project).toString(), "--task", "make the failing tests pass", "--wait", "--json"));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS), "pavu submit --wait returned");
        return new CliResult(out, p.exitValue());
    }

    private void assertRepairs(String project, String fixedFile) throws Exception {
        String id = planner.submitProject(Projects.named(project), job("make the failing tests pass", 30_000)).get("id").asText();
        JsonNode done = planner.awaitConclusion(id, Duration.ofMinutes(10));
        assertEquals("SUCCEEDED", done.get("outcome").asText(), done.toString());
        String patch = planner.patch(id);
        assertTrue(patch.contains(fixedFile), patch);
        Path fresh = Projects.freshCopy(Projects.named(project));
        UnifiedDiffs.apply(fresh, patch);
        assertEquals(0, Projects.mavenTest(fresh), "patched copy passes mvn test");
    }
}
