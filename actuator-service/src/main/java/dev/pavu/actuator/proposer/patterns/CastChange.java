package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BinaryExpr.Operator;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.type.PrimitiveType;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Types;

import java.util.ArrayList;
import java.util.List;

/**
 * Cast changes: a missing widening cast on an operand of integer arithmetic — {@code (double)} on a
 * division ({@code sum / n} → {@code (double) sum / n}: the fraction was lost), {@code (long)} on a
 * multiplication ({@code days * MILLIS} → {@code (long) days * MILLIS}: {@code int} overflow) — the left
 * operand first; most likely when the result flows into a {@code double} / {@code long} (a return, a
 * declaration, an assignment, the other operand of a sum). And an existing numeric cast removed or
 * changed ({@code (int)} ↔ {@code (long)}, {@code (float)} → {@code (double)}).
 */
public final class CastChange implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "cast-change";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        List<Mutation> out = new ArrayList<>();
        for (BinaryExpr b : ctx.own(target, BinaryExpr.class)) {
            String cast = switch (b.getOperator()) {
                case DIVIDE -> "double";
                case MULTIPLY -> "long";
                default -> null;
            };
            if (cast == null || alreadyCast(b.getLeft()) || alreadyCast(b.getRight())) {
                continue;
            }
            String lt = ctx.typeOf(b.getLeft());
            String rt = ctx.typeOf(b.getRight());
            if (!integral(lt) || !integral(rt) || lt == null && rt == null
                    || "long".equals(cast) && ("long".equals(lt) || "long".equals(rt))) {
                continue;
            }
            String context = resultType(b, ctx);
            double weight = cast.equals(context) || "double".equals(cast) && "float".equals(context) ? 1.0 : 0.4;
            out.add(ctx.mutation(b.getLeft(), "(" + cast + ") " + ctx.operand(b.getLeft()),
                    "cast " + MutationContext.shorten(ctx.text(b.getLeft())) + " to " + cast, weight));
            out.add(ctx.mutation(b.getRight(), "(" + cast + ") " + ctx.operand(b.getRight()),
                    "cast " + MutationContext.shorten(ctx.text(b.getRight())) + " to " + cast, weight * 0.6));
        }
        for (CastExpr c : ctx.own(target, CastExpr.class)) {
            if (!(c.getType() instanceof PrimitiveType p) || p.getType() == PrimitiveType.Primitive.BOOLEAN) {
                continue;
            }
            String inner = ctx.text(c.getExpression());
            boolean needsParens = !(c.getExpression() instanceof EnclosedExpr) && !MutationContext.tight(c.getExpression());
            out.add(ctx.mutation(c, needsParens ? "(" + inner + ")" : inner, "remove cast (" + p.asString() + ")", 0.5));
            String other = switch (p.getType()) {
                case INT -> "long";
                case LONG -> "int";
                case FLOAT -> "double";
                default -> null;
            };
            if (other != null) {
                out.add(ctx.mutation(c.getType(), other, "cast to " + other + " instead of " + p.asString(), 0.4));
            }
        }
        return out;
    }

    private static boolean integral(String type) {
        return type == null || Types.isIntegral(type) && !"char".equals(type) && !"Character".equals(type);
    }

    private static boolean alreadyCast(Expression e) {
        return e instanceof CastExpr;
    }

    /** The type the result of {@code b} flows into, or {@code null} when unknown. */
    private static String resultType(BinaryExpr b, MutationContext ctx) {
        Node at = b;
        Node parent = b.getParentNode().orElse(null);
        while (parent instanceof EnclosedExpr || parent instanceof BinaryExpr p && isArithmetic(p.getOperator())) {
            if (parent instanceof BinaryExpr p) {
                Expression other = p.getLeft() == at ? p.getRight() : p.getLeft();
                String t = ctx.typeOf(other);
                if (Types.isFloating(t) || "long".equals(t) || "Long".equals(t)) {
                    return Types.isFloating(t) ? "double" : "long";
                }
            }
            at = parent;
            parent = parent.getParentNode().orElse(null);
        }
        if (parent instanceof ReturnStmt r) {
            return ctx.enclosingReturnType(r).map(Types::normalise).orElse(null);
        }
        if (parent instanceof VariableDeclarator v) {
            return Types.normalise(v.getType());
        }
        if (parent instanceof AssignExpr a) {
            return ctx.typeOf(a.getTarget());
        }
        return null;
    }

    private static boolean isArithmetic(Operator op) {
        return op == Operator.PLUS || op == Operator.MINUS || op == Operator.MULTIPLY || op == Operator.DIVIDE
                || op == Operator.REMAINDER;
    }
}
