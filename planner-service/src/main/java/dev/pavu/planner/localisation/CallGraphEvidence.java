package dev.pavu.planner.localisation;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.pavu.contracts.TestFailure;
import dev.pavu.planner.localisation.CallResolver.Call;
import dev.pavu.planner.localisation.ProjectIndex.MethodInfo;
import dev.pavu.planner.localisation.ProjectIndex.TypeInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evidence from the code the failing tests reach, for failures (typically assertion failures) whose stack
 * shows no main-code frame.
 *
 * <p>Each failing test method is parsed and its calls resolved into main code ({@link CallResolver}), then
 * their callees, {@code callDepth} levels deep. The calls on the failing assertion's line (the test frame
 * of its stack trace) count as distance 0, the test's other calls and its {@code @BeforeEach} set-up as
 * distance 1, each call level adds 1; a test reaches a method with weight {@code confidence / (1 + 0.6·distance)}.
 * The other test methods of the same test classes (presumed passing) are traced the same way, and a method's
 * suspiciousness is an Ochiai-like ratio {@code ef / sqrt(F · (ef + ep/2))} of the weights with which failing
 * ({@code ef}, {@code F} tests) and passing ({@code ep}) tests reach it. Every statement of the method
 * gets that score, times {@link StatementLines#FAVOURED} or {@link StatementLines#PLAIN}.
 */
public final class CallGraphEvidence implements Evidence {

    /** Name of this source. */
    public static final String NAME = "call-graph";
    /** Factor applied when stack traces already point into main code. */
    static final double BEHIND_STACK_TRACES = 0.7;
    /** Factor applied when per-test coverage ranked statements (it measures what this source guesses). */
    static final double BEHIND_SPECTRUM = 0.5;
    static final double DISTANCE_DECAY = 0.6;
    static final double PASSING_FACTOR = 0.5;
    private static final Set<String> TEST_ANNOTATIONS = Set.of("Test", "ParameterizedTest", "RepeatedTest",
            "TestFactory", "TestTemplate");
    private static final Set<String> SETUP_ANNOTATIONS = Set.of("BeforeEach", "Before", "BeforeAll", "BeforeClass");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double weight(Set<String> sourcesWithResults) {
        if (sourcesWithResults.stream().anyMatch(n -> SpectrumFormula.named(n) != null)) {
            return BEHIND_SPECTRUM;
        }
        return sourcesWithResults.contains(StackTraceEvidence.NAME) ? BEHIND_STACK_TRACES : 1.0;
    }

    @Override
    public List<ScoredLine> collect(LocalisationInput input, ProjectIndex index) {
        CallResolver resolver = new CallResolver(index);
        Map<String, MethodInfo> methods = new HashMap<>();
        Map<String, Double> ef = new HashMap<>();
        Map<String, Double> ep = new HashMap<>();
        Set<String> failingIds = new HashSet<>();
        Set<TypeInfo> testClasses = new HashSet<>();
        int failing = 0;
        for (TestFailure f : input.failingTests()) {
            Optional<TypeInfo> testType = testType(f, index);
            if (testType.isEmpty()) {
                continue;
            }
            // a failure without a method (e.g. the run was killed while this class ran) implicates all its tests
            List<MethodInfo> tests = new ArrayList<>();
            if (f.methodName() == null) {
                index.methodsOf(testType.get()).stream().filter(m -> hasAnnotation(m, TEST_ANNOTATIONS)).forEach(tests::add);
            } else {
                MethodInfo one = testMethod(testType.get(), baseName(f.methodName()), index);
                if (one != null) {
                    tests.add(one);
                }
            }
            for (MethodInfo test : tests) {
                failing++;
                failingIds.add(test.key());
                testClasses.add(testType.get());
                Statement assertion = f.methodName() == null ? null : assertionStatement(test, f);
                Map<String, Double> reach = reach(test, assertion, input.callDepth(), resolver, index, methods);
                reach.forEach((k, v) -> ef.merge(k, v, Double::sum));
            }
        }
        if (failing == 0) {
            return List.of();
        }
        for (TypeInfo tc : testClasses) {
            for (MethodInfo m : index.methodsOf(tc)) {
                if (!failingIds.contains(m.key()) && hasAnnotation(m, TEST_ANNOTATIONS)) {
                    reach(m, null, input.callDepth(), resolver, index, methods).forEach((k, v) -> ep.merge(k, v, Double::sum));
                }
            }
        }
        Map<String, ScoredLine> lines = new LinkedHashMap<>();
        for (var e : ef.entrySet()) {
            double f = e.getValue();
            double p = ep.getOrDefault(e.getKey(), 0.0) * PASSING_FACTOR;
            double susp = Math.min(1.0, f / Math.sqrt(failing * (f + p)));
            MethodInfo m = methods.get(e.getKey());
            for (StatementLines.Line s : StatementLines.of(m.decl())) {
                ScoredLine l = new ScoredLine(m.owner().file(), s.line(), m.owner().binaryName(), m.name(),
                        susp * s.weight(), NAME);
                lines.merge(l.key(), l, (a, b) -> a.score() >= b.score() ? a : b);
            }
        }
        return new ArrayList<>(lines.values());
    }

    /** @return method key → best weight with which the test reaches it */
    private Map<String, Double> reach(MethodInfo test, Statement assertion, int depth, CallResolver resolver,
                                      ProjectIndex index, Map<String, MethodInfo> methods) {
        Map<String, Double> best = new HashMap<>();
        Map<String, Double> frontier = new LinkedHashMap<>();
        List<Call> direct = resolver.callsIn(test);
        List<Call> onAssertion = assertion == null ? List.of() : resolver.callsWithin(test, assertion);
        double start = assertion == null ? 0 : 1;
        for (Call c : direct) {
            offer(c.target(), c.confidence() * decay(start), best, frontier, methods);
        }
        for (Call c : onAssertion) {
            offer(c.target(), c.confidence() * decay(0), best, frontier, methods);
        }
        for (MethodInfo setup : index.methodsOf(test.owner())) {
            if (hasAnnotation(setup, SETUP_ANNOTATIONS)) {
                for (Call c : resolver.callsIn(setup)) {
                    offer(c.target(), c.confidence() * decay(1), best, frontier, methods);
                }
            }
        }
        for (int level = 0; level < depth && !frontier.isEmpty(); level++) {
            Map<String, Double> next = new LinkedHashMap<>();
            for (var e : frontier.entrySet()) {
                MethodInfo m = methods.get(e.getKey());
                double dist = distance(e.getValue());
                for (Call c : resolver.callsIn(m)) {
                    offer(c.target(), c.confidence() * decay(dist + 1), best, next, methods);
                }
            }
            frontier = next;
        }
        return best;
    }

    private static void offer(MethodInfo m, double weight, Map<String, Double> best, Map<String, Double> frontier,
                              Map<String, MethodInfo> methods) {
        if (!m.owner().main()) {
            return;
        }
        String k = m.key();
        methods.putIfAbsent(k, m);
        Double old = best.get(k);
        if (old == null || weight > old + 1e-9) {
            best.put(k, weight);
            frontier.merge(k, weight, Math::max);
        }
    }

    static double decay(double distance) {
        return 1.0 / (1.0 + DISTANCE_DECAY * distance);
    }

    /** Inverse of {@link #decay} for a weight of confidence 1 (a lower confidence reads as farther). */
    static double distance(double weight) {
        return Math.max(0, (1.0 / weight - 1.0) / DISTANCE_DECAY);
    }

    /** @return the statement of the test method at its own frame in the failure's stack trace, or {@code null} */
    private static Statement assertionStatement(MethodInfo test, TestFailure f) {
        String trace = f.stackTrace();
        if (trace == null) {
            return null;
        }
        String testClass = test.owner().binaryName();
        for (StackFrame frame : StackTraces.parse(trace)) {
            if (frame.className().equals(testClass) && frame.method().equals(test.name()) && frame.line() > 0) {
                Statement found = null;
                for (Statement s : test.decl().findAll(Statement.class)) {
                    if (s instanceof BlockStmt || s.getRange().isEmpty()) {
                        continue;
                    }
                    var r = s.getRange().get();
                    if (r.begin.line <= frame.line() && frame.line() <= r.end.line
                            && (found == null || s.isDescendantOf(found))) {
                        found = s;
                    }
                }
                return found;
            }
        }
        return null;
    }

    private static Optional<TypeInfo> testType(TestFailure f, ProjectIndex index) {
        String cls = f.className();
        if (cls == null && f.testId() != null && f.testId().contains("#")) {
            cls = f.testId().substring(0, f.testId().indexOf('#'));
        }
        return cls == null ? Optional.empty() : index.type(cls);
    }

    private static MethodInfo testMethod(TypeInfo type, String name, ProjectIndex index) {
        for (MethodInfo m : index.methodsOf(type)) {
            if (m.name().equals(name) && !m.constructor()) {
                return m;
            }
        }
        return null;
    }

    /** @return a test method name without a parameterised suffix such as {@code median(int)[2]} */
    static String baseName(String methodName) {
        int i = 0;
        while (i < methodName.length() && Character.isJavaIdentifierPart(methodName.charAt(i))) {
            i++;
        }
        return methodName.substring(0, i);
    }

    private static boolean hasAnnotation(MethodInfo m, Set<String> names) {
        if (!(m.decl() instanceof MethodDeclaration md)) {
            return false;
        }
        return md.getAnnotations().stream().anyMatch(a -> names.contains(ProjectIndex.simpleTypeName(a.getNameAsString())));
    }
}
