package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.JavaSources;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.SourceFile;
import dev.pavu.actuator.proposer.Targets;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Applies one pattern at the line marked {@code // <-} and shows each mutation as the changed lines. */
final class PatternFixture {

    final String source;
    final int line;
    final List<Mutation> mutations;

    private PatternFixture(String source, int line, List<Mutation> mutations) {
        this.source = source;
        this.line = line;
        this.mutations = mutations;
    }

    static PatternFixture apply(FixPattern pattern, String source) {
        String[] lines = source.split("\n", -1);
        int line = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("// <-")) {
                line = i + 1;
            }
        }
        assertTrue(line > 0, "mark the target line with // <-");
        SourceFile file = SourceFile.of("src/main/java/demo/Demo.java", source);
        CompilationUnit unit = JavaSources.parse(source).orElseThrow(() -> new AssertionError("fixture does not parse"));
        MutationContext ctx = new MutationContext(file, unit);
        List<Mutation> out = new ArrayList<>();
        for (Node target : Targets.at(unit, line)) {
            out.addAll(pattern.apply(target, ctx));
        }
        return new PatternFixture(source, line, out);
    }

    /** @return per mutation, the changed region of the mutated file (stripped lines joined by a space, marker comments removed) */
    List<String> changedCode() {
        List<String> out = new ArrayList<>();
        SourceFile file = SourceFile.of("Demo.java", source);
        for (Mutation m : mutations) {
            out.add(changed(source, file.apply(m.edits())));
        }
        return out;
    }

    /** @return the descriptions */
    List<String> descriptions() {
        return mutations.stream().map(Mutation::description).toList();
    }

    /** @return each mutated file parses */
    boolean allParse() {
        SourceFile file = SourceFile.of("Demo.java", source);
        return mutations.stream().allMatch(m -> JavaSources.parse(file.apply(m.edits())).isPresent());
    }

    static String changed(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        int top = 0;
        while (top < a.length && top < b.length && a[top].equals(b[top])) {
            top++;
        }
        int ea = a.length - 1;
        int eb = b.length - 1;
        while (ea >= top && eb >= top && a[ea].equals(b[eb])) {
            ea--;
            eb--;
        }
        List<String> lines = new ArrayList<>();
        for (int i = top; i <= eb; i++) {
            lines.add(b[i].replace("// <-", "").strip());
        }
        return lines.isEmpty() ? "<deleted>" : String.join(" ", lines);
    }
}
