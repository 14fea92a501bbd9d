package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Types;

import java.util.ArrayList;
import java.util.List;

/**
 * Integer division done too early: a product with a parenthesised integer quotient loses the remainder before it
 * multiplies, so the division moves last — {@code a * (b / c)} → {@code a * b / c}, {@code (b / c) * a} →
 * {@code b * a / c} ({@code (n + 1) * (n / 2)} → {@code (n + 1) * n / 2}: the sum 1..n for an odd n). Only when the
 * quotient is not known to be of a floating-point type (there the order changes nothing but rounding).
 */
public final class DivisionReordering implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "division-reordering";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        List<Mutation> out = new ArrayList<>();
        for (BinaryExpr product : ctx.own(target, BinaryExpr.class)) {
            if (product.getOperator() != BinaryExpr.Operator.MULTIPLY) {
                continue;
            }
            boolean quotientRight = quotient(product.getRight(), ctx) != null;
            BinaryExpr q = quotientRight ? quotient(product.getRight(), ctx) : quotient(product.getLeft(), ctx);
            if (q == null) {
                continue;
            }
            Expression other = quotientRight ? product.getLeft() : product.getRight();
            String text = quotientRight
                    ? ctx.operand(other) + " * " + ctx.operand(q.getLeft()) + " / " + ctx.operand(q.getRight())
                    : ctx.operand(q.getLeft()) + " * " + ctx.operand(other) + " / " + ctx.operand(q.getRight());
            out.add(ctx.mutation(product, text, "divide last: " + MutationContext.shorten(text), 0.6));
        }
        return out;
    }

    /** {@code (b / c)} whose type is not known to be floating-point, else null. */
    private static BinaryExpr quotient(Expression e, MutationContext ctx) {
        if (e instanceof EnclosedExpr en && en.getInner() instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.DIVIDE) {
            String type = ctx.typeOf(b);
            return type != null && Types.isFloating(type) ? null : b;
        }
        return null;
    }
}
