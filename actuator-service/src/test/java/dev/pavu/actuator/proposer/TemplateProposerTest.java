package dev.pavu.actuator.proposer;

import dev.pavu.actuator.proposer.patterns.StatementDeletion;
import dev.pavu.workspace.diff.UnifiedDiffs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proposer on a small realistic class with seeded bugs: the true fix of each must be among the
 * candidates, ranked near the top, when fault localisation points at the buggy line among others.
 */
class TemplateProposerTest {

    static final String PATH = "src/main/java/com/acme/stats/Stats.java";

    static final String CORRECT = """
            package com.acme.stats;

            import java.util.List;

            /** Small statistics over int arrays. */
            public final class Stats {

                private Stats() {
                }

                /** Sum of 1..n. */
                public static int sumTo(int n) {
                    int total = 0;
                    for (int i = 1; i <= n; i++) {
                        total += i;
                    }
                    return total;
                }

                /** Clamps value into [lo, hi]. */
                public static int clamp(int value, int lo, int hi) {
                    if (value < lo) {
                        return lo;
                    }
                    return value > hi ? hi : value;
                }

                /** Percentage of part in whole, clamped to [0, 100]. */
                public static int percent(int part, int whole) {
                    int raw = whole == 0 ? 0 : part * 100 / whole;
                    return clamp(raw, 0, 100);
                }

                /** Difference between the largest and the smallest value. */
                public static int range(int[] values) {
                    int hi = values[0];
                    int lo = values[0];
                    for (int v : values) {
                        if (v > hi) {
                            hi = v;
                        }
                        if (v < lo) {
                            lo = v;
                        }
                    }
                    return hi - lo;
                }

                /** The last value. */
                public static int last(int[] values) {
                    return values[values.length - 1];
                }

                /** Average of the values of a list, 0 for an empty list. */
                public static double mean(List<Integer> values) {
                    if (values.isEmpty()) {
                        return 0;
                    }
                    long sum = 0;
                    for (int v : values) {
                        sum += v;
                    }
                    return (double) sum / values.size();
                }
            }
            """;

    @TempDir
    Path repo;

    @Test
    void loopBoundLessInsteadOfLessEquals() throws IOException {
        String buggy = CORRECT.replace("i <= n;", "i < n;");
        Result r = propose(buggy, List.of(new SuspiciousLine(line(buggy, "total += i;"), 0.9, 0),
                new SuspiciousLine(line(buggy, "i < n;"), 0.9, 1),
                new SuspiciousLine(line(buggy, "return total;"), 0.6, 2)));
        int rank = r.rankOf(buggy, CORRECT);
        assertTrue(rank >= 0 && rank < 3, "true fix ranked " + rank + ": " + r.descriptions());
        assertEquals("Stats.java:" + line(buggy, "i < n;") + " replace < with <=", r.selection.candidates().get(rank).description());
        assertEquals("relational-operator-replacement", r.selection.candidates().get(rank).pattern());
    }

    @Test
    void swappedArguments() throws IOException {
        String buggy = CORRECT.replace("return clamp(raw, 0, 100);", "return clamp(0, raw, 100);");
        Result r = propose(buggy, List.of(
                new SuspiciousLine(line(buggy, "return value > hi"), 0.7, 0),
                new SuspiciousLine(line(buggy, "return clamp(0, raw, 100);"), 0.7, 1),
                new SuspiciousLine(line(buggy, "int raw ="), 0.5, 2)));
        int rank = r.rankOf(buggy, CORRECT);
        assertTrue(rank >= 0 && rank < 8, "true fix ranked " + rank + ": " + r.descriptions());
        assertEquals("swapped-arguments", r.selection.candidates().get(rank).pattern());
    }

    @Test
    void wrongVariable() throws IOException {
        String buggy = CORRECT.replace("return hi - lo;", "return hi - hi;");
        Result r = propose(buggy, List.of(
                new SuspiciousLine(line(buggy, "return hi - hi;"), 1.0, 0),
                new SuspiciousLine(line(buggy, "if (v > hi)"), 0.6, 1),
                new SuspiciousLine(line(buggy, "if (v < lo)"), 0.6, 2)));
        int rank = r.rankOf(buggy, CORRECT);
        assertTrue(rank >= 0 && rank < 12, "true fix ranked " + rank + ": " + r.descriptions());
        assertEquals("variable-replacement", r.selection.candidates().get(rank).pattern());
    }

