package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr.Operator;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Widening a condition (a missing disjunct): {@code c} becomes {@code x == null || c} for a variable
 * {@code c} dereferences (the null case handled by the branch, e.g. {@code s == null || s.isEmpty()}),
 * or {@code c || b} / {@code c || !b} for a boolean variable in scope that {@code c} does not use.
 * Applies to {@code if}, loop and {@code ?:} conditions and to the value of a {@code return} in a
 * boolean method; at most {@link #MAX_PER_CONDITION} per condition.
 */
public final class ConditionWidening implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "condition-widening";

    /** Bound on the mutations of one condition. */
    static final int MAX_PER_CONDITION = 8;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        List<Mutation> out = new ArrayList<>();
        for (Conditions.Condition c : ConditionGuards.of(target, ctx)) {
            Expression cond = c.expression();
            if (cond instanceof BooleanLiteralExpr) {
                continue;
            }
            String text = ctx.text(cond);
            String body = ConditionGuards.operand(cond, Operator.OR, ctx);
            List<Mutation> mine = new ArrayList<>();
            for (String x : ConditionGuards.dereferenced(cond, ctx)) {
                if (!text.contains(x + " != null") && !text.contains(x + " == null")) {
                    double weight = NullSafety.assignedNull(x, cond, ctx) ? 1.0 : 0.8;
                    mine.add(ctx.mutation(cond, x + " == null || " + body, "widen condition with " + x + " == null ||", weight));
                }
            }
            for (String flag : ConditionGuards.flags(cond, ctx)) {
                mine.add(ctx.mutation(cond, body + " || " + flag, "widen condition with || " + flag, 0.7));
                mine.add(ctx.mutation(cond, body + " || !" + flag, "widen condition with || !" + flag, 0.5));
            }
            mine.sort(Comparator.comparingDouble(Mutation::weight).reversed());
            out.addAll(mine.subList(0, Math.min(mine.size(), MAX_PER_CONDITION)));
        }
        return out;
    }
}
