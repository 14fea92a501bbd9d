package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Types;
import dev.pavu.actuator.proposer.Variable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A missing {@code Math.max} / {@code Math.min} / {@code Math.abs} around a numeric value that is
 * assigned, used to initialise a variable or returned: {@code Math.max(0, e)} (clamp at zero, written
 * bound first as the idiom goes), {@code Math.abs(e)}, {@code Math.max(e, 1)} (at least one), then
 * {@code Math.min(e, v)} and {@code Math.max(e, v)} for a variable {@code v} of the same type in scope
 * that {@code e} does not use (at most {@link #MAX_BOUNDS}). Literals and values already wrapped are
 * left alone.
 */
public final class MathWrapper implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "math-wrapper";

    /** At most this many in-scope variables are tried as bounds. */
    static final int MAX_BOUNDS = 2;

    private static final Set<String> WRAPPABLE = Set.of("int", "long", "float", "double", "Integer", "Long", "Float", "Double");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        List<Mutation> out = new ArrayList<>();
        if (target instanceof ReturnStmt r && r.getExpression().isPresent()) {
            ctx.enclosingReturnType(r).map(Types::normalise).ifPresent(t -> wrap(r.getExpression().get(), t, ctx, out));
        }
        for (VariableDeclarationExpr d : ctx.own(target, VariableDeclarationExpr.class)) {
            for (VariableDeclarator v : d.getVariables()) {
                v.getInitializer().ifPresent(init -> wrap(init, Types.normalise(v.getType()), ctx, out));
            }
        }
        for (AssignExpr a : ctx.own(target, AssignExpr.class)) {
            if (a.getOperator() == AssignExpr.Operator.ASSIGN) {
                String t = ctx.typeOf(a.getTarget());
                if (t != null) {
                    wrap(a.getValue(), t, ctx, out);
                }
            }
        }
        return out;
    }

    private static void wrap(Expression e, String type, MutationContext ctx, List<Mutation> out) {
        if (!WRAPPABLE.contains(type) || e instanceof LiteralExpr
                || e instanceof UnaryExpr u && u.getExpression() instanceof LiteralExpr
                || e instanceof MethodCallExpr m && m.getScope().map(s -> s instanceof NameExpr n && n.getNameAsString().equals("Math")).orElse(false)) {
            return;
        }
        String guessed = ctx.typeOf(e);
        if (guessed != null && !Types.isNumeric(guessed)) {
            return;
        }
        String text = ctx.text(e);
        String s = MutationContext.shorten(text);
        out.add(ctx.mutation(e, "Math.max(0, " + text + ")", "wrap " + s + " in Math.max(0, …)", 1.0));
        out.add(ctx.mutation(e, "Math.abs(" + text + ")", "wrap " + s + " in Math.abs(…)", 0.7));
        out.add(ctx.mutation(e, "Math.max(" + text + ", 1)", "wrap " + s + " in Math.max(…, 1)", 0.6));
        Set<String> used = MutationContext.namesUsed(e);
        boolean isStatic = MutationContext.inStaticContext(e);
        int k = 0;
        for (Variable v : ctx.scope(e).values()) {
            if (k >= MAX_BOUNDS) {
                break;
            }
            if (!v.type().equals(type) || used.contains(v.name()) || v.kind() == Variable.Kind.FIELD && isStatic && !v.isStatic()) {
                continue;
            }
            k++;
            out.add(ctx.mutation(e, "Math.min(" + text + ", " + v.name() + ")", "wrap " + s + " in Math.min(…, " + v.name() + ")", 0.5));
            out.add(ctx.mutation(e, "Math.max(" + text + ", " + v.name() + ")", "wrap " + s + " in Math.max(…, " + v.name() + ")", 0.4));
        }
    }
}