    @Test
    void offByOneIndex() throws IOException {
        String buggy = CORRECT.replace("values[values.length - 1]", "values[values.length]");
        Result r = propose(buggy, List.of(new SuspiciousLine(line(buggy, "return values[values.length];"), 1.0, 0)));
        int rank = r.rankOf(buggy, CORRECT);
        assertTrue(rank >= 0 && rank < 3, "true fix ranked " + rank + ": " + r.descriptions());
        assertEquals("off-by-one", r.selection.candidates().get(rank).pattern());
    }

    @Test
    void arithmeticOperator() throws IOException {
        String buggy = CORRECT.replace("part * 100 / whole", "part * 100 * whole");
        Result r = propose(buggy, List.of(new SuspiciousLine(line(buggy, "int raw ="), 0.8, 0),
                new SuspiciousLine(line(buggy, "return clamp(raw"), 0.8, 1)));
        int rank = r.rankOf(buggy, CORRECT);
        assertTrue(rank >= 0 && rank < 8, "true fix ranked " + rank + ": " + r.descriptions());
    }

    @Test
    void candidatesAreUniqueParseCheckedAndOrdered() throws IOException {
        String buggy = CORRECT.replace("i <= n;", "i < n;");
        Result r = propose(buggy, List.of(new SuspiciousLine(line(buggy, "i < n;"), 0.9, 0),
                new SuspiciousLine(line(buggy, "total += i;"), 0.5, 1)));
        List<Candidate> cs = r.selection.candidates();
        assertFalse(cs.isEmpty());
        assertEquals(cs.size(), cs.stream().map(Candidate::hash).distinct().count());
        for (int i = 1; i < cs.size(); i++) {
            assertTrue(cs.get(i - 1).priority() >= cs.get(i).priority(), "not ordered at " + i);
        }
        for (Candidate c : cs) {
            assertTrue(c.diff().startsWith("diff --git a/" + PATH + " b/" + PATH), c.diff());
            // one changed line at most (a null-check guard or an inserted statement adds one; a deletion removes
            // some; a moved statement rewrites its line and its neighbour's, a coordinated edit two lines)
            long minus = c.diff().lines().filter(l -> l.startsWith("-") && !l.startsWith("---")).count();
            long plus = c.diff().lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")).count();
            int maxPlus = c.pattern().equals("statement-swap") || c.pattern().equals(CoordinatedEdits.NAME) ? 2 : 1;
            assertTrue(minus <= 3 && plus <= maxPlus, c.description() + "\n" + c.diff());
        }
    }

    @Test
    void maxCandidatesAndTriedHashesAreHonoured() throws IOException {
        String buggy = CORRECT.replace("i <= n;", "i < n;");
        List<SuspiciousLine> lines = List.of(new SuspiciousLine(line(buggy, "i < n;"), 0.9, 0));
        Result all = propose(buggy, lines);
        String firstHash = all.selection.candidates().getFirst().hash();
        Files.createDirectories(repo.resolve(PATH).getParent());
        Files.writeString(repo.resolve(PATH), buggy);
        var mutants = TemplateProposer.withDefaults().propose(SourceFile.of(PATH, buggy), lines).mutants();
        var cut = CandidateFactory.against(repo).select(mutants, 2, Set.of(firstHash));
        assertEquals(2, cut.candidates().size());
        assertEquals(all.selection.candidates().get(1).hash(), cut.candidates().get(0).hash());
        assertTrue(cut.rejections().stream().anyMatch(s -> s.endsWith("already tried")), cut.rejections().toString());
    }

    @Test
    void sameInputGivesTheSameCandidates() throws IOException {
        String buggy = CORRECT.replace("i <= n;", "i < n;");
        List<SuspiciousLine> lines = List.of(new SuspiciousLine(line(buggy, "i < n;"), 0.9, 0),
                new SuspiciousLine(line(buggy, "total += i;"), 0.9, 1));
        assertEquals(propose(buggy, lines).descriptions(), propose(buggy, lines).descriptions());
    }

    @Test
    void unparsableFileIsAProblemNotACrash() {
        var p = TemplateProposer.withDefaults().propose(SourceFile.of(PATH, "class {"), List.of(new SuspiciousLine(1, 1, 0)));
        assertTrue(p.mutants().isEmpty());
        assertTrue(p.problems().getFirst().contains("does not parse"), p.problems().toString());
    }

