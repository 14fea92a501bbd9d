package dev.pavu.actuator.proposer.llm;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import dev.pavu.actuator.proposer.JavaSources;
import dev.pavu.contracts.PlanKind;
import dev.pavu.contracts.PlanProposed;
import dev.pavu.contracts.SuspiciousLocation;
import dev.pavu.contracts.TestFailure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Builds the proposer's prompt from a plan and the checkout: the task, the planner's strategy (its decision's
 * rationale), the failing tests with their messages and stack traces, the suspicious code (whole files when
 * small; otherwise the lines around each suspicious line, and for a GENERATE plan the whole enclosing
 * methods), the most suspicious lines listed with their scores, and the earlier candidates that failed and
 * why. Everything is cut to fit {@link Settings#maxChars()}; the code comes before the history.
 */
public final class PromptBuilder {

    /**
     * Limits of a prompt.
     *
     * @param contextLines  lines shown above and below a suspicious line in a large file
     * @param maxLocations  suspicious locations used, most suspicious first
     * @param wholeFileLines files up to this many lines are shown whole
     * @param maxTests      failing tests shown
     * @param maxTried      earlier failed candidates shown
     * @param maxChars      characters of the user message at most
     */
    public record Settings(int contextLines, int maxLocations, int wholeFileLines, int maxTests, int maxTried, int maxChars) {
        /** 12 lines, 8 locations, 200-line files whole, 6 tests, 3 earlier candidates, 24 000 characters. */
        public static final Settings DEFAULT = new Settings(12, 8, 200, 6, 3, 24_000);
    }

    static final String FORMAT = """
            Answer with SEARCH/REPLACE blocks, one per change, each preceded by the file's path on its own line:

            src/main/java/com/example/Foo.java
            <<<<<<< SEARCH
            exact lines copied from the file, enough of them to be unique
            =======
            the lines that replace them
            >>>>>>> REPLACE

            A unified diff (--- a/<path>, +++ b/<path>, @@ hunks) is accepted too. Never change test files.""";

    static final String SYSTEM_REPAIR = """
            You are a careful Java engineer repairing a bug. Failing tests show the expected behaviour; the \
            suspicious lines come from fault localisation and may be wrong. Make the smallest change to the main \
            code that makes the failing tests pass without breaking other behaviour.
            """ + FORMAT;

    static final String SYSTEM_GENERATE = """
            You are a careful Java engineer. The method(s) shown must be (re)written so that the failing tests \
            pass: the current body is wrong or missing. Write the whole new method: answer with the complete \
            method in a ```java block (same name and parameters; helper methods may follow it), or with \
            SEARCH/REPLACE blocks.
            """ + FORMAT;

    private PromptBuilder() {
    }

    /**
     * @param plan     a REPAIR or GENERATE plan
     * @param tree     the checkout
     * @param tried    earlier failed candidates of the job (may be empty)
     * @param settings limits
     * @return the prompt
     */
    public static Prompt build(PlanProposed plan, SourceTree tree, List<TriedCandidate> tried, Settings settings) {
        boolean generate = plan.kind() == PlanKind.GENERATE;
        StringBuilder u = new StringBuilder();
        u.append("# Task\n").append(plan.task().text().isBlank() ? "Make the failing tests pass." : plan.task().text().strip())
                .append(" (").append(plan.task().kind()).append(generate ? ", regenerate the suspicious method" : ", repair")
                .append(")\n\n");
        if (plan.decision() != null && plan.decision().rationale() != null && !plan.decision().rationale().isBlank()) {
            u.append("# Planner's strategy: ").append(plan.decision().strategy()).append('\n')
                    .append(plan.decision().rationale().strip()).append("\n\n");
        }
        appendTests(u, plan.failingTests(), settings);
        List<SuspiciousLocation> locs = plan.locations().stream().filter(l -> l.file() != null)
                .limit(settings.maxLocations()).toList();
        appendCode(u, locs, tree, generate, settings);
        int budget = settings.maxChars();
        if (u.length() > budget) {
            u.setLength(budget);
            u.append("\n… (cut)\n\n");
        }
        StringBuilder history = new StringBuilder();
        appendTried(history, plan.triedPatchHashes().size(), tried, settings);
        if (u.length() + history.length() <= budget + 2_000) {
            u.append(history);
        } else if (!plan.triedPatchHashes().isEmpty()) {
            u.append("# Earlier attempts\n").append(plan.triedPatchHashes().size())
                    .append(" candidate patches were tried already and failed; propose something different.\n\n");
        }
        u.append("# Answer\n").append(generate
                ? "Give the complete corrected method(s)."
                : "Give one fix: the SEARCH/REPLACE blocks (or unified diff) only.").append('\n');
        return new Prompt(generate ? SYSTEM_GENERATE : SYSTEM_REPAIR, u.toString());
    }

    private static void appendTests(StringBuilder u, List<TestFailure> tests, Settings s) {
        if (tests.isEmpty()) {
            return;
        }
        u.append("# Failing tests (").append(tests.size()).append(")\n");
        for (TestFailure t : tests.stream().limit(s.maxTests()).toList()) {
            u.append("## ").append(t.testId()).append(t.kind() == null ? "" : " (" + t.kind() + ")").append('\n');
            if (t.message() != null && !t.message().isBlank()) {
                u.append("message: ").append(cut(t.message().strip(), 800)).append('\n');
            }
            if (t.stackTrace() != null && !t.stackTrace().isBlank()) {
                List<String> frames = t.stackTrace().lines().filter(l -> !l.isBlank())
                        .filter(l -> !l.contains("org.junit.") && !l.contains("java.base/jdk.internal")
                                && !l.contains("java.base/java.lang.reflect") && !l.contains("org.apache.maven.surefire"))
                        .limit(14).toList();
                u.append("stack trace:\n");
                frames.forEach(f -> u.append("    ").append(f.strip()).append('\n'));
            }
        }
        if (tests.size() > s.maxTests()) {
            u.append("(and ").append(tests.size() - s.maxTests()).append(" more)\n");
        }
        u.append('\n');
    }

    private static void appendCode(StringBuilder u, List<SuspiciousLocation> locs, SourceTree tree, boolean generate,
                                   Settings s) {
        Map<String, List<SuspiciousLocation>> byFile = new LinkedHashMap<>();
        locs.forEach(l -> byFile.computeIfAbsent(l.file(), f -> new ArrayList<>()).add(l));
        if (byFile.isEmpty()) {
            return;
        }
        u.append("# Most suspicious lines (fault localisation)\n");
        for (SuspiciousLocation l : locs) {
            String line = tree.read(l.file()).map(t -> lineOf(t, l.line())).orElse("");
            u.append("- ").append(l.file()).append(':').append(l.line())
                    .append(l.methodName() == null ? "" : " in " + l.methodName())
                    .append(String.format(Locale.ROOT, " (score %.2f, %s)", l.score(), l.evidence()))
                    .append(line.isBlank() ? "" : ": `" + line.strip() + "`").append('\n');
        }
        u.append('\n');
        for (Map.Entry<String, List<SuspiciousLocation>> e : byFile.entrySet()) {
            Optional<String> text = tree.read(e.getKey());
            if (text.isEmpty()) {
                continue;
            }
            List<String> lines = TextLines.of(text.get()).lines();
            if (lines.size() <= s.wholeFileLines()) {
                u.append("# File ").append(e.getKey()).append("\n```java\n").append(String.join("\n", lines))
                        .append("\n```\n\n");
                continue;
            }
            TreeSet<Integer> shown = new TreeSet<>();
            for (SuspiciousLocation l : e.getValue()) {
                int from = l.line() - s.contextLines();
                int to = l.line() + s.contextLines();
                if (generate) {
                    int[] m = enclosingMember(text.get(), l.line());
                    if (m != null) {
                        from = Math.min(from, m[0]);
                        to = Math.max(to, m[1]);
                    }
                }
                for (int i = Math.max(1, from); i <= Math.min(lines.size(), to); i++) {
                    shown.add(i);
                }
            }
            u.append("# File ").append(e.getKey()).append(" (excerpts; ").append(lines.size()).append(" lines in all)\n");
            int prev = -1;
            for (int i : shown) {
                if (i != prev + 1) {
                    if (prev > 0) {
                        u.append("```\n");
                    }
                    u.append("lines ").append(i).append('–').append(runEnd(shown, i)).append(":\n```java\n");
                }
                u.append(lines.get(i - 1)).append('\n');
                prev = i;
            }
            u.append("```\n\n");
        }
    }

    private static int runEnd(TreeSet<Integer> shown, int from) {
        int i = from;
        while (shown.contains(i + 1)) {
            i++;
        }
        return i;
    }

    /** @return {first, last} line of the method or constructor holding {@code line}, or {@code null} */
    static int[] enclosingMember(String text, int line) {
        Optional<CompilationUnit> cu = JavaSources.parse(text);
        if (cu.isEmpty()) {
            return null;
        }
        int[] best = null;
        for (CallableDeclaration<?> d : cu.get().findAll(CallableDeclaration.class)) {
            if (d.getBegin().isEmpty() || d.getEnd().isEmpty()) {
                continue;
            }
            int b = d.getBegin().get().line;
            int e = d.getEnd().get().line;
            if (b <= line && line <= e && (best == null || e - b < best[1] - best[0])) {
                best = new int[]{b, e};
            }
        }
        return best;
    }

    private static void appendTried(StringBuilder u, int triedCount, List<TriedCandidate> tried, Settings s) {
        if (triedCount == 0 && tried.isEmpty()) {
            return;
        }
        u.append("# Earlier attempts that did not pass\n");
        if (triedCount > 0) {
            u.append(triedCount).append(" candidate patch").append(triedCount == 1 ? " was" : "es were")
                    .append(" verified already; none made all tests pass. Do not repeat them.\n");
        }
        for (TriedCandidate t : tried.stream().limit(s.maxTried()).toList()) {
            u.append("## ").append(t.proposer()).append(" / ").append(t.pattern()).append(": ").append(t.verdict());
            if (t.reason() != null && !t.reason().isBlank()) {
                u.append(" — ").append(cut(t.reason().strip(), 300));
            }
            u.append('\n');
            if (t.firstFailure() != null && !t.firstFailure().isBlank()) {
                u.append("still failing: ").append(cut(t.firstFailure().strip(), 400)).append('\n');
            }
            u.append("```diff\n").append(cut(t.diff().strip(), 1500)).append("\n```\n");
        }
        u.append('\n');
    }

    private static String lineOf(String text, int line) {
        List<String> lines = TextLines.of(text).lines();
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + " …";
    }
}
