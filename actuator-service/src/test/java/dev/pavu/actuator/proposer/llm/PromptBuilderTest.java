package dev.pavu.actuator.proposer.llm;

import dev.pavu.contracts.Decision;
import dev.pavu.contracts.Envelope;
import dev.pavu.contracts.EventTypes;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.SourceRef;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TaskKind;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.contracts.TestFailure;
import dev.pavu.contracts.VerifySpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptBuilderTest {

    static final String PATH = EditApplierTest.PATH;

    static PlanProposed plan(PlanKind kind, List<String> tried) {
        return new PlanProposed(Envelope.of(EventTypes.PLAN_PROPOSED, UUID.randomUUID(), 1, null, "planner-service"), UUID.randomUUID(),
                kind, new SourceRef("bundle", null, null, "c".repeat(40), "a".repeat(64)),
                new TaskSpec(TaskKind.REPAIR, "make the failing tests pass", null, null, Map.of("proposer", "coder")),
                List.of(new SuspiciousLocation(PATH, 7, "demo.Stats", "sumTo", 0.82, "call-graph"),
                        new SuspiciousLocation(PATH, 8, "demo.Stats", "sumTo", 0.6, "call-graph")),
                List.of(new TestFailure("demo.StatsTest#sumTo", "demo.StatsTest", "sumTo", "failure",
                        "expected: <15> but was: <10>",
                        "org.opentest4j.AssertionFailedError: expected: <15> but was: <10>\n"
                                + "\tat org.junit.jupiter.api.AssertionUtils.fail(AssertionUtils.java:151)\n"
                                + "\tat demo.StatsTest.sumTo(StatsTest.java:12)\n")),
                12, new VerifySpec(null, 60_000, List.of(), false), tried,
                new Decision("repair", Map.of("pRepair", 0.7), "patch the loop bound; the accumulation looks right"));
    }

    @Test
    void aRepairPromptHoldsTheTestsTheCodeTheSuspiciousLinesAndTheStrategy() {
        Prompt p = PromptBuilder.build(plan(PlanKind.REPAIR, List.of()), EditApplierTest.tree(), List.of(), PromptBuilder.Settings.DEFAULT);
        assertTrue(p.system().contains("<<<<<<< SEARCH") && p.system().contains("smallest change"), p.system());
        String u = p.user();
        assertTrue(u.startsWith("# Task\nmake the failing tests pass (REPAIR, repair)"), u);
        assertTrue(u.contains("# Planner's strategy: repair\npatch the loop bound"), u);
        assertTrue(u.contains("## demo.StatsTest#sumTo (failure)\nmessage: expected: <15> but was: <10>"), u);
        assertTrue(u.contains("    at demo.StatsTest.sumTo(StatsTest.java:12)"), u);
        assertFalse(u.contains("AssertionUtils.fail"), "JUnit frames are left out");
        assertTrue(u.contains("- " + PATH + ":7 in sumTo (score 0.82, call-graph): `for (int i = 1; i < n; i++) {`"), u);
        assertTrue(u.contains("# File " + PATH + "\n```java\npackage demo;\n"), "a small file is shown whole: " + u);
        assertFalse(u.contains("Earlier attempts"));
        assertTrue(u.endsWith("# Answer\nGive one fix: the SEARCH/REPLACE blocks (or unified diff) only.\n"), u);
    }

    @Test
    void aLargeFileIsShownAroundTheSuspiciousLinesAndAGeneratePromptShowsTheWholeMethod() {
        List<String> lines = new ArrayList<>(AnchorTest.FILE.subList(0, 19));
        for (int i = 0; i < 300; i++) {
            lines.add("    static int filler" + i + "() { return " + i + "; }");
        }
        lines.add("}");
        SourceTree big = SourceTree.of(Map.of(PATH, String.join("\n", lines) + "\n"));
        PromptBuilder.Settings narrow = new PromptBuilder.Settings(1, 8, 200, 6, 3, 24_000);
        String repair = PromptBuilder.build(plan(PlanKind.REPAIR, List.of()), big, List.of(), narrow).user();
        assertTrue(repair.contains("# File " + PATH + " (excerpts; 320 lines in all)\nlines 6–9:\n```java\n        int total = 0;\n"), repair);
        assertFalse(repair.contains("public static int sumTo"), "one line of context only");

        Prompt generate = PromptBuilder.build(plan(PlanKind.GENERATE, List.of()), big, List.of(), narrow);
        assertTrue(generate.system().contains("Write the whole new method"), generate.system());
        assertTrue(generate.user().contains("lines 5–11:\n```java\n    public static int sumTo(int n) {"), generate.user());
        assertTrue(generate.user().contains("(REPAIR, regenerate the suspicious method)"), generate.user());
    }

    @Test
    void earlierFailedCandidatesAreListedWithWhyTheyFailed() {
        TriedCandidate t = new TriedCandidate("llm", "llm-repair", "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n", "FAIL",
                "1 of 3 tests failed: StatsTest#sumTo", "demo.StatsTest#sumTo: expected: <15> but was: <14>");
        String u = PromptBuilder.build(plan(PlanKind.REPAIR, List.of("h1", "h2")), EditApplierTest.tree(), List.of(t),
                PromptBuilder.Settings.DEFAULT).user();
        assertTrue(u.contains("# Earlier attempts that did not pass\n2 candidate patches were verified already"), u);
        assertTrue(u.contains("## llm / llm-repair: FAIL — 1 of 3 tests failed: StatsTest#sumTo\n"
                + "still failing: demo.StatsTest#sumTo: expected: <15> but was: <14>\n```diff\n--- a/x"), u);
    }

    @Test
    void thePromptIsCutToItsBudget() {
        PromptBuilder.Settings tiny = new PromptBuilder.Settings(12, 8, 200, 6, 3, 300);
        String u = PromptBuilder.build(plan(PlanKind.REPAIR, List.of()), EditApplierTest.tree(), List.of(), tiny).user();
        assertTrue(u.length() < 300 + 200, "length " + u.length());
        assertTrue(u.contains("… (cut)"));
        assertEquals(1, u.split("# Answer").length - 1);
    }
}