    @Test
    void binarySearchThatLoopsForeverNeedsPlusOne() throws IOException {
        String fixed = """
                package demo;

                public final class Search {
                    public static int indexOf(int[] sorted, int key) {
                        int low = 0;
                        int high = sorted.length - 1;
                        while (low <= high) {
                            int mid = (low + high) >>> 1;
                            if (sorted[mid] < key) {
                                low = mid + 1;
                            } else if (sorted[mid] > key) {
                                high = mid - 1;
                            } else {
                                return mid;
                            }
                        }
                        return -1;
                    }
                }
                """;
        String buggy = fixed.replace("low = mid + 1;", "low = mid;");
        Result r = propose(PATH_OF_SEARCH, buggy, List.of(
                new SuspiciousLine(line(buggy, "while (low <= high)"), 0.7, 0),
                new SuspiciousLine(line(buggy, "if (sorted[mid] < key)"), 0.7, 1),
                new SuspiciousLine(line(buggy, "low = mid;"), 0.7, 2)));
        int rank = r.rankOf(PATH_OF_SEARCH, buggy, fixed);
        assertTrue(rank >= 0 && rank < 20, "true fix ranked " + rank + ": " + r.descriptions());
    }

    @Test
    void wrongRecordComponent() throws IOException {
        String fixed = """
                package demo;

                public record Rectangle(double width, double height) {
                    public double area() {
                        return width * height;
                    }
                }
                """;
        String buggy = fixed.replace("width * height", "width * width");
        Result r = propose(PATH_OF_RECTANGLE, buggy, List.of(new SuspiciousLine(line(buggy, "width * width"), 1.0, 0)));
        int rank = r.rankOf(PATH_OF_RECTANGLE, buggy, fixed);
        assertTrue(rank >= 0 && rank < 5, "true fix ranked " + rank + ": " + r.descriptions());
    }

    @Test
    void swappedArgumentsOfACallToAnotherClass() throws IOException {
        String fixed = """
                package demo;

                public final class Budget {
                    private final java.util.Map<String, Double> spent = new java.util.LinkedHashMap<>();

                    public double total() {
                        return spent.values().stream().mapToDouble(Double::doubleValue).sum();
                    }

                    public double shareOf(String category) {
                        double amount = spent.getOrDefault(category, 0.0);
                        return Percent.of(amount, total());
                    }
                }
                """;
        String buggy = fixed.replace("Percent.of(amount, total())", "Percent.of(total(), amount)");
        Result r = propose(PATH_OF_BUDGET, buggy, List.of(
                new SuspiciousLine(line(buggy, "return Percent.of"), 0.6, 0),
                new SuspiciousLine(line(buggy, "double amount ="), 0.5, 1),
                new SuspiciousLine(line(buggy, "return spent.values()"), 0.4, 2)));
        int rank = r.rankOf(PATH_OF_BUDGET, buggy, fixed);
        assertTrue(rank >= 0 && rank < 5, "true fix ranked " + rank + ": " + r.descriptions());
    }

    @Test
    void amongEqualPrioritiesTheSmallerEditComesFirst() {
        String src = """
                class Demo {
                    int f(int a, int b) {
                        return a + b;
                    }
                }
                """;
        FixPattern big = new FixPattern() {
            public String name() {
                return "big";
            }

            public List<Mutation> apply(com.github.javaparser.ast.Node target, MutationContext ctx) {
                return List.of(ctx.mutation(target, "return Math.max(a, b) + Math.min(a, b) * 2;", "rewrite", 1.0));
            }
        };
        FixPattern small = new FixPattern() {
            public String name() {
                return "small";
            }

            public List<Mutation> apply(com.github.javaparser.ast.Node target, MutationContext ctx) {
                return List.of(ctx.mutation(target, "return a - b;", "minus", 1.0));
            }
        };
        TemplateProposer proposer = new TemplateProposer(List.of(big, small), pattern -> 0.5);
        var mutants = proposer.propose(SourceFile.of(PATH, src), List.of(new SuspiciousLine(3, 1.0, 0))).mutants();
        assertEquals(List.of("small", "big"), mutants.stream().map(Mutant::pattern).toList());
        assertEquals(1 + 1, TemplateProposer.editSize(SourceFile.of(PATH, src), List.of(new TextEdit(
                src.indexOf("+"), src.indexOf("+") + 1, "-"))));
    }

