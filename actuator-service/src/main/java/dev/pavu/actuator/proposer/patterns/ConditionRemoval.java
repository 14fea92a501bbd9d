package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BinaryExpr.Operator;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Condition removal: drop one operand of a top-level {@code &&} / {@code ||} chain in a condition
 * ({@code if (a && b)} → {@code if (b)}), and replace the condition of an {@code if} by {@code true}
 * (always run the branch) or {@code false} (never run it). Loop conditions are never made constant
 * (that only makes a loop run forever or never).
 */
public final class ConditionRemoval implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "condition-removal";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        List<Mutation> out = new ArrayList<>();
        for (Conditions.Condition c : Conditions.of(target, ctx)) {
            Expression cond = c.expression();
            if (cond instanceof BooleanLiteralExpr) {
                continue;
            }
            Expression top = cond instanceof EnclosedExpr en ? en.getInner() : cond;
            if (top instanceof BinaryExpr b && (b.getOperator() == Operator.AND || b.getOperator() == Operator.OR)) {
                List<Expression> operands = new ArrayList<>();
                flatten(b, b.getOperator(), operands);
                String op = " " + b.getOperator().asString() + " ";
                for (int drop = 0; drop < operands.size(); drop++) {
                    List<String> kept = new ArrayList<>();
                    for (int i = 0; i < operands.size(); i++) {
                        if (i != drop) {
                            kept.add(ctx.text(operands.get(i)));
                        }
                    }
                    String replacement = String.join(op, kept);
                    out.add(ctx.mutation(top, replacement, "drop sub-condition "
                            + MutationContext.shorten(ctx.text(operands.get(drop))), 1.0));
                }
            }
            if (c.kind() == Conditions.Kind.IF) {
                out.add(ctx.mutation(cond, "true", "replace condition " + MutationContext.shorten(ctx.text(cond)) + " with true", 0.6));
                out.add(ctx.mutation(cond, "false", "replace condition " + MutationContext.shorten(ctx.text(cond)) + " with false", 0.5));
            }
        }
        return out;
    }

    private static void flatten(Expression e, Operator op, List<Expression> out) {
        if (e instanceof BinaryExpr b && b.getOperator() == op) {
            flatten(b.getLeft(), op, out);
            flatten(b.getRight(), op, out);
        } else {
            out.add(e);
        }
    }
}
