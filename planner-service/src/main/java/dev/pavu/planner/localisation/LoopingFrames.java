package dev.pavu.planner.localisation;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.pavu.contracts.FailureKinds;
import dev.pavu.contracts.TestFailure;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stack frames of a test killed by its time limit (JUnit 4 {@code @Test(timeout)}, Jupiter's
 * {@code @Timeout}, a fast-path per-test limit): the trace is a <em>sample</em> of where a non-terminating loop
 * happened to be — most often its back edge, reported on the loop's closing brace, hence on its header — not the
 * point where a value went wrong.
 *
 * <p>A loop does not end when the variables its condition reads stop moving towards its exit, so the likeliest
 * faulty statements are the loop's own <em>updates of its condition variables</em> (an assignment, compound
 * assignment, {@code ++}/{@code --} or a call on such a variable inside the loop's body, e.g. {@code low = mid}
 * instead of {@code low = mid + 1}), then its condition, then the rest of its body (the analysis of
 * non-terminating loops by their condition variables' progress, as in Looper, Burnim et al. 2009, and the
 * infinite-loop repair of Marcote and Monperrus 2015, which repairs the loop's condition or its progress). Scores
 * per statement of the method holding the innermost loop around a frame, before the {@link StatementLines} weight:
 * {@value #UPDATE} for such an update, {@value #HEADER} for the loop's header, {@value #BODY} for another statement
 * of its body, and the frame rules of {@link StackTraceEvidence} for statements outside the loop.
 */
final class LoopingFrames {

    /** Score of a statement of the loop's body that updates a variable of its condition. */
    static final double UPDATE = 1.0;
    /** Score of the loop's header (its condition, or a {@code for}'s init, condition and update). */
    static final double HEADER = 0.7;
    /** Score of the loop's other statements. */
    static final double BODY = 0.6;

    private LoopingFrames() {
    }

    /**
     * @param f a failing test
     * @return true when it failed by its time limit: a {@code …TimedOutException} or {@code TimeoutException} on
     *         its stack trace's first line, or, when the trace names no exception, a message saying it timed out
     */
    static boolean timedOut(TestFailure f) {
        String cls = FailureKinds.exceptionClass(f.stackTrace());
        if (cls != null) {
            // a SocketTimeoutException "connect timed out" thrown by the code is a failure point, not a sample
            return cls.endsWith("TimedOutException") || cls.equals("TimeoutException");
        }
        return f.message() != null && f.message().toLowerCase(Locale.ROOT).contains("timed out");
    }

    /**
     * @param method a method or constructor
     * @param line   a line of a statement in it (a stack frame's line, mapped to its statement)
     * @return the innermost loop ({@code while}, {@code do}, {@code for}, {@code for-each}) of the method whose range
     *         holds the line, or empty
     */
    static Optional<Statement> innermostLoop(CallableDeclaration<?> method, int line) {
        Statement best = null;
        for (Statement s : method.findAll(Statement.class)) {
            if (!isLoop(s) || s.getRange().isEmpty()) {
                continue;
            }
            var r = s.getRange().get();
            if (r.begin.line <= line && line <= r.end.line && (best == null || s.isDescendantOf(best))) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * @param method the method holding the loop
     * @param loop   a loop of it
     * @return statement line (as {@link StatementLines} gives them) → score before the statement weight, for the
     *         statements of the loop (the header {@value #HEADER}, updates of its condition's variables
     *         {@value #UPDATE}, the rest {@value #BODY}); statements outside the loop are absent
     */
    static Map<Integer, Double> scores(CallableDeclaration<?> method, Statement loop) {
        int header = headerLine(loop);
        int from = loop.getRange().get().begin.line;
        int to = loop.getRange().get().end.line;
        Set<String> conditionVariables = conditionVariables(loop);
        Set<Integer> updates = new HashSet<>();
        for (Statement s : loop.findAll(Statement.class)) {
            if (s != loop && s.getBegin().isPresent() && s instanceof ExpressionStmt e
                    && updates(e.getExpression(), conditionVariables)) {
                updates.add(s.getBegin().get().line);
            }
        }
        Map<Integer, Double> out = new HashMap<>();
        for (StatementLines.Line l : StatementLines.of(method)) {
            if (l.line() < from || l.line() > to) {
                continue;
            }
            if (l.line() == header) {
                out.put(l.line(), HEADER);
            } else {
                out.put(l.line(), updates.contains(l.line()) ? UPDATE : BODY);
            }
        }
        return out;
    }

    /** @return the line {@link StatementLines} gives the loop (a {@code do}'s condition line) */
    static int headerLine(Statement loop) {
        if (loop instanceof DoStmt d) {
            return d.getCondition().getBegin().map(p -> p.line).orElse(loop.getBegin().get().line);
        }
        return loop.getBegin().get().line;
    }

    private static boolean isLoop(Statement s) {
        return s instanceof WhileStmt || s instanceof DoStmt || s instanceof ForStmt || s instanceof ForEachStmt;
    }

    /** @return the simple names the loop's condition reads (a field through {@code this.x} counts as {@code x}) */
    private static Set<String> conditionVariables(Statement loop) {
        Optional<Expression> condition = switch (loop) {
            case WhileStmt w -> Optional.of(w.getCondition());
            case DoStmt d -> Optional.of(d.getCondition());
            case ForStmt f -> f.getCompare();
            default -> Optional.empty();
        };
        Set<String> names = new HashSet<>();
        condition.ifPresent(c -> {
            c.findAll(NameExpr.class).forEach(n -> names.add(n.getNameAsString()));
            c.findAll(FieldAccessExpr.class).forEach(f -> names.add(f.getNameAsString()));
        });
        return names;
    }

    /**
     * @return true when the expression assigns (also compound), increments or decrements one of the names, or calls
     *         a method on one of them ({@code it.next()}, {@code queue.poll()})
     */
    private static boolean updates(Expression e, Set<String> names) {
        if (names.isEmpty()) {
            return false;
        }
        for (AssignExpr a : e.findAll(AssignExpr.class)) {
            if (names.contains(simpleName(a.getTarget()))) {
                return true;
            }
        }
        for (UnaryExpr u : e.findAll(UnaryExpr.class)) {
            if ((u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT || u.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT
                    || u.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT || u.getOperator() == UnaryExpr.Operator.POSTFIX_DECREMENT)
                    && names.contains(simpleName(u.getExpression()))) {
                return true;
            }
        }
        for (MethodCallExpr call : e.findAll(MethodCallExpr.class)) {
            if (call.getScope().map(LoopingFrames::simpleName).filter(names::contains).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static String simpleName(Node n) {
        if (n instanceof NameExpr ne) {
            return ne.getNameAsString();
        }
        if (n instanceof FieldAccessExpr fa) {
            return fa.getNameAsString();
        }
        return null;
    }
}
