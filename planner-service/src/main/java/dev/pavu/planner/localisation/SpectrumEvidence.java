package dev.pavu.planner.localisation;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.pavu.contracts.TestCoverage;
import dev.pavu.contracts.TestFailure;
import dev.pavu.planner.localisation.ProjectIndex.LineHit;
import dev.pavu.planner.localisation.ProjectIndex.MethodInfo;
import dev.pavu.planner.localisation.ProjectIndex.TypeInfo;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Spectrum-based evidence: the suspiciousness of each main-code statement from per-test line coverage of the
 * baseline run ({@link LocalisationInput#coverage()}), by a {@link SpectrumFormula} (Ochiai by default).
 *
 * <ol>
 *   <li><b>Tests.</b> A test is failing when its coverage says so, when the verdict lists it as failing
 *       ({@code Class#method}, a parameterised suffix ignored), or — for a failure naming only a class (a run
 *       killed at its time limit while that class ran) with no failing coverage entry of that class — when it
 *       belongs to that class.</li>
 *   <li><b>Statements.</b> Each covered line of an indexed main file is mapped to the statement that covers it
 *       ({@link ProjectIndex#statementAt}); lines outside any statement of a method (a closing brace, a field)
 *       are dropped. A test executes a statement when it covers any of its lines.</li>
 *   <li><b>Counts and formula.</b> Per statement {@code ef, ep} and {@code nf = F − ef}, {@code np = P − ep}
 *       over the {@code F} failing and {@code P} passing tests; score = {@link SpectrumFormula#score}.</li>
 *   <li><b>Guard lifting</b> (Pavu's heuristic, not from the papers): a bare jump — {@code break},
 *       {@code continue} or {@code return;} without a value — holds no expression that could be wrong; when it
 *       is suspicious, the decision to take it is. So the {@code if} or loop that directly guards a bare jump
 *       takes the jump's score when that is higher than its own (a negated early exit makes the {@code break}
 *       look guilty: the condition is then ranked with it, above it through its statement weight). Lifting from
 *       every guarded statement was tried and dropped: on the 46 programs of {@code bench/bugs} it put the
 *       condition ahead of faulty assignments in its block and lost 7 first places.</li>
 *   <li>The score is multiplied by the statement's {@link StatementLines} weight (conditions, loop headers and
 *       returns 1, others 0.9), like the other sources.</li>
 * </ol>
 * Nothing is returned without coverage or without a failing test in it.
 */
public final class SpectrumEvidence implements Evidence {

    private final SpectrumFormula formula;

    /** @param formula the suspiciousness formula */
    public SpectrumEvidence(SpectrumFormula formula) {
        this.formula = Objects.requireNonNull(formula, "formula");
    }

    /** @return the formula's id: {@code ochiai}, {@code tarantula} or {@code dstar} */
    @Override
    public String name() {
        return formula.id();
    }

    /** One statement of a method with the tests that execute it. */
    private record Stmt(TypeInfo type, MethodInfo method, int line, double weight, BitSet tests) {
    }

    @Override
    public List<ScoredLine> collect(LocalisationInput input, ProjectIndex index) {
        List<TestCoverage> tests = input.coverage();
        if (tests.isEmpty()) {
            return List.of();
        }
        BitSet failing = failing(tests, input.failingTests());
        int f = failing.cardinality();
        int p = tests.size() - f;
        if (f == 0) {
            return List.of();
        }
        Map<String, Stmt> stmts = new LinkedHashMap<>();
        Map<String, Optional<Stmt>> byLine = new HashMap<>();
        for (int t = 0; t < tests.size(); t++) {
            for (var e : tests.get(t).linesByFile().entrySet()) {
                String file = e.getKey();
                for (int line : e.getValue()) {
                    Optional<Stmt> s = byLine.computeIfAbsent(file + ":" + line, k -> statement(index, file, line, stmts));
                    if (s.isPresent()) {
                        s.get().tests().set(t);
                    }
                }
            }
        }
        Map<String, Double> raw = new HashMap<>();
        for (var e : stmts.entrySet()) {
            BitSet covered = e.getValue().tests();
            BitSet ef = (BitSet) covered.clone();
            ef.and(failing);
            int efn = ef.cardinality();
            int epn = covered.cardinality() - efn;
            raw.put(e.getKey(), formula.score(efn, epn, f - efn, p - epn));
        }
        Map<String, Double> lifted = lift(stmts, raw);
        List<ScoredLine> out = new ArrayList<>();
        for (var e : stmts.entrySet()) {
            double score = lifted.get(e.getKey());
            if (score <= 0) {
                continue;
            }
            Stmt s = e.getValue();
            out.add(new ScoredLine(s.type().file(), s.line(), s.type().binaryName(), s.method().name(),
                    Math.min(1.0, score * s.weight()), name()));
        }
        return out;
    }

    /** @return the indices of the failing tests */
    static BitSet failing(List<TestCoverage> tests, List<TestFailure> failures) {
        Set<String> failedIds = new HashSet<>();
        Set<String> failedClasses = new HashSet<>();
        for (TestFailure tf : failures) {
            if (tf.methodName() != null && tf.className() != null) {
                failedIds.add(tf.className() + "#" + CallGraphEvidence.baseName(tf.methodName()));
            } else if (tf.className() != null) {
                failedClasses.add(tf.className());
            } else if (tf.testId() != null && !tf.testId().contains("#")) {
                failedClasses.add(tf.testId());
            } else if (tf.testId() != null) {
                failedIds.add(tf.testId());
            }
        }
        BitSet failing = new BitSet();
        Set<String> classesWithFailures = new HashSet<>();
        for (int t = 0; t < tests.size(); t++) {
            TestCoverage c = tests.get(t);
            String id = c.testId() == null ? "" : c.testId();
            int hash = id.indexOf('#');
            String cls = hash < 0 ? id : id.substring(0, hash);
            String normalised = hash < 0 ? id : cls + "#" + CallGraphEvidence.baseName(id.substring(hash + 1));
            if (!c.passed() || failedIds.contains(normalised)) {
                failing.set(t);
                classesWithFailures.add(cls);
            }
        }
        for (int t = 0; t < tests.size(); t++) {
            String id = tests.get(t).testId() == null ? "" : tests.get(t).testId();
            String cls = id.contains("#") ? id.substring(0, id.indexOf('#')) : id;
            if (failedClasses.contains(cls) && !classesWithFailures.contains(cls)) {
                failing.set(t);
            }
        }
        return failing;
    }

    /** @return the statement covering a line of a main file, registered in {@code stmts} once */
    private static Optional<Stmt> statement(ProjectIndex index, String file, int line, Map<String, Stmt> stmts) {
        List<TypeInfo> types = index.mainTypesIn(file);
        if (types.isEmpty()) {
            return Optional.empty();
        }
        Optional<LineHit> hit = index.statementAt(types.getFirst().binaryName(), line);
        if (hit.isEmpty() || hit.get().method() == null) {
            return Optional.empty();
        }
        MethodInfo m = hit.get().method();
        int at = hit.get().line();
        for (StatementLines.Line s : StatementLines.of(m.decl())) {
            if (s.line() == at) {
                return Optional.of(stmts.computeIfAbsent(m.owner().file() + ":" + at,
                        k -> new Stmt(m.owner(), m, at, s.weight(), new BitSet())));
            }
        }
        return Optional.empty();
    }

    /**
     * Guard lifting: an {@code if}, {@code for}, {@code for-each}, {@code while} or {@code do} takes the best
     * score of the bare jumps ({@code break}, {@code continue}, {@code return;}) it directly guards when that is
     * higher than its own.
     *
     * @return statement key → lifted score
     */
    private static Map<String, Double> lift(Map<String, Stmt> stmts, Map<String, Double> raw) {
        Map<String, Double> out = new HashMap<>(raw);
        for (var e : stmts.entrySet()) {
            Stmt s = e.getValue();
            Statement node = nodeAt(s);
            if (!bareJump(node)) {
                continue;
            }
            Statement guard = guardOf(node);
            if (guard == null || guard.getBegin().isEmpty()) {
                continue;
            }
            int gline = guard instanceof DoStmt d ? d.getCondition().getBegin().map(p -> p.line).orElse(guard.getBegin().get().line)
                    : guard.getBegin().get().line;
            String gkey = s.type().file() + ":" + gline;
            if (stmts.containsKey(gkey)) {
                out.merge(gkey, raw.get(e.getKey()), Math::max);
            }
        }
        return out;
    }

    /** @return true for {@code break}, {@code continue} and {@code return;} without a value */
    static boolean bareJump(Statement node) {
        return node instanceof BreakStmt || node instanceof ContinueStmt
                || (node instanceof ReturnStmt r && r.getExpression().isEmpty());
    }

    /** @return the outermost non-block statement starting at the statement's line inside its method */
    private static Statement nodeAt(Stmt s) {
        Statement best = null;
        for (Statement st : s.method().decl().findAll(Statement.class)) {
            if (st instanceof BlockStmt || st.getBegin().isEmpty() || st.getBegin().get().line != s.line()) {
                continue;
            }
            if (best == null || best.isDescendantOf(st)) {
                best = st;
            }
        }
        return best;
    }

    /** @return the nearest enclosing if / loop whose body (not condition) holds the statement, or {@code null} */
    private static Statement guardOf(Statement node) {
        Node child = node;
        Node parent = node.getParentNode().orElse(null);
        while (parent != null) {
            Node c = child;
            if (parent instanceof IfStmt i && (c == i.getThenStmt() || i.getElseStmt().map(x -> x == c).orElse(false))) {
                return i;
            }
            if ((parent instanceof ForStmt fs && child == fs.getBody())
                    || (parent instanceof ForEachStmt fe && child == fe.getBody())
                    || (parent instanceof WhileStmt ws && child == ws.getBody())
                    || (parent instanceof DoStmt ds && child == ds.getBody())) {
                return (Statement) parent;
            }
            if (!(parent instanceof BlockStmt)) {
                return null;
            }
            child = parent;
            parent = parent.getParentNode().orElse(null);
        }
        return null;
    }
}
