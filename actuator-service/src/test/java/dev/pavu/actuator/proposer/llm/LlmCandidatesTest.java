package dev.pavu.actuator.proposer.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pavu.actuator.client.ChatRequest;
import dev.pavu.actuator.client.ChatResponse;
import dev.pavu.actuator.client.GatewayClient;
import dev.pavu.actuator.client.GatewayException;
import dev.pavu.actuator.proposer.Candidate;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.workspace.diff.UnifiedDiffs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LlmCandidatesTest {

    static final String PATH = EditApplierTest.PATH;
    static final String FIX = """
            Replace the loop bound.
            ```
            src/main/java/demo/Stats.java
            <<<<<<< SEARCH
                    int total = 0;
                    for (int i = 1; i < n; i++) {
            =======
                    int total = 0;
                    for (int i = 1; i <= n; i++) {
            >>>>>>> REPLACE
            ```
            """;

    static final LlmCandidates.Settings SETTINGS = new LlmCandidates.Settings(4, false, 7, 0.7, 512, 2,
            PromptBuilder.Settings.DEFAULT, Anchor.Settings.DEFAULT);

    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

    final List<String> teams = new CopyOnWriteArrayList<>();

    GatewayClient gateway(Function<ChatRequest, String> answer) {
        return (request, team) -> {
            requests.add(request);
            teams.add(String.valueOf(team));
            String text = answer.apply(request);
            return new ChatResponse("id", request.model(), List.of(new ChatResponse.Choice(0,
                    new ChatResponse.Message("assistant", text), "stop")), new ChatResponse.Usage(100, 20), null);
        };
    }

    static Path checkout(Path root) throws Exception {
        Files.createDirectories(root.resolve("src/main/java/demo"));
        Files.writeString(root.resolve(PATH), EditApplierTest.STATS);
        return root;
    }

    @Test
    void eachSampleGivesACheckedCandidateOrAReason(@TempDir Path dir) throws Exception {
        Path root = checkout(dir);
        GatewayClient g = gateway(r -> switch (r.seed()) {
            case 7 -> FIX;
            case 8 -> FIX.replace("Replace the loop bound.", "Same fix, other words.");   // same patch → duplicate
            case 9 -> "src/main/java/demo/Stats.java\n<<<<<<< SEARCH\n        return total;\n=======\n        return total + 1;\n>>>>>>> REPLACE\n";
            default -> "I am not sure what to do.";
        });
        PlanProposed plan = PromptBuilderTest.plan(PlanKind.REPAIR, List.of());
        LlmCandidates.Answer a = new LlmCandidates(g, SETTINGS, s -> { })
                .propose(plan, SourceTree.of(root), 10, Set.of(), List.of(), null, d -> UnifiedDiffs.check(root, d));

        assertEquals(4, requests.size(), "N requests");
        assertEquals(Set.of(7, 8, 9, 10), Set.copyOf(requests.stream().map(ChatRequest::seed).toList()), "seeds seed … seed+N-1");
        assertTrue(requests.stream().allMatch(r -> r.model().equals("coder") && r.n() == null && r.messages().size() == 2));
        assertEquals(1, a.candidates().size(), a.toString());
        Candidate c = a.candidates().getFirst();
        assertEquals(UnifiedDiffs.hash(UnifiedDiffs.create(PATH, EditApplierTest.STATS,
                EditApplierTest.STATS.replace("i < n; i++) {\n            total += i", "i <= n; i++) {\n            total += i"))), c.hash());
        assertTrue(c.diff().startsWith("diff --git a/" + PATH), c.diff());
        assertEquals(LlmCandidates.PATTERN_REPAIR, c.pattern());
        assertEquals(PATH, c.file());
        assertEquals(7, c.line());
        assertTrue(c.description().startsWith("llm sample 1/4 (coder, search/replace): Stats.java:7"), c.description());
        assertEquals(3, a.rejectedCount());
        assertEquals(List.of(
                "llm sample 2/4: same patch as an earlier candidate",
                "llm sample 3/4: hunk 1 of " + PATH + ": ambiguous: the hunk's 1 old line match at lines 10, 18; give more context",
                "llm sample 4/4: the answer holds no SEARCH/REPLACE block, no unified diff and no fenced Java code"), a.rejections());
        assertTrue(a.note().startsWith("1 LLM candidate from 4 samples of coder (repair, 3 rejected, 480 tokens"), a.note());
    }

    @Test
    void triedAndTemplateDiffsAreNotProposedAgainAndBrokenJavaIsRejected(@TempDir Path dir) throws Exception {
        Path root = checkout(dir);
        String fixDiff = UnifiedDiffs.create(PATH, EditApplierTest.STATS,
                EditApplierTest.STATS.replace("i < n; i++) {\n            total += i", "i <= n; i++) {\n            total += i"));
        PlanProposed tried = PromptBuilderTest.plan(PlanKind.REPAIR, List.of(UnifiedDiffs.hash(fixDiff)));
        LlmCandidates.Settings one = new LlmCandidates.Settings(1, false, 1, 0.7, 512, 1, PromptBuilder.Settings.DEFAULT,
                Anchor.Settings.DEFAULT);
        LlmCandidates.Answer a = new LlmCandidates(gateway(r -> FIX), one, s -> { })
                .propose(tried, SourceTree.of(root), 5, tried.triedPatchHashes(), List.of(), null, d -> UnifiedDiffs.check(root, d));
        assertEquals(List.of("llm sample 1/1: already tried for this job"), a.rejections());

        PlanProposed fresh = PromptBuilderTest.plan(PlanKind.REPAIR, List.of());
        a = new LlmCandidates(gateway(r -> FIX), one, s -> { })
                .propose(fresh, SourceTree.of(root), 5, Set.of(UnifiedDiffs.hash(fixDiff)), List.of(), null, d -> UnifiedDiffs.check(root, d));
        assertEquals(List.of("llm sample 1/1: same patch as an earlier candidate"), a.rejections(), "a template candidate's diff");

        String broken = FIX.replace("for (int i = 1; i <= n; i++) {", "for (int i = 1; i <= n; i++ {");
        a = new LlmCandidates(gateway(r -> broken), one, s -> { })
                .propose(fresh, SourceTree.of(root), 5, Set.of(), List.of(), null, d -> UnifiedDiffs.check(root, d));
        assertTrue(a.rejections().getFirst().startsWith("llm sample 1/1: " + PATH + " does not parse after the change"), a.rejections().toString());
    }

    @Test
    void anAnswerThatChangesABuildFileIsRejectedUnlessTheJobAllowsIt(@TempDir Path dir) throws Exception {
        Path root = checkout(dir);
        String pom = "<project>\n  <properties>\n    <skipTests>false</skipTests>\n  </properties>\n</project>\n";
        Files.writeString(root.resolve("pom.xml"), pom);
        String skip = "pom.xml\n<<<<<<< SEARCH\n    <skipTests>false</skipTests>\n=======\n    <skipTests>true</skipTests>\n>>>>>>> REPLACE\n";
        LlmCandidates.Settings one = new LlmCandidates.Settings(1, false, 1, 0.7, 512, 1, PromptBuilder.Settings.DEFAULT,
                Anchor.Settings.DEFAULT);
        PlanProposed plan = PromptBuilderTest.plan(PlanKind.REPAIR, List.of());
        LlmCandidates.Answer a = new LlmCandidates(gateway(r -> skip), one, s -> { })
                .propose(plan, SourceTree.of(root), 5, Set.of(), List.of(), null, d -> UnifiedDiffs.check(root, d));
        assertEquals(List.of("llm sample 1/1: the answer changes a protected file: pom.xml: edits to build files are not allowed "
                + "by the job's gate policy (gates.allowBuildEdits)"), a.rejections());
        assertTrue(a.candidates().isEmpty());

        PlanProposed allowed = new PlanProposed(plan.envelope(), plan.planId(), plan.kind(), plan.source(), plan.task(), plan.locations(),
                plan.failingTests(), plan.maxCandidates(), plan.verify().withGates(new dev.pavu.contracts.GatePolicy(null, null, null, null, true)),
                plan.triedPatchHashes(), plan.decision());
        a = new LlmCandidates(gateway(r -> skip), one, s -> { })
                .propose(allowed, SourceTree.of(root), 5, Set.of(), List.of(), null, d -> UnifiedDiffs.check(root, d));
        assertEquals(1, a.candidates().size(), a.rejections().toString());
    }

    @Test
    void gatewayErrorsAreReportedOnceWithTheSettingToFix(@TempDir Path dir) throws Exception {
        Path root = checkout(dir);
        GatewayClient unknown = (r, team) -> {
            throw new GatewayException(404, "model_not_found", "unknown model alias 'coder'; known: (none)");
        };
        LlmCandidates.Answer a = new LlmCandidates(unknown, SETTINGS, s -> { })
                .propose(PromptBuilderTest.plan(PlanKind.REPAIR, List.of()), SourceTree.of(root), 10, Set.of(), List.of(), null,
                        d -> UnifiedDiffs.check(root, d));
        assertEquals(0, a.candidates().size());
        assertEquals(4, a.rejectedCount());
        assertEquals(1, a.rejections().size(), "the same error once: " + a.rejections());
        assertTrue(a.rejections().getFirst().contains("does not know the alias \"coder\"")
                && a.rejections().getFirst().contains("pavu.gateway.models-file"), a.rejections().getFirst());
    }

    @Test
    void theNParameterIsUsedWhenAskedAndARefusalFallsBackToSeparateRequests(@TempDir Path dir) throws Exception {
        Path root = checkout(dir);
        LlmCandidates.Settings withN = new LlmCandidates.Settings(2, true, 1, 0.7, 512, 2, PromptBuilder.Settings.DEFAULT,
                Anchor.Settings.DEFAULT);
        GatewayClient refusesN = (r, team) -> {
            requests.add(r);
            if (r.n() != null) {
                throw new GatewayException(400, "invalid_request", "n=2 is not supported: ask n times with different seeds");
            }
            return new ChatResponse("id", "coder", List.of(new ChatResponse.Choice(0, new ChatResponse.Message("assistant", FIX), "stop")),
                    null, null);
        };
        LlmCandidates.Answer a = new LlmCandidates(refusesN, withN, s -> { })
                .propose(PromptBuilderTest.plan(PlanKind.REPAIR, List.of()), SourceTree.of(root), 10, Set.of(), List.of(), null,
                        d -> UnifiedDiffs.check(root, d));
        assertEquals(3, requests.size(), "one with n, then two without");
        assertEquals(2, requests.getFirst().n());
        assertEquals(1, a.candidates().size());
    }

    @Test
    void theSelfReviewCanVetoACandidate(@TempDir Path dir) throws Exception {
        Path root = checkout(dir);
        LlmCandidates.Settings one = new LlmCandidates.Settings(1, false, 1, 0.7, 512, 1, PromptBuilder.Settings.DEFAULT,
                Anchor.Settings.DEFAULT);
        GatewayClient g = gateway(r -> r.model().equals("reviewer")
                ? "REJECT: the loop now counts n twice" : FIX);
        LlmCandidates.Answer a = new LlmCandidates(g, one, s -> { })
                .propose(PromptBuilderTest.plan(PlanKind.REPAIR, List.of()), SourceTree.of(root), 5, Set.of(), List.of(), "reviewer",
                        d -> UnifiedDiffs.check(root, d));
        assertTrue(a.candidates().isEmpty());
        assertEquals(List.of("llm sample 1/1: vetoed by self-review (reviewer): the loop now counts n twice"), a.rejections());
        ChatRequest review = requests.stream().filter(r -> r.model().equals("reviewer")).findFirst().orElseThrow();
        assertTrue(review.messages().get(1).content().contains("```diff\ndiff --git a/" + PATH), review.messages().get(1).content());
        assertEquals(0.0, review.temperature());

        requests.clear();
        g = gateway(r -> r.model().equals("reviewer") ? "ACCEPT - fixes the bound" : FIX);
        a = new LlmCandidates(g, one, s -> { }).propose(PromptBuilderTest.plan(PlanKind.REPAIR, List.of()), SourceTree.of(root), 5,
                Set.of(), List.of(), "reviewer", d -> UnifiedDiffs.check(root, d));
        assertEquals(1, a.candidates().size());
    }

    @Test
    void everyModelCallIsChargedToTheJobsTeam(@TempDir Path dir) throws Exception {
        Path root = checkout(dir);
        LlmCandidates.Settings one = new LlmCandidates.Settings(2, false, 1, 0.7, 512, 1, PromptBuilder.Settings.DEFAULT,
                Anchor.Settings.DEFAULT);
        PlanProposed p = PromptBuilderTest.plan(PlanKind.REPAIR, List.of());
        PlanProposed ofTeam = new PlanProposed(p.envelope(), p.planId(), p.kind(), p.source(), p.task().withJob("team-a", 5),
                p.locations(), p.failingTests(), p.maxCandidates(), p.verify(), p.triedPatchHashes(), p.decision(), p.partialFixes());
        GatewayClient g = gateway(r -> r.model().equals("reviewer") ? "ACCEPT - fixes the bound" : FIX);
        new LlmCandidates(g, one, s -> { }).propose(ofTeam, SourceTree.of(root), 5, Set.of(), List.of(), "reviewer",
                d -> UnifiedDiffs.check(root, d));
        assertEquals(3, teams.size(), "two samples and one review: " + requests);
        assertEquals(List.of("team-a", "team-a", "team-a"), teams, "samples and the review name the job's team");
    }

    @Test
    void aGeneratePlanTakesAWholeMethod(@TempDir Path dir) throws Exception {
        Path root = checkout(dir);
        String method = "```java\npublic static int sumTo(int n) {\n    return n * (n + 1) / 2;\n}\n```";
        LlmCandidates.Settings one = new LlmCandidates.Settings(1, false, 1, 0.7, 512, 1, PromptBuilder.Settings.DEFAULT,
                Anchor.Settings.DEFAULT);
        LlmCandidates.Answer a = new LlmCandidates(gateway(r -> method), one, s -> { })
                .propose(PromptBuilderTest.plan(PlanKind.GENERATE, List.of()), SourceTree.of(root), 5, Set.of(), List.of(), null,
                        d -> UnifiedDiffs.check(root, d));
        assertEquals(1, a.candidates().size(), a.rejections().toString());
        Candidate c = a.candidates().getFirst();
        assertEquals(LlmCandidates.PATTERN_REGENERATE, c.pattern());
        assertTrue(c.diff().contains("+        return n * (n + 1) / 2;"), c.diff());
        assertTrue(c.description().contains("java code") && c.description().contains("rewrote sumTo(int)"), c.description());
        assertTrue(requests.getFirst().messages().getFirst().content().contains("Write the whole new method"));
    }

    @Test
    void theJobsEarlierFailedCandidatesComeFromItsAuditLog() throws Exception {
        String llmDiff = "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n";
        String tmplDiff = "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+c\n";
        String log = """
                [{"type":"pavu.diff.proposed.v1","payload":{"candidateId":"c1","proposer":"template"}},
                 {"type":"pavu.diff.proposed.v1","payload":{"candidateId":"c2","proposer":"llm"}},
                 {"type":"pavu.verdict.issued.v1","payload":{"candidateId":"c1","verdict":"FAIL","diff":%s,"pattern":"off-by-one","reason":"1 failed"}},
                 {"type":"pavu.verdict.issued.v1","payload":{"candidateId":"c2","verdict":"FAIL","diff":%s,"pattern":"llm-repair",
                   "reason":"2 failed","failingTests":[{"testId":"demo.T#a","message":"expected 1"}]}},
                 {"type":"pavu.verdict.issued.v1","payload":{"candidateId":"c3","verdict":"SKIPPED","diff":%s}}]
                """.formatted(json(tmplDiff), json(llmDiff), json(llmDiff));
        List<TriedCandidate> t = TriedHistory.fromEvents(new ObjectMapper().readTree(log),
                Set.of(UnifiedDiffs.hash(llmDiff), UnifiedDiffs.hash(tmplDiff)), 3);
        assertEquals(2, t.size());
        assertEquals(new TriedCandidate("llm", "llm-repair", llmDiff, "FAIL", "2 failed", "demo.T#a: expected 1"), t.getFirst());
        assertEquals("template", t.get(1).proposer());
        assertFalse(TriedHistory.fromEvents(new ObjectMapper().readTree(log), Set.of(), 3).iterator().hasNext(),
                "only the plan's tried hashes");
    }

    @Test
    void reviewAnswersAreRead() {
        assertEquals(new SelfReview.Verdict(true, "breaks the empty case"), SelfReview.read("REJECT: breaks the empty case\nmore"));
        assertEquals(new SelfReview.Verdict(false, "looks right"), SelfReview.read("**ACCEPT** looks right"));
        assertFalse(SelfReview.read("hmm").veto());
    }

    private static String json(String s) throws Exception {
        return new ObjectMapper().writeValueAsString(s);
    }
}
