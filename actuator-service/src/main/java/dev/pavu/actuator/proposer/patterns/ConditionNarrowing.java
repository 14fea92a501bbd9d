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
 * Narrowing a condition (a missing conjunct; TBar's "condition expression mutation", the
 * "add condition" repair action of Pan et al.): {@code c} becomes {@code g && c} or {@code c && g} with
 * a sub-condition {@code g} built from what is in scope. A guard that protects the evaluation of
 * {@code c} goes first, so that {@code &&} short-circuits before the failure: {@code x != null} for a
 * variable {@code c} dereferences that may be null (likeliest when the method sets it to {@code null}), {@code v != K} for a numeric operand of arithmetic in
 * {@code c} and a {@code static final} constant {@code K} of the file (a sentinel such as {@code INFINITY};
 * likeliest when the method uses {@code K} elsewhere), {@code i < a.length} for an array read {@code a[i]}. A boolean variable in scope that {@code c} does not use goes last,
 * negated first ({@code c == ',' && !inQuotes}). Applies to {@code if}, loop and {@code ?:} conditions and
 * to the value of a {@code return} in a boolean method; at most {@link #MAX_PER_CONDITION} per condition.
 */
public final class ConditionNarrowing implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "condition-narrowing";

    /** Bound on the mutations of one condition. */
    static final int MAX_PER_CONDITION = 10;

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
            String body = ConditionGuards.operand(cond, Operator.AND, ctx);
            List<Mutation> mine = new ArrayList<>();
            for (String x : ConditionGuards.dereferenced(cond, ctx)) {
                if (!text.contains(x + " != null") && !text.contains(x + " == null")) {
                    mine.add(guard(cond, x + " != null", body, NullSafety.assignedNull(x, cond, ctx) ? 1.0 : 0.8, ctx));
                }
            }
            for (ConditionGuards.Guard s : ConditionGuards.sentinelChecks(cond, ctx)) {
                mine.add(guard(cond, s.text(), body, s.weight(), ctx));
            }
            for (String i : ConditionGuards.indexChecks(cond, ctx)) {
                mine.add(guard(cond, i, body, 0.6, ctx));
            }
            for (String flag : ConditionGuards.flags(cond, ctx)) {
                mine.add(ctx.mutation(cond, body + " && !" + flag, "narrow condition with && !" + flag, 0.8));
                mine.add(ctx.mutation(cond, body + " && " + flag, "narrow condition with && " + flag, 0.6));
            }
            mine.sort(Comparator.comparingDouble(Mutation::weight).reversed());
            out.addAll(mine.subList(0, Math.min(mine.size(), MAX_PER_CONDITION)));
        }
        return out;
    }

    private static Mutation guard(Expression cond, String guard, String body, double weight, MutationContext ctx) {
        return ctx.mutation(cond, guard + " && " + body, "narrow condition with " + guard + " &&", weight);
    }
}