    @Test
    void aPatchThatOnlyDeletesAStatementOrACheckIsMarked() {
        String buggy = CORRECT.replace("if (v < lo) {", "if (v < lo && v != 0) {");
        var mutants = TemplateProposer.withDefaults().propose(SourceFile.of(PATH, buggy), List.of(
                new SuspiciousLine(line(buggy, "if (v < lo && v != 0)"), 1.0, 0),
                new SuspiciousLine(line(buggy, "lo = v;"), 1.0, 1),
                new SuspiciousLine(line(buggy, "return values[values.length - 1];"), 1.0, 2))).mutants();
        List<String> marked = mutants.stream().map(Mutant::description)
                .filter(d -> d.endsWith(TemplateProposer.DELETION_ONLY_MARKER)).toList();
        assertTrue(marked.stream().anyMatch(d -> d.contains("drop sub-condition v != 0")), marked.toString());
        assertTrue(marked.stream().anyMatch(d -> d.contains("delete lo = v;")), marked.toString());
        // values.length - 1 → values.length removes code too, but no statement and no check: an off-by-one
        assertTrue(mutants.stream().anyMatch(m -> m.description().contains("with values.length")
                && !m.description().endsWith(TemplateProposer.DELETION_ONLY_MARKER)));
        assertTrue(marked.stream().noneMatch(d -> d.contains("insert") || d.contains("replace <")), marked.toString());
    }

    @Test
    void theFailureKindReachesThePriors() {
        List<String> kinds = new ArrayList<>();
        PatternPriors recording = new PatternPriors() {
            public double prior(String pattern) {
                return 0.5;
            }

            public double prior(String pattern, String failureKind) {
                kinds.add(failureKind);
                return pattern.equals(StatementDeletion.NAME) ? 1.0 : 0.1;
            }
        };
        TemplateProposer proposer = new TemplateProposer(PatternCatalog.defaults(), recording);
        var mutants = proposer.propose(SourceFile.of(PATH, CORRECT), List.of(new SuspiciousLine(line(CORRECT, "total += i;"), 1.0, 0)),
                "NullPointerException").mutants();
        assertTrue(kinds.stream().allMatch("NullPointerException"::equals) && !kinds.isEmpty());
        assertEquals(StatementDeletion.NAME, mutants.getFirst().pattern());
    }

    @Test
    void theMutantsOfOneLineAreBounded() {
        var mutants = TemplateProposer.withDefaults().propose(SourceFile.of(PATH, CORRECT),
                List.of(new SuspiciousLine(line(CORRECT, "int raw ="), 1.0, 0))).mutants();
        assertTrue(mutants.size() <= TemplateProposer.MAX_PER_LOCATION, mutants.size() + " mutants");
        assertTrue(mutants.size() > 10);
    }

    static final String PATH_OF_SEARCH = "src/main/java/demo/Search.java";
    static final String PATH_OF_RECTANGLE = "src/main/java/demo/Rectangle.java";
    static final String PATH_OF_BUDGET = "src/main/java/demo/Budget.java";

    private Result propose(String buggy, List<SuspiciousLine> lines) throws IOException {
        return propose(PATH, buggy, lines);
    }

    private Result propose(String path, String buggy, List<SuspiciousLine> lines) throws IOException {
        Files.createDirectories(repo.resolve(path).getParent());
        Files.writeString(repo.resolve(path), buggy);
        TemplateProposer.Proposal p = TemplateProposer.withDefaults().propose(SourceFile.of(path, buggy), lines);
        assertTrue(p.problems().isEmpty(), p.problems().toString());
        return new Result(CandidateFactory.against(repo).select(p.mutants(), 200, Set.of()));
    }

    static int line(String text, String fragment) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line contains " + fragment);
    }

    record Result(CandidateFactory.Selection selection) {
        int rankOf(String buggy, String fixed) {
            return rankOf(PATH, buggy, fixed);
        }

        int rankOf(String path, String buggy, String fixed) {
            String hash = UnifiedDiffs.hash(UnifiedDiffs.create(path, buggy, fixed));
            List<Candidate> cs = selection.candidates();
            for (int i = 0; i < cs.size(); i++) {
                if (cs.get(i).hash().equals(hash)) {
                    return i;
                }
            }
            return -1;
        }

        List<String> descriptions() {
            List<String> out = new ArrayList<>();
            selection.candidates().forEach(c -> out.add(c.description() + " (" + String.format("%.3f", c.priority()) + ")"));
            return out;
        }
    }
}
