package dev.pavu.planner.strategy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TaskKind;
import dev.pavu.contracts.TaskSpec;
import dev.pavu.contracts.TestFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CostModelTest {

    // the configured defaults (StrategyConfig), hand-set priors
    static final CostModel.Coefficients REPAIR = new CostModel.Coefficients(0.3, -0.4, 1.2, 1.5, -0.3, 0.8, 3.0, -0.6, 0.5, 120);
    static final CostModel.Coefficients REGENERATE = new CostModel.Coefficients(-0.5, -0.2, 0.8, 0.5, -0.7, 3.0, 3.0, -0.8, 0.4, 60);

    @Test
    void theNumbersOfAShortWronglyWrittenMethodWithACapableModel() {
        Features f = new Features(2, 0.9, 0.05, 8, 0.8, 0.5, 0.4, 0, 0, true);
        CostModel.Estimate e = CostModel.estimate(f, REPAIR, REGENERATE, false);
        Map<String, Double> n = e.numbers();
        // repair: 0.3 − 0.4·ln3 + 1.2·0.9 + 1.5·0.05 − 0.3·ln8 + 0.8·0.8 + 0 + 0
        double logitRepair = 0.3 - 0.4 * Math.log(3) + 1.08 + 0.075 - 0.3 * Math.log(8) + 0.64;
        double logitRegenerate = -0.5 - 0.2 * Math.log(3) + 0.72 + 0.025 - 0.7 * Math.log(8) + 2.4;
        assertEquals(logitRepair, n.get("logitRepair"), 1e-4);
        assertEquals(logitRegenerate, n.get("logitRegenerate"), 1e-4);
        double pRepair = 1 / (1 + Math.exp(-logitRepair));
        double pRegenerate = 1 / (1 + Math.exp(-logitRegenerate));
        assertEquals(pRepair, n.get("pRepair"), 1e-4);
        assertEquals(pRegenerate, n.get("pRegenerate"), 1e-4);
        assertEquals(120 / pRepair, n.get("expectedCostRepair"), 1e-2);
        assertEquals(60 / pRegenerate, n.get("expectedCostRegenerate"), 1e-2);
        assertEquals(0.7372, n.get("pRepair"), 1e-4);
        assertEquals(0.7251, n.get("pRegenerate"), 1e-4);
        assertEquals("regenerate", e.strategy(), "half the cost per attempt at about the same chance");
        assertTrue(e.summary().startsWith("expected cost of repairing 163 s (120 s / P 0.74) vs regenerating 83 s (60 s / P 0.73): "
                + "regenerate is cheaper"), e.summary());
        // every feature and every term is recorded
        for (String k : List.of("failingTests", "topScore", "scoreMargin", "methodLines", "capability", "pastRepairRate",
                "pastRegenerateRate", "earlierRepairs", "earlierRegenerations", "modelAvailable", "repairTerm.topScore",
                "regenerateTerm.capability", "costPerRepairAttempt", "costPerRegeneration")) {
            assertTrue(n.containsKey(k), k + " in " + n.keySet());
        }
        assertEquals(0.075, n.get("repairTerm.scoreMargin"), 1e-9);
        assertEquals(-0.7 * Math.log(8), n.get("regenerateTerm.methodLines"), 1e-4);
    }

    @Test
    void aConfidentLocalisationInALongMethodIsRepaired() {
        Features f = new Features(1, 1.0, 0.3, 40, 0.55, 0.5, 0.4, 0, 0, true);
        CostModel.Estimate e = CostModel.estimate(f, REPAIR, REGENERATE, false);
        assertEquals("repair", e.strategy(), e.summary());
        assertTrue(e.numbers().get("expectedCostRepair") < e.numbers().get("expectedCostRegenerate"));
    }

    @Test
    void withoutAModelRegeneratingIsNoOptionAndAGenerationTaskAlwaysRegenerates() {
        Features none = new Features(2, 0.9, 0.05, 8, 0.0, 0.5, 0.4, 0, 0, false);
        CostModel.Estimate e = CostModel.estimate(none, REPAIR, REGENERATE, false);
        assertEquals("repair", e.strategy());
        assertEquals(0.0, e.numbers().get("pRegenerate"));
        assertFalse(e.numbers().containsKey("expectedCostRegenerate"), "no cost for an option that does not exist");
        assertTrue(e.summary().contains("regenerating needs a proposer model"), e.summary());

        Features implement = new Features(1, 1.0, 0.5, 60, 0.3, 0.5, 0.4, 0, 0, true);
        CostModel.Estimate g = CostModel.estimate(implement, REPAIR, REGENERATE, true);
        assertEquals("regenerate", g.strategy());
        assertTrue(g.summary().endsWith("regenerate (the task asks for generation)"), g.summary());
    }

    @Test
    void failedAttemptsAndPastSuccessMoveTheProbabilities() {
        Features first = new Features(2, 0.9, 0.05, 8, 0.8, 0.5, 0.4, 0, 0, true);
        Features afterTwoRegenerations = new Features(2, 0.9, 0.05, 8, 0.8, 0.5, 0.4, 0, 2, true);
        double p0 = CostModel.estimate(first, REPAIR, REGENERATE, false).numbers().get("pRegenerate");
        CostModel.Estimate later = CostModel.estimate(afterTwoRegenerations, REPAIR, REGENERATE, false);
        assertTrue(later.numbers().get("pRegenerate") < p0 - 0.3, later.numbers().toString());
        assertEquals("repair", later.strategy(), "two failed regenerations: patch the lines instead");

        Features goodHistory = new Features(2, 0.9, 0.05, 8, 0.8, 0.9, 0.4, 0, 0, true);
        assertEquals(3.0 * 0.4, CostModel.estimate(goodHistory, REPAIR, REGENERATE, false).numbers().get("repairTerm.pastSuccess"), 1e-9);
    }

    @Test
    void pastSuccessRatesAreSmoothedCountsFromTheUpdater() throws Exception {
        var view = new ObjectMapper().readTree("""
                {"patterns":[{"pattern":"off-by-one","jobs":10,"candidates":300,"passes":6},
                             {"pattern":"llm-regenerate","jobs":4,"candidates":9,"passes":3}],
                 "failureKinds":[{"failureKind":"AssertionFailedError","jobs":12,"candidates":400,"passes":8},
                                 {"failureKind":"NullPointerException","jobs":2,"candidates":20,"passes":1}]}""");
        PastSuccess.Rates r = PastSuccess.of(view, 0.5, 0.4, 5);
        assertEquals(10, r.repairJobs());       // 14 jobs − 4 regenerations
        assertEquals(4, r.regenJobs());
        assertEquals((6 + 5 * 0.5) / (10 + 5), r.repair(), 1e-9);   // 9 passes − 3 regenerated
        assertEquals((3 + 5 * 0.4) / (4 + 5), r.regenerate(), 1e-9);
        assertTrue(r.fromUpdater());
    }

    @Test
    void theGatewaysAliasesAndCapabilities() throws Exception {
        var models = new ObjectMapper().readTree("""
                {"object":"list","data":[
                  {"id":"coder","backends":[{"capability":0.55,"circuit":"OPEN"},{"capability":0.75,"circuit":"CLOSED"}]},
                  {"id":"plain","backends":[{"capability":0.0,"circuit":"CLOSED"}]}]}""");
        ModelDirectory.Aliases a = ModelDirectory.read(models, "http://gw");
        assertEquals(0.75, a.capability("coder").orElseThrow(), "the first backend whose circuit is not open");
        assertTrue(a.knows("plain") && a.capability("plain").isEmpty(), "0 = not given: the configured default applies");
        assertFalse(a.knows("reasoner"));

        assertTrue(StrategyService.unusable("reasoner", a).orElseThrow().contains("does not know models.proposer \"reasoner\" "
                + "(it serves: coder, plain); configure the alias in the gateway's models file (pavu.gateway.models-file"));
        ModelDirectory.Aliases empty = ModelDirectory.read(new ObjectMapper().readTree("{\"data\":[]}"), "http://gw");
        assertTrue(StrategyService.unusable("coder", empty).orElseThrow().contains("(it serves: no model at all)"));
        ModelDirectory.Aliases down = new ModelDirectory.Aliases(Map.of(), "the model gateway at http://gw could not be reached", "http://gw");
        assertTrue(StrategyService.unusable("coder", down).orElseThrow().contains("could not be reached; start the gateway"));
        assertEquals("task kind IMPLEMENT needs a language model: give models.proposer (e.g. \"coder\") in the job and configure "
                + "the alias in the gateway's models file (pavu.gateway.models-file, env PAVU_GATEWAY_MODELS_FILE)", StrategyService.noProposer());
    }

    @Test
    void theSuspiciousMethodsAreReadFromTheCheckoutAndPutIntoTheExplorationPrompt(@TempDir Path root) throws Exception {
        String file = "src/main/java/demo/Stats.java";
        Files.createDirectories(root.resolve(file).getParent());
        Files.writeString(root.resolve(file), """
                package demo;

                public final class Stats {
                    public static int sumTo(int n) {
                        int total = 0;
                        for (int i = 1; i < n; i++) {
                            total += i;
                        }
                        return total;
                    }

                    public static int twice(int n) {
                        return 2 * n;
                    }
                }
                """);
        List<SuspiciousLocation> locs = List.of(new SuspiciousLocation(file, 6, "demo.Stats", "sumTo", 0.9, "call-graph"),
                new SuspiciousLocation(file, 7, "demo.Stats", "sumTo", 0.8, "call-graph"),
                new SuspiciousLocation(file, 13, "demo.Stats", "twice", 0.3, "call-graph"),
                new SuspiciousLocation("src/main/java/demo/Missing.java", 1, null, null, 0.2, "call-graph"));
        List<CodeContext.Method> methods = CodeContext.methods(root, locs, 3);
        assertEquals(2, methods.size(), "one entry per method");
        CodeContext.Method m = methods.getFirst();
        assertEquals(List.of(file, "sumTo", 4, 10), List.of(m.file(), m.name(), m.begin(), m.end()));
        assertTrue(m.text().startsWith("    public static int sumTo(int n) {\n        int total = 0;") && m.text().endsWith("return total;\n    }"),
                m.text());
        assertEquals(7, methods.getFirst().lines());

        CostModel.Estimate e = CostModel.estimate(new Features(1, 0.9, 0.1, 7, 0.8, 0.5, 0.4, 0, 0, true), REPAIR, REGENERATE, false);
        String prompt = Exploration.prompt(new TaskSpec(TaskKind.REPAIR, "fix sumTo", null, null, Map.of()),
                List.of(new TestFailure("demo.StatsTest#sumTo", "demo.StatsTest", "sumTo", "failure", "expected: <15> but was: <10>", null)),
                methods, e, 80);
        assertTrue(prompt.startsWith("# Task\nfix sumTo (REPAIR)\n\n# Failing tests\n- demo.StatsTest#sumTo: expected: <15> but was: <10>\n"), prompt);
        assertTrue(prompt.contains("## " + file + " lines 4–10 (sumTo)\n```java\n    public static int sumTo(int n) {"), prompt);
        assertTrue(prompt.contains("# Cost model\nexpected cost of repairing"), prompt);
    }
}
