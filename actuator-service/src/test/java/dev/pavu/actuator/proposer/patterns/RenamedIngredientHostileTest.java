package dev.pavu.actuator.proposer.patterns;

import dev.pavu.actuator.proposer.JavaSources;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.SourceFile;
import dev.pavu.actuator.proposer.SuspiciousLine;
import dev.pavu.actuator.proposer.Targets;
import dev.pavu.actuator.proposer.TemplateProposer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile sources for statement insertion with renaming: a huge method, deep nesting and a file that does not parse
 * end in a bounded number of candidates or a clear refusal, in bounded time.
 */
class RenamedIngredientHostileTest {

    private final RenamedIngredientInsertion pattern = new RenamedIngredientInsertion();

    @Test
    void aHugeMethodGivesABoundedNumberOfCandidatesQuickly() {
        StringBuilder src = new StringBuilder("class Huge {\n    static int run(int a0) {\n");
        int locals = 60;
        for (int k = 1; k < locals; k++) {
            src.append("        int a").append(k).append(" = a").append(k - 1).append(" + ").append(k).append(";\n");
        }
        int statements = 4000;
        for (int k = 0; k < statements; k++) {
            src.append("        a").append(k % locals).append(" += a").append((k * 7 + 3) % locals).append(";\n");
        }
        src.append("        return a1;\n    }\n}\n");
        String text = src.toString();
        int line = locals + 2 + statements / 2;
        var unit = JavaSources.parse(text).orElseThrow();
        MutationContext ctx = new MutationContext(SourceFile.of("Huge.java", text), unit);
        // generous under a loaded 2-core machine; the pool bound keeps it to well under a second unloaded
        var mutations = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Targets.at(unit, line).stream()
                .flatMap(t -> pattern.apply(t, ctx).stream()).toList());
        assertTrue(!mutations.isEmpty() && mutations.size() <= RenamedIngredientInsertion.Limits.DEFAULTS.perLocation(),
                () -> mutations.size() + " mutations");
    }

    @Test
    void deepNestingGivesABoundedNumberOfCandidates() {
        int depth = 150;
        StringBuilder src = new StringBuilder("class Deep {\n    static int run(int x, int y) {\n        int count = 0;\n");
        for (int k = 0; k < depth; k++) {
            src.append("  ".repeat(k)).append("        if (x > ").append(k).append(") {\n");
            src.append("  ".repeat(k)).append("            count += y;\n");
        }
        src.append("  ".repeat(depth)).append("        x--;\n");
        for (int k = depth - 1; k >= 0; k--) {
            src.append("  ".repeat(k)).append("        }\n");
        }
        src.append("        return count;\n    }\n}\n");
        String text = src.toString();
        int line = 3 + 2 * depth + 1;
        var proposal = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> TemplateProposer.withDefaults()
                .propose(SourceFile.of("src/main/java/Deep.java", text), List.of(new SuspiciousLine(line, 1.0, 0))));
        long insertions = proposal.mutants().stream().filter(m -> m.pattern().equals(RenamedIngredientInsertion.NAME)).count();
        assertTrue(insertions > 0 && insertions <= RenamedIngredientInsertion.Limits.DEFAULTS.perLocation(),
                () -> insertions + " insertions; problems " + proposal.problems());
        assertTrue(proposal.problems().isEmpty(), () -> proposal.problems().toString());
    }

    @Test
    void aSourceThatDoesNotParseIsRefusedWithTheReason() {
        var proposal = TemplateProposer.withDefaults().propose(SourceFile.of("src/main/java/Broken.java",
                "class Broken {\n    void f(int x) {\n        x += ;\n    }\n"), List.of(new SuspiciousLine(3, 1.0, 0)));
        assertTrue(proposal.mutants().isEmpty());
        assertTrue(proposal.problems().size() == 1 && proposal.problems().getFirst().contains("does not parse"),
                () -> proposal.problems().toString());
    }
}
