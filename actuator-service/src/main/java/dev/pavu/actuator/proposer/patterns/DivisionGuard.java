package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Types;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Division-by-zero guard: the checker family of PAR's fix templates (Kim et al., "Automatic patch generation learned
 * from human-written patches", ICSE 2013 — null-pointer, range, collection-size and cast checkers; TBar's
 * {@code NullPointerChecker} and {@code RangeChecker}) for the {@code ArithmeticException: / by zero} of an integral
 * division or remainder. For each divisor {@code d} of a {@code /}, {@code %}, {@code /=} or {@code %=} the statement
 * evaluates:
 * <ul>
 *   <li>{@code if (d == 0) return <default>;} inserted before the statement, the default of the method's return type
 *       ({@code return;} in a {@code void} method; weight 1.0);</li>
 *   <li>inside a loop body, {@code if (d == 0) continue;} before the statement (weight 0.6);</li>
 *   <li>the division itself as {@code (d == 0 ? 0 : a / d)} (weight 0.5; not for the compound assignments).</li>
 * </ul>
 * A divisor is guarded only when evaluating it twice changes nothing (names, field and array reads, {@code length},
 * {@code size()} and {@code length()} calls, casts and arithmetic of those), when it is not a non-zero literal, and
 * when the division is not a floating-point one (which never throws). Nothing is run; the pattern only reads the AST.
 */
public final class DivisionGuard implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "division-by-zero-guard";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        if (!(target instanceof Statement stmt) || !MutationContext.inStatementList(stmt) || stmt instanceof BlockStmt
                || stmt instanceof ExplicitConstructorInvocationStmt) {
            return List.of();
        }
        Map<String, List<BinaryExpr>> divisors = divisors(stmt, ctx);
        if (divisors.isEmpty()) {
            return List.of();
        }
        List<Mutation> out = new ArrayList<>();
        Optional<String> leave = NullCheckInsertion.defaultReturn(stmt, ctx);
        boolean inLoop = MutationContext.enclosingLoop(stmt).isPresent();
        for (Map.Entry<String, List<BinaryExpr>> e : divisors.entrySet()) {
            String d = e.getKey();
            leave.ifPresent(r -> out.add(new Mutation("guard " + d + " == 0 before the division with " + r,
                    List.of(ctx.insertBefore(stmt, "if (" + d + " == 0) " + r)), 1.0)));
            if (inLoop) {
                out.add(new Mutation("skip the iteration when " + d + " == 0",
                        List.of(ctx.insertBefore(stmt, "if (" + d + " == 0) continue;")), 0.6));
            }
            for (BinaryExpr b : e.getValue()) {
                out.add(ctx.mutation(b, "(" + d + " == 0 ? 0 : " + ctx.text(b) + ")",
                        "make " + MutationContext.shorten(ctx.text(b)) + " 0 when " + d + " == 0", 0.5));
            }
        }
        return out;
    }

    /** @return guardable divisor text → the binary divisions by it (empty list for a compound assignment) */
    private static Map<String, List<BinaryExpr>> divisors(Statement stmt, MutationContext ctx) {
        Map<String, List<BinaryExpr>> out = new LinkedHashMap<>();
        for (BinaryExpr b : ctx.own(stmt, BinaryExpr.class)) {
            if ((b.getOperator() == BinaryExpr.Operator.DIVIDE || b.getOperator() == BinaryExpr.Operator.REMAINDER)
                    && guardable(b.getRight(), b.getLeft(), ctx)) {
                out.computeIfAbsent(ctx.text(b.getRight()), k -> new ArrayList<>()).add(b);
            }
        }
        for (AssignExpr a : ctx.own(stmt, AssignExpr.class)) {
            if ((a.getOperator() == AssignExpr.Operator.DIVIDE || a.getOperator() == AssignExpr.Operator.REMAINDER)
                    && guardable(a.getValue(), a.getTarget(), ctx)) {
                out.computeIfAbsent(ctx.text(a.getValue()), k -> new ArrayList<>());
            }
        }
        return out;
    }

    private static boolean guardable(Expression divisor, Expression dividend, MutationContext ctx) {
        Expression d = divisor;
        while (d instanceof EnclosedExpr en) {
            d = en.getInner();
        }
        if (d instanceof IntegerLiteralExpr || d instanceof LongLiteralExpr || d instanceof CharLiteralExpr
                || !pure(d)) {
            return false;
        }
        String dt = ctx.typeOf(divisor);
        String nt = ctx.typeOf(dividend);
        if (dt != null && !Types.isIntegral(Types.normalise(dt)) || nt != null && Types.isFloating(Types.normalise(nt))) {
            return false;
        }
        return true;
    }

    /** @return true when evaluating the expression a second time has no effect and gives the same value */
    private static boolean pure(Expression e) {
        if (e instanceof NameExpr || e instanceof ThisExpr || e instanceof IntegerLiteralExpr
                || e instanceof LongLiteralExpr || e instanceof CharLiteralExpr) {
            return true;
        }
        if (e instanceof EnclosedExpr en) {
            return pure(en.getInner());
        }
        if (e instanceof FieldAccessExpr f) {
            return pure(f.getScope());
        }
        if (e instanceof ArrayAccessExpr a) {
            return pure(a.getName()) && pure(a.getIndex());
        }
        if (e instanceof CastExpr c) {
            return pure(c.getExpression());
        }
        if (e instanceof UnaryExpr u) {
            return switch (u.getOperator()) {
                case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> false;
                default -> pure(u.getExpression());
            };
        }
        if (e instanceof BinaryExpr b) {
            return pure(b.getLeft()) && pure(b.getRight());
        }
        if (e instanceof MethodCallExpr m) {
            return m.getArguments().isEmpty() && m.getScope().isPresent() && pure(m.getScope().get())
                    && (m.getNameAsString().equals("size") || m.getNameAsString().equals("length"));
        }
        return false;
    }
}
